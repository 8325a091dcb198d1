use super::builders;
use crate::client::call::JsonInput;
use crate::client::types::{SnapshotLocationEnum, TagSpecification};

/// CreateSnapshot's input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateSnapshotInput {
    pub(crate) description: Option<String>,
    pub(crate) outpost_arn: Option<String>,
    pub(crate) volume_id: Option<String>,
    pub(crate) tag_specifications: Option<Vec<TagSpecification>>,
    pub(crate) location: Option<SnapshotLocationEnum>,
    pub(crate) dry_run: Option<bool>,
}

impl CreateSnapshotInput {
    /// A builder.
    pub fn builder() -> builders::CreateSnapshotInputBuilder {
        builders::CreateSnapshotInputBuilder::default()
    }
    /// The description.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    /// The Outpost to store a local snapshot on.
    pub fn outpost_arn(&self) -> Option<&str> {
        self.outpost_arn.as_deref()
    }
    /// The volume.
    pub fn volume_id(&self) -> Option<&str> {
        self.volume_id.as_deref()
    }
    /// The tag specifications (empty when none).
    pub fn tag_specifications(&self) -> &[TagSpecification] {
        self.tag_specifications.as_deref().unwrap_or_default()
    }
    /// Where to create a local snapshot.
    pub fn location(&self) -> Option<&SnapshotLocationEnum> {
        self.location.as_ref()
    }
    /// Whether only permissions are checked.
    pub fn dry_run(&self) -> Option<bool> {
        self.dry_run
    }

    /// The npm package's JSON input.
    pub(crate) fn json(&self) -> String {
        let mut j = JsonInput::default();
        j.str("Description", &self.description)
            .str("OutpostArn", &self.outpost_arn)
            .str("VolumeId", &self.volume_id)
            .objects("TagSpecifications", &self.tag_specifications, |t, o| {
                o.str(
                    "ResourceType",
                    &t.resource_type.as_ref().map(|r| r.as_str().to_owned()),
                )
                .objects("Tags", &t.tags, |tag, o| {
                    o.str("Key", &tag.key).str("Value", &tag.value);
                });
            })
            .str(
                "Location",
                &self.location.as_ref().map(|l| l.as_str().to_owned()),
            )
            .bool("DryRun", self.dry_run);
        j.finish()
    }
}
