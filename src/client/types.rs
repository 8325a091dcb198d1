//! `aws_sdk_ec2::types`: the structures and enums of the two operations, with the SDK's builder,
//! getter and variant names. Enums keep values they do not know in `Unknown`, as the SDK's do.

use super::primitives::DateTime;
use crate::shapes::{generated as g, StructureShape, Value};

/// A value an enum did not know (held by its `Unknown` variant; compare with `as_str()`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A value this version does not know.
            #[deprecated(note = "Don't directly match on `Unknown`. See the docs on this enum for the correct way to handle unknown variants.")]
            Unknown(UnknownVariantValue),
        }

        #[allow(deprecated)]
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Unknown(v) => v.as_str(),
                }
            }
            /// Every value this version knows.
            pub const fn values() -> &'static [&'static str] {
                &[$($text,)*]
            }
        }

        #[allow(deprecated)]
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($text => $name::$variant,)*
                    other => $name::Unknown(UnknownVariantValue(other.to_owned())),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// A snapshot's state.
    SnapshotState {
        /// `pending`
        Pending = "pending",
        /// `completed`
        Completed = "completed",
        /// `error`
        Error = "error",
        /// `recoverable`
        Recoverable = "recoverable",
        /// `recovering`
        Recovering = "recovering",
    }
);

string_enum!(
    /// Server-side encryption of a snapshot.
    SseType {
        /// `sse-ebs`
        SseEbs = "sse-ebs",
        /// `sse-kms`
        SseKms = "sse-kms",
        /// `none`
        None = "none",
    }
);

string_enum!(
    /// Where a snapshot is stored.
    SnapshotLocationEnum {
        /// `regional`
        Regional = "regional",
        /// `local`
        Local = "local",
    }
);

string_enum!(
    /// A snapshot's storage tier.
    StorageTier {
        /// `archive`
        Archive = "archive",
        /// `standard`
        Standard = "standard",
    }
);

string_enum!(
    /// How a snapshot was created.
    TransferType {
        /// `time-based`
        TimeBased = "time-based",
        /// `standard`
        Standard = "standard",
    }
);

string_enum!(
    /// The type of resource a tag specification tags. The SDK's enum has every EC2 resource type;
    /// this one names those near snapshots, and any other value works through `ResourceType::from`.
    ResourceType {
        /// `snapshot`
        Snapshot = "snapshot",
        /// `volume`
        Volume = "volume",
        /// `instance`
        Instance = "instance",
        /// `image`
        Image = "image",
        /// `network-interface`
        NetworkInterface = "network-interface",
        /// `launch-template`
        LaunchTemplate = "launch-template",
    }
);

/// A tag: key and value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tag {
    pub(crate) key: Option<String>,
    pub(crate) value: Option<String>,
}

impl Tag {
    /// A builder.
    pub fn builder() -> builders::TagBuilder {
        builders::TagBuilder::default()
    }
    /// The key.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }
    /// The value.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}

/// Tags to put on a resource as it is created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagSpecification {
    pub(crate) resource_type: Option<ResourceType>,
    pub(crate) tags: Option<Vec<Tag>>,
}

impl TagSpecification {
    /// A builder.
    pub fn builder() -> builders::TagSpecificationBuilder {
        builders::TagSpecificationBuilder::default()
    }
    /// The resource type.
    pub fn resource_type(&self) -> Option<&ResourceType> {
        self.resource_type.as_ref()
    }
    /// The tags (empty when none were set).
    pub fn tags(&self) -> &[Tag] {
        self.tags.as_deref().unwrap_or_default()
    }
}

/// A DescribeSnapshots filter: a name and the values to match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub(crate) name: Option<String>,
    pub(crate) values: Option<Vec<String>>,
}

impl Filter {
    /// A builder.
    pub fn builder() -> builders::FilterBuilder {
        builders::FilterBuilder::default()
    }
    /// The filter name (`volume-id`, `status`, `tag:Name`…).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// The values (empty when none were set).
    pub fn values(&self) -> &[String] {
        self.values.as_deref().unwrap_or_default()
    }
}

