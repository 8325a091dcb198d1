use super::builders;
use crate::client::call::JsonInput;
use crate::client::types::Filter;

/// DescribeSnapshots' input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DescribeSnapshotsInput {
    pub(crate) max_results: Option<i32>,
    pub(crate) next_token: Option<String>,
    pub(crate) owner_ids: Option<Vec<String>>,
    pub(crate) restorable_by_user_ids: Option<Vec<String>>,
    pub(crate) snapshot_ids: Option<Vec<String>>,
    pub(crate) dry_run: Option<bool>,
    pub(crate) filters: Option<Vec<Filter>>,
}

impl DescribeSnapshotsInput {
    /// A builder.
    pub fn builder() -> builders::DescribeSnapshotsInputBuilder {
        builders::DescribeSnapshotsInputBuilder::default()
    }
    /// The page size.
    pub fn max_results(&self) -> Option<i32> {
        self.max_results
    }
    /// The page token.
    pub fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }
    /// The owners (empty when none).
    pub fn owner_ids(&self) -> &[String] {
        self.owner_ids.as_deref().unwrap_or_default()
    }
    /// The accounts that can create volumes from the snapshots (empty when none).
    pub fn restorable_by_user_ids(&self) -> &[String] {
        self.restorable_by_user_ids.as_deref().unwrap_or_default()
    }
    /// Whether only permissions are checked.
    pub fn dry_run(&self) -> Option<bool> {
        self.dry_run
    }
    /// The snapshot ids (empty when none).
    pub fn snapshot_ids(&self) -> &[String] {
        self.snapshot_ids.as_deref().unwrap_or_default()
    }
    /// The filters (empty when none).
    pub fn filters(&self) -> &[Filter] {
        self.filters.as_deref().unwrap_or_default()
    }

    pub(crate) fn json(&self) -> String {
        let mut j = JsonInput::default();
        j.int("MaxResults", self.max_results.map(i64::from))
            .str("NextToken", &self.next_token)
            .strs("OwnerIds", &self.owner_ids)
            .strs("RestorableByUserIds", &self.restorable_by_user_ids)
            .strs("SnapshotIds", &self.snapshot_ids)
            .bool("DryRun", self.dry_run)
            .objects("Filters", &self.filters, |f, o| {
                o.str("Name", &f.name).strs("Values", &f.values);
            });
        j.finish()
    }
}
