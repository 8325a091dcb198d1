//! Builders of CreateSnapshot's input and call.

use super::{send, CreateSnapshotError, CreateSnapshotInput, CreateSnapshotOutput};
use crate::client::call::Handle;
use crate::client::error::{HttpResponse, SdkError};
use crate::client::members::{list_member, string_member, value_member};
use crate::client::types::{SnapshotLocationEnum, TagSpecification};
use std::sync::Arc;

/// Builds a [`CreateSnapshotInput`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateSnapshotInputBuilder {
    pub(crate) inner: CreateSnapshotInput,
}

/// The members' setters, shared by the input builder and the fluent builder.
macro_rules! members {
    () => {
        string_member!(
            description,
            set_description,
            get_description,
            "The snapshot's description."
        );
        string_member!(
            outpost_arn,
            set_outpost_arn,
            get_outpost_arn,
            "The Outpost to store a local snapshot on."
        );
        string_member!(
            volume_id,
            set_volume_id,
            get_volume_id,
            "The volume to snapshot (required)."
        );
        list_member!(
            tag_specifications,
            set_tag_specifications,
            get_tag_specifications,
            TagSpecification,
            TagSpecification,
            "The tags to put on the snapshot."
        );
        value_member!(
            dry_run,
            set_dry_run,
            get_dry_run,
            bool,
            "Checks permissions without creating anything."
        );
        value_member!(
            location,
            set_location,
            get_location,
            SnapshotLocationEnum,
            "Where to create a local snapshot."
        );
    };
}

impl CreateSnapshotInputBuilder {
    members!();
    /// The input (required members are checked when it is sent).
    pub fn build(self) -> Result<CreateSnapshotInput, crate::client::error::BuildError> {
        Ok(self.inner)
    }
}

/// `client.create_snapshot()`: set the input, then `send().await`.
#[derive(Debug, Clone)]
pub struct CreateSnapshotFluentBuilder {
    pub(crate) handle: Arc<Handle>,
    pub(crate) inner: CreateSnapshotInput,
}

impl CreateSnapshotFluentBuilder {
    members!();
    /// The input set so far.
    pub fn as_input(&self) -> &CreateSnapshotInput {
        &self.inner
    }
    /// Sends the request.
    pub async fn send(
        self,
    ) -> Result<CreateSnapshotOutput, SdkError<CreateSnapshotError, HttpResponse>> {
        send(&self.handle, &self.inner).await
    }
}
