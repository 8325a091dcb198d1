//! The CreateSnapshot operation's shapes (EC2 API 2016-11-15), named as in the AWS model.
//!
//! Member order follows the order the AWS SDK for JavaScript v3 serializes them in.

/// Defines a string enum that keeps values it does not know, so a new value from the service
/// never breaks parsing.
macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $value:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value this version does not know, kept verbatim.
            Unknown(String),
        }
        impl $name {
            /// Every value the model defines.
            pub const VALUES: &'static [&'static str] = &[$($value),+];
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)+
                    $name::Unknown(v) => v,
                }
            }
            /// Maps a wire value, keeping unknown ones.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $($value => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }
    };
}

string_enum! {
    /// `SnapshotLocationEnum`: where a snapshot of an Outposts volume is stored.
    SnapshotLocation {
        /// `regional`
        Regional => "regional",
        /// `local`
        Local => "local",
    }
}

string_enum! {
    /// `SnapshotState`.
    SnapshotState {
        /// `pending`
        Pending => "pending",
        /// `completed`
        Completed => "completed",
        /// `error`
        Error => "error",
        /// `recoverable`
        Recoverable => "recoverable",
        /// `recovering`
        Recovering => "recovering",
    }
}

string_enum! {
    /// `StorageTier`.
    StorageTier {
        /// `archive`
        Archive => "archive",
        /// `standard`
        Standard => "standard",
    }
}

string_enum! {
    /// `SSEType`.
    SseType {
        /// `sse-ebs`
        SseEbs => "sse-ebs",
        /// `sse-kms`
        SseKms => "sse-kms",
        /// `none`
        None => "none",
    }
}

string_enum! {
    /// `TransferType`.
    TransferType {
        /// `time-based`
        TimeBased => "time-based",
        /// `standard`
        Standard => "standard",
    }
}

/// `Tag`: a key/value pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tag {
    /// `Key`
    pub key: Option<String>,
    /// `Value`
    pub value: Option<String>,
}

/// `TagSpecification`: tags to apply to a resource type when it is created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagSpecification {
    /// `ResourceType` (a long, growing enum in the model; the service validates it, as with the AWS SDK).
    pub resource_type: Option<String>,
    /// `Tags` (query key `Tag`).
    pub tags: Option<Vec<Tag>>,
}

/// `CreateSnapshotRequest`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateSnapshotInput {
    /// `VolumeId` (required).
    pub volume_id: String,
    /// `Description`
    pub description: Option<String>,
    /// `OutpostArn`
    pub outpost_arn: Option<String>,
    /// `TagSpecifications` (query key `TagSpecification`). `None` entries are skipped like the SDK skips `null`.
    pub tag_specifications: Option<Vec<TagSpecification>>,
    /// `Location`
    pub location: Option<SnapshotLocation>,
    /// `DryRun`
    pub dry_run: Option<bool>,
}

/// A timestamp as epoch milliseconds (what a JS `Date` holds).
pub type EpochMillis = f64;

/// `Snapshot`: the CreateSnapshot output (23 members).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// `OwnerAlias` (`ownerAlias`)
    pub owner_alias: Option<String>,
    /// `OutpostArn` (`outpostArn`)
    pub outpost_arn: Option<String>,
    /// `Tags` (`tagSet/item`)
    pub tags: Option<Vec<Tag>>,
    /// `StorageTier` (`storageTier`)
    pub storage_tier: Option<StorageTier>,
    /// `RestoreExpiryTime` (`restoreExpiryTime`)
    pub restore_expiry_time: Option<EpochMillis>,
    /// `SseType` (`sseType`)
    pub sse_type: Option<SseType>,
    /// `AvailabilityZone` (`availabilityZone`)
    pub availability_zone: Option<String>,
    /// `TransferType` (`transferType`)
    pub transfer_type: Option<TransferType>,
    /// `CompletionDurationMinutes` (`completionDurationMinutes`)
    pub completion_duration_minutes: Option<i32>,
    /// `CompletionTime` (`completionTime`)
    pub completion_time: Option<EpochMillis>,
    /// `FullSnapshotSizeInBytes` (`fullSnapshotSizeInBytes`)
    pub full_snapshot_size_in_bytes: Option<i64>,
    /// `SnapshotId` (`snapshotId`)
    pub snapshot_id: Option<String>,
    /// `VolumeId` (`volumeId`)
    pub volume_id: Option<String>,
    /// `State` (`status`)
    pub state: Option<SnapshotState>,
    /// `StateMessage` (`statusMessage`)
    pub state_message: Option<String>,
    /// `StartTime` (`startTime`)
    pub start_time: Option<EpochMillis>,
    /// `Progress` (`progress`)
    pub progress: Option<String>,
    /// `OwnerId` (`ownerId`)
    pub owner_id: Option<String>,
    /// `Description` (`description`)
    pub description: Option<String>,
    /// `VolumeSize` (`volumeSize`)
    pub volume_size: Option<i32>,
    /// `Encrypted` (`encrypted`)
    pub encrypted: Option<bool>,
    /// `KmsKeyId` (`kmsKeyId`)
    pub kms_key_id: Option<String>,
    /// `DataEncryptionKeyId` (`dataEncryptionKeyId`)
    pub data_encryption_key_id: Option<String>,
}

/// An EC2 error response: `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/>`
/// or the `<ErrorResponse>` variant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceError {
    /// `Code`, e.g. `InvalidVolume.NotFound`.
    pub code: Option<String>,
    /// `Message`
    pub message: Option<String>,
    /// `RequestID` (or `RequestId`) from the body.
    pub request_id: Option<String>,
}
