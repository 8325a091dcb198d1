//! DescribeSnapshots: lists snapshots, page by page.

mod _describe_snapshots_input;
mod _describe_snapshots_output;
pub mod builders;
pub mod paginator;

pub use _describe_snapshots_input::DescribeSnapshotsInput;
pub use _describe_snapshots_output::DescribeSnapshotsOutput;

use crate::client::call::{invoke, Handle};
use crate::client::error::{operation_error, ErrorMetadata, HttpResponse, SdkError};
use crate::client::platform::Abort;
use crate::client::types::Snapshot;
use crate::shapes::generated as g;

operation_error!(
    /// An error EC2 answered DescribeSnapshots with (`code()`: `InvalidSnapshot.NotFound`…).
    DescribeSnapshotsError
);

impl From<ErrorMetadata> for DescribeSnapshotsError {
    fn from(meta: ErrorMetadata) -> Self {
        DescribeSnapshotsError::generic(meta)
    }
}

/// One page; `abort` (the waiter's) can end the request in flight.
pub(crate) async fn send(
    handle: &Handle,
    input: &DescribeSnapshotsInput,
    abort: Option<&Abort>,
) -> Result<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError, HttpResponse>> {
    use crate::client::types::read;
    let v = invoke(handle, &g::DESCRIBE_SNAPSHOTS, &input.json(), abort)
        .await
        .map_err(SdkError::from)?;
    let s = &g::DESCRIBE_SNAPSHOTS_RESULT;
    Ok(DescribeSnapshotsOutput {
        next_token: read::string(&v, s, "NextToken"),
        snapshots: read::list(&v, s, "Snapshots", Snapshot::from_value),
    })
}
