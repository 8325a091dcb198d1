use crate::client::types::Snapshot;

/// A page of snapshots.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DescribeSnapshotsOutput {
    pub(crate) next_token: Option<String>,
    pub(crate) snapshots: Option<Vec<Snapshot>>,
}

impl DescribeSnapshotsOutput {
    /// The token of the next page; `None` on the last.
    pub fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }
    /// The snapshots (empty when none).
    pub fn snapshots(&self) -> &[Snapshot] {
        self.snapshots.as_deref().unwrap_or_default()
    }
}