/// Defines a structure of the snapshot's members with the SDK's getters, read from the core's
/// [`Value`] by the model's member names.
macro_rules! snapshot_like {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            pub(crate) owner_alias: Option<String>,
            pub(crate) outpost_arn: Option<String>,
            pub(crate) tags: Option<Vec<$crate::client::types::Tag>>,
            pub(crate) storage_tier: Option<$crate::client::types::StorageTier>,
            pub(crate) restore_expiry_time: Option<$crate::client::primitives::DateTime>,
            pub(crate) sse_type: Option<$crate::client::types::SseType>,
            pub(crate) availability_zone: Option<String>,
            pub(crate) transfer_type: Option<$crate::client::types::TransferType>,
            pub(crate) completion_duration_minutes: Option<i32>,
            pub(crate) completion_time: Option<$crate::client::primitives::DateTime>,
            pub(crate) full_snapshot_size_in_bytes: Option<i64>,
            pub(crate) snapshot_id: Option<String>,
            pub(crate) volume_id: Option<String>,
            pub(crate) state: Option<$crate::client::types::SnapshotState>,
            pub(crate) state_message: Option<String>,
            pub(crate) start_time: Option<$crate::client::primitives::DateTime>,
            pub(crate) progress: Option<String>,
            pub(crate) owner_id: Option<String>,
            pub(crate) description: Option<String>,
            pub(crate) volume_size: Option<i32>,
            pub(crate) encrypted: Option<bool>,
            pub(crate) kms_key_id: Option<String>,
            pub(crate) data_encryption_key_id: Option<String>,
        }

        impl $name {
            /// The Amazon-maintained owner alias (`amazon`), for public snapshots.
            pub fn owner_alias(&self) -> Option<&str> { self.owner_alias.as_deref() }
            /// The Outpost's ARN, for snapshots on an Outpost.
            pub fn outpost_arn(&self) -> Option<&str> { self.outpost_arn.as_deref() }
            /// The tags (empty when none).
            pub fn tags(&self) -> &[$crate::client::types::Tag] { self.tags.as_deref().unwrap_or_default() }
            /// The storage tier.
            pub fn storage_tier(&self) -> Option<&$crate::client::types::StorageTier> { self.storage_tier.as_ref() }
            /// When an archived snapshot's temporary restore expires.
            pub fn restore_expiry_time(&self) -> Option<&$crate::client::primitives::DateTime> { self.restore_expiry_time.as_ref() }
            /// The server-side encryption type.
            pub fn sse_type(&self) -> Option<&$crate::client::types::SseType> { self.sse_type.as_ref() }
            /// The Availability Zone of a Local Zone snapshot.
            pub fn availability_zone(&self) -> Option<&str> { self.availability_zone.as_deref() }
            /// How the snapshot was created.
            pub fn transfer_type(&self) -> Option<&$crate::client::types::TransferType> { self.transfer_type.as_ref() }
            /// The completion duration requested for a time-based snapshot.
            pub fn completion_duration_minutes(&self) -> Option<i32> { self.completion_duration_minutes }
            /// When the snapshot completed.
            pub fn completion_time(&self) -> Option<&$crate::client::primitives::DateTime> { self.completion_time.as_ref() }
            /// The full size of the snapshot in bytes.
            pub fn full_snapshot_size_in_bytes(&self) -> Option<i64> { self.full_snapshot_size_in_bytes }
            /// The snapshot id (`snap-…`).
            pub fn snapshot_id(&self) -> Option<&str> { self.snapshot_id.as_deref() }
            /// The volume the snapshot is of.
            pub fn volume_id(&self) -> Option<&str> { self.volume_id.as_deref() }
            /// The state.
            pub fn state(&self) -> Option<&$crate::client::types::SnapshotState> { self.state.as_ref() }
            /// Why the snapshot is in the error state.
            pub fn state_message(&self) -> Option<&str> { self.state_message.as_deref() }
            /// When the snapshot started.
            pub fn start_time(&self) -> Option<&$crate::client::primitives::DateTime> { self.start_time.as_ref() }
            /// The progress as a percentage (`"100%"`).
            pub fn progress(&self) -> Option<&str> { self.progress.as_deref() }
            /// The owning account.
            pub fn owner_id(&self) -> Option<&str> { self.owner_id.as_deref() }
            /// The description.
            pub fn description(&self) -> Option<&str> { self.description.as_deref() }
            /// The volume size in GiB.
            pub fn volume_size(&self) -> Option<i32> { self.volume_size }
            /// Whether the snapshot is encrypted.
            pub fn encrypted(&self) -> Option<bool> { self.encrypted }
            /// The KMS key that protects the volume's encryption key.
            pub fn kms_key_id(&self) -> Option<&str> { self.kms_key_id.as_deref() }
            /// The data encryption key id.
            pub fn data_encryption_key_id(&self) -> Option<&str> { self.data_encryption_key_id.as_deref() }

            /// Reads the members from a value of the `Snapshot` shape.
            pub(crate) fn from_value(v: &$crate::shapes::Value) -> Self {
                use $crate::client::types::read::*;
                let s = &$crate::shapes::generated::SNAPSHOT;
                $name {
                    owner_alias: string(v, s, "OwnerAlias"),
                    outpost_arn: string(v, s, "OutpostArn"),
                    tags: list(v, s, "Tags", $crate::client::types::Tag::from_value),
                    storage_tier: string(v, s, "StorageTier").map(|x| x.as_str().into()),
                    restore_expiry_time: time(v, s, "RestoreExpiryTime"),
                    sse_type: string(v, s, "SseType").map(|x| x.as_str().into()),
                    availability_zone: string(v, s, "AvailabilityZone"),
                    transfer_type: string(v, s, "TransferType").map(|x| x.as_str().into()),
                    completion_duration_minutes: int(v, s, "CompletionDurationMinutes").map(|n| n as i32),
                    completion_time: time(v, s, "CompletionTime"),
                    full_snapshot_size_in_bytes: int(v, s, "FullSnapshotSizeInBytes"),
                    snapshot_id: string(v, s, "SnapshotId"),
                    volume_id: string(v, s, "VolumeId"),
                    state: string(v, s, "State").map(|x| x.as_str().into()),
                    state_message: string(v, s, "StateMessage"),
                    start_time: time(v, s, "StartTime"),
                    progress: string(v, s, "Progress"),
                    owner_id: string(v, s, "OwnerId"),
                    description: string(v, s, "Description"),
                    volume_size: int(v, s, "VolumeSize").map(|n| n as i32),
                    encrypted: boolean(v, s, "Encrypted"),
                    kms_key_id: string(v, s, "KmsKeyId"),
                    data_encryption_key_id: string(v, s, "DataEncryptionKeyId"),
                }
            }
        }
    };
}
pub(crate) use snapshot_like;

