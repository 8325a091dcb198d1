//! CreateSnapshot: starts a snapshot of an EBS volume.

mod _create_snapshot_input;
mod _create_snapshot_output;
pub mod builders;

pub use _create_snapshot_input::CreateSnapshotInput;
pub use _create_snapshot_output::CreateSnapshotOutput;

use crate::client::call::{invoke, Handle};
use crate::client::error::{operation_error, ErrorMetadata, HttpResponse, SdkError};

operation_error!(
    /// An error EC2 answered CreateSnapshot with (`code()`: `InvalidVolume.NotFound`…).
    CreateSnapshotError
);

impl From<ErrorMetadata> for CreateSnapshotError {
    fn from(meta: ErrorMetadata) -> Self {
        CreateSnapshotError::generic(meta)
    }
}

pub(crate) async fn send(
    handle: &Handle,
    input: &CreateSnapshotInput,
) -> Result<CreateSnapshotOutput, SdkError<CreateSnapshotError, HttpResponse>> {
    let op = &crate::shapes::generated::CREATE_SNAPSHOT;
    let v = invoke(handle, op, &input.json(), None)
        .await
        .map_err(SdkError::from)?;
    Ok(CreateSnapshotOutput::from_value(&v))
}
