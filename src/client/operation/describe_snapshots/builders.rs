//! Builders of DescribeSnapshots' input and call.

use super::{send, DescribeSnapshotsError, DescribeSnapshotsInput, DescribeSnapshotsOutput};
use crate::client::call::Handle;
use crate::client::error::{HttpResponse, SdkError};
use crate::client::types::Filter;
use std::sync::Arc;

/// Builds a [`DescribeSnapshotsInput`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DescribeSnapshotsInputBuilder {
    pub(crate) inner: DescribeSnapshotsInput,
}

/// DescribeSnapshots' members: the input builder's, the fluent builder's and the waiter's.
macro_rules! describe_snapshots_members {
    () => {
        $crate::client::members::value_member!(
            max_results,
            set_max_results,
            get_max_results,
            i32,
            "The page size (5 to 1000)."
        );
        $crate::client::members::string_member!(
            next_token,
            set_next_token,
            get_next_token,
            "The token of the page to read."
        );
        $crate::client::members::list_member!(
            owner_ids,
            set_owner_ids,
            get_owner_ids,
            String,
            impl Into<String>,
            "Owners (`self`, `amazon` or account ids)."
        );
        $crate::client::members::list_member!(
            restorable_by_user_ids,
            set_restorable_by_user_ids,
            get_restorable_by_user_ids,
            String,
            impl Into<String>,
            "Accounts that can create volumes from the snapshots."
        );
        $crate::client::members::list_member!(
            snapshot_ids,
            set_snapshot_ids,
            get_snapshot_ids,
            String,
            impl Into<String>,
            "The snapshots to describe."
        );
        $crate::client::members::value_member!(
            dry_run,
            set_dry_run,
            get_dry_run,
            bool,
            "Checks permissions without describing."
        );
        $crate::client::members::list_member!(
            filters,
            set_filters,
            get_filters,
            Filter,
            Filter,
            "Filters (`volume-id`, `status`, `tag:Name`…)."
        );
    };
}
pub(crate) use describe_snapshots_members;

impl DescribeSnapshotsInputBuilder {
    describe_snapshots_members!();
    /// The input.
    pub fn build(self) -> Result<DescribeSnapshotsInput, crate::client::error::BuildError> {
        Ok(self.inner)
    }
}

/// `client.describe_snapshots()`: set the input, then `send().await` or `into_paginator()`.
#[derive(Debug, Clone)]
pub struct DescribeSnapshotsFluentBuilder {
    pub(crate) handle: Arc<Handle>,
    pub(crate) inner: DescribeSnapshotsInput,
}

impl DescribeSnapshotsFluentBuilder {
    describe_snapshots_members!();
    /// The input set so far.
    pub fn as_input(&self) -> &DescribeSnapshotsInput {
        &self.inner
    }
    /// Sends the request: one page.
    pub async fn send(
        self,
    ) -> Result<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError, HttpResponse>> {
        send(&self.handle, &self.inner, None).await
    }
    /// Every page, following `next_token`.
    pub fn into_paginator(self) -> super::paginator::DescribeSnapshotsPaginator {
        super::paginator::DescribeSnapshotsPaginator {
            handle: self.handle,
            input: self.inner,
            stop_on_duplicate_token: true,
        }
    }
}