snapshot_like!(
    /// A snapshot of an EBS volume.
    Snapshot
);

impl Tag {
    pub(crate) fn from_value(v: &Value) -> Self {
        Tag {
            key: read::string(v, &g::TAG, "Key"),
            value: read::string(v, &g::TAG, "Value"),
        }
    }
}

/// Typed reads of the core's output values by member name.
pub(crate) mod read {
    use super::*;

    pub(crate) fn string(v: &Value, s: &StructureShape, name: &str) -> Option<String> {
        match v.get(s, name)? {
            Value::Str(x) | Value::Float(x) => Some(x.clone()),
            _ => None,
        }
    }
    pub(crate) fn int(v: &Value, s: &StructureShape, name: &str) -> Option<i64> {
        match v.get(s, name)? {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
    pub(crate) fn boolean(v: &Value, s: &StructureShape, name: &str) -> Option<bool> {
        match v.get(s, name)? {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub(crate) fn time(v: &Value, s: &StructureShape, name: &str) -> Option<DateTime> {
        match v.get(s, name)? {
            Value::Time(ms) if ms.is_finite() => Some(DateTime::from_millis(ms.floor() as i64)),
            _ => None,
        }
    }
    pub(crate) fn list<T>(
        v: &Value,
        s: &StructureShape,
        name: &str,
        each: impl Fn(&Value) -> T,
    ) -> Option<Vec<T>> {
        match v.get(s, name)? {
            Value::List(items) => Some(items.iter().map(each).collect()),
            _ => None,
        }
    }
}

/// Builders of the structures above.
pub mod builders {
    use super::*;
    use crate::client::members::{list_member, string_member, value_member};

    /// Builds a [`Tag`].
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct TagBuilder {
        inner: Tag,
    }

    impl TagBuilder {
        string_member!(key, set_key, get_key, "The key.");
        string_member!(value, set_value, get_value, "The value.");
        /// The tag.
        pub fn build(self) -> Tag {
            self.inner
        }
    }

    /// Builds a [`TagSpecification`].
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct TagSpecificationBuilder {
        inner: TagSpecification,
    }

    impl TagSpecificationBuilder {
        value_member!(
            resource_type,
            set_resource_type,
            get_resource_type,
            ResourceType,
            "The resource type (`ResourceType::Snapshot` for CreateSnapshot)."
        );
        list_member!(tags, set_tags, get_tags, Tag, Tag, "The tags.");
        /// The tag specification.
        pub fn build(self) -> TagSpecification {
            self.inner
        }
    }

    /// Builds a [`Filter`].
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct FilterBuilder {
        inner: Filter,
    }

    impl FilterBuilder {
        string_member!(name, set_name, get_name, "The filter name.");
        list_member!(
            values,
            set_values,
            get_values,
            String,
            impl Into<String>,
            "The values to match."
        );
        /// The filter.
        pub fn build(self) -> Filter {
            self.inner
        }
    }
}
