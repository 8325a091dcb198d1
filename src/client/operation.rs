//! `aws_sdk_ec2::operation`: one module per operation with its input, output, error and fluent
//! builder (and DescribeSnapshots' paginator), named as in the SDK.

use std::future::Future;
use std::pin::Pin;

/// A stream of results, read with `next().await` (`aws-smithy-async`'s `PaginationStream`).
pub struct PaginationStream<T> {
    source: Box<dyn Source<T>>,
}

/// What a [`PaginationStream`] pulls from.
pub(crate) trait Source<T> {
    fn next(&mut self) -> Pin<Box<dyn Future<Output = Option<T>> + '_>>;
}

impl<T> std::fmt::Debug for PaginationStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaginationStream").finish_non_exhaustive()
    }
}

impl<T> PaginationStream<T> {
    pub(crate) fn new(source: impl Source<T> + 'static) -> Self {
        PaginationStream {
            source: Box::new(source),
        }
    }
    /// The next item, `None` at the end.
    pub async fn next(&mut self) -> Option<T> {
        self.source.next().await
    }
    /// Every remaining item.
    pub async fn collect<C: FromIterator<T>>(mut self) -> C {
        let mut all = Vec::new();
        while let Some(x) = self.next().await {
            all.push(x);
        }
        all.into_iter().collect()
    }
}

impl<T, E> PaginationStream<Result<T, E>> {
    /// The next item, `Ok(None)` at the end.
    pub async fn try_next(&mut self) -> Result<Option<T>, E> {
        self.next().await.transpose()
    }
}

/// Setters, getters and `set_` forms of a string member, as the SDK generates them.
macro_rules! string_member {
    ($field:ident, $set:ident, $get:ident, $doc:literal) => {
        #[doc = $doc]
        pub fn $field(mut self, input: impl Into<String>) -> Self {
            self.inner.$field = Some(input.into());
            self
        }
        #[doc = concat!("Sets or clears: ", $doc)]
        pub fn $set(mut self, input: Option<String>) -> Self {
            self.inner.$field = input;
            self
        }
        #[doc = concat!("The value set: ", $doc)]
        pub fn $get(&self) -> &Option<String> {
            &self.inner.$field
        }
    };
}

/// Appending setters, `set_` and getters of a list member.
macro_rules! list_member {
    ($field:ident, $set:ident, $get:ident, $item:ty, $into:ty, $doc:literal) => {
        #[doc = concat!("Appends to: ", $doc)]
        pub fn $field(mut self, input: $into) -> Self {
            self.inner
                .$field
                .get_or_insert_with(Vec::new)
                .push(input.into());
            self
        }
        #[doc = concat!("Sets or clears: ", $doc)]
        pub fn $set(mut self, input: Option<Vec<$item>>) -> Self {
            self.inner.$field = input;
            self
        }
        #[doc = concat!("The value set: ", $doc)]
        pub fn $get(&self) -> &Option<Vec<$item>> {
            &self.inner.$field
        }
    };
}

/// Setter, `set_` and getter of a `Copy` member.
macro_rules! copy_member {
    ($field:ident, $set:ident, $get:ident, $t:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $field(mut self, input: $t) -> Self {
            self.inner.$field = Some(input);
            self
        }
        #[doc = concat!("Sets or clears: ", $doc)]
        pub fn $set(mut self, input: Option<$t>) -> Self {
            self.inner.$field = input;
            self
        }
        #[doc = concat!("The value set: ", $doc)]
        pub fn $get(&self) -> &Option<$t> {
            &self.inner.$field
        }
    };
}
pub(crate) use {copy_member, list_member, string_member};

/// CreateSnapshot: starts a snapshot of an EBS volume.
pub mod create_snapshot {
    use super::super::call::{invoke, Handle, JsonInput};
    use super::super::error::{operation_error, ErrorMetadata, HttpResponse, SdkError};
    use super::super::types::{SnapshotLocationEnum, TagSpecification};
    use std::sync::Arc;

    super::super::types::snapshot_like!(
        /// The snapshot CreateSnapshot started.
        CreateSnapshotOutput
    );

    operation_error!(
        /// An error EC2 answered CreateSnapshot with (`code()`: `InvalidVolume.NotFound`…).
        CreateSnapshotError
    );

    impl From<ErrorMetadata> for CreateSnapshotError {
        fn from(meta: ErrorMetadata) -> Self {
            CreateSnapshotError::generic(meta)
        }
    }

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
        /// The volume.
        pub fn volume_id(&self) -> Option<&str> {
            self.volume_id.as_deref()
        }
        /// The tag specifications (empty when none).
        pub fn tag_specifications(&self) -> &[TagSpecification] {
            self.tag_specifications.as_deref().unwrap_or_default()
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

    pub(crate) async fn send(
        handle: &Handle,
        input: &CreateSnapshotInput,
    ) -> Result<CreateSnapshotOutput, SdkError<CreateSnapshotError, HttpResponse>> {
        let op = &crate::shapes::generated::CREATE_SNAPSHOT;
        let v = invoke(handle, op, &input.json())
            .await
            .map_err(SdkError::from)?;
        Ok(CreateSnapshotOutput::from_value(&v))
    }

    /// Builders of CreateSnapshot's input and call.
    pub mod builders {
        use super::*;

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
                copy_member!(
                    dry_run,
                    set_dry_run,
                    get_dry_run,
                    bool,
                    "Checks permissions without creating anything."
                );
                /// Where to create a local snapshot.
                pub fn location(mut self, input: SnapshotLocationEnum) -> Self {
                    self.inner.location = Some(input);
                    self
                }
                /// Sets or clears the location.
                pub fn set_location(mut self, input: Option<SnapshotLocationEnum>) -> Self {
                    self.inner.location = input;
                    self
                }
                /// The location set.
                pub fn get_location(&self) -> &Option<SnapshotLocationEnum> {
                    &self.inner.location
                }
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
            ) -> Result<CreateSnapshotOutput, SdkError<CreateSnapshotError, HttpResponse>>
            {
                send(&self.handle, &self.inner).await
            }
        }
    }
}

/// DescribeSnapshots: lists snapshots, page by page.
pub mod describe_snapshots {
    use super::super::call::{invoke, Handle, JsonInput};
    use super::super::error::{operation_error, ErrorMetadata, HttpResponse, SdkError};
    use super::super::types::{Filter, Snapshot};
    use crate::shapes::generated as g;
    use std::sync::Arc;

    operation_error!(
        /// An error EC2 answered DescribeSnapshots with (`code()`: `InvalidSnapshot.NotFound`…).
        DescribeSnapshotsError
    );

    impl From<ErrorMetadata> for DescribeSnapshotsError {
        fn from(meta: ErrorMetadata) -> Self {
            DescribeSnapshotsError::generic(meta)
        }
    }

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

    pub(crate) async fn send(
        handle: &Handle,
        input: &DescribeSnapshotsInput,
    ) -> Result<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError, HttpResponse>> {
        use super::super::types::read;
        let v = invoke(handle, &g::DESCRIBE_SNAPSHOTS, &input.json())
            .await
            .map_err(SdkError::from)?;
        let s = &g::DESCRIBE_SNAPSHOTS_RESULT;
        Ok(DescribeSnapshotsOutput {
            next_token: read::string(&v, s, "NextToken"),
            snapshots: read::list(&v, s, "Snapshots", Snapshot::from_value),
        })
    }

    /// Builders of DescribeSnapshots' input and call.
    pub mod builders {
        use super::*;

        /// Builds a [`DescribeSnapshotsInput`].
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct DescribeSnapshotsInputBuilder {
            pub(crate) inner: DescribeSnapshotsInput,
        }

        /// DescribeSnapshots' members: the input builder's, the fluent builder's and the waiter's.
        macro_rules! describe_snapshots_members {
            () => {
                $crate::client::operation::copy_member!(
                    max_results,
                    set_max_results,
                    get_max_results,
                    i32,
                    "The page size (5 to 1000)."
                );
                $crate::client::operation::string_member!(
                    next_token,
                    set_next_token,
                    get_next_token,
                    "The token of the page to read."
                );
                $crate::client::operation::list_member!(
                    owner_ids,
                    set_owner_ids,
                    get_owner_ids,
                    String,
                    impl Into<String>,
                    "Owners (`self`, `amazon` or account ids)."
                );
                $crate::client::operation::list_member!(
                    restorable_by_user_ids,
                    set_restorable_by_user_ids,
                    get_restorable_by_user_ids,
                    String,
                    impl Into<String>,
                    "Accounts that can create volumes from the snapshots."
                );
                $crate::client::operation::list_member!(
                    snapshot_ids,
                    set_snapshot_ids,
                    get_snapshot_ids,
                    String,
                    impl Into<String>,
                    "The snapshots to describe."
                );
                $crate::client::operation::copy_member!(
                    dry_run,
                    set_dry_run,
                    get_dry_run,
                    bool,
                    "Checks permissions without describing."
                );
                $crate::client::operation::list_member!(
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
            ) -> Result<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError, HttpResponse>>
            {
                send(&self.handle, &self.inner).await
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
    }

    /// The DescribeSnapshots paginator.
    pub mod paginator {
        use super::super::{PaginationStream, Source};
        use super::*;
        use std::collections::VecDeque;
        use std::future::Future;
        use std::pin::Pin;

        type PageResult =
            Result<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError, HttpResponse>>;

        /// Pages of DescribeSnapshots.
        #[derive(Debug, Clone)]
        pub struct DescribeSnapshotsPaginator {
            pub(crate) handle: Arc<Handle>,
            pub(crate) input: DescribeSnapshotsInput,
            pub(crate) stop_on_duplicate_token: bool,
        }

        impl DescribeSnapshotsPaginator {
            /// The page size (`MaxResults`).
            pub fn page_size(mut self, limit: i32) -> Self {
                self.input.max_results = Some(limit);
                self
            }
            /// Stops when a page repeats the previous token (on by default).
            pub fn stop_on_duplicate_token(mut self, stop: bool) -> Self {
                self.stop_on_duplicate_token = stop;
                self
            }
            /// The snapshots of every page, one by one.
            pub fn items(self) -> DescribeSnapshotsPaginatorItems {
                DescribeSnapshotsPaginatorItems(self)
            }
            /// The pages as a stream: `while let Some(page) = pages.next().await`.
            pub fn send(self) -> PaginationStream<PageResult> {
                PaginationStream::new(Pages {
                    p: self,
                    token: None,
                    started: false,
                    done: false,
                })
            }
        }

        /// The snapshots of every page.
        #[derive(Debug, Clone)]
        pub struct DescribeSnapshotsPaginatorItems(DescribeSnapshotsPaginator);

        impl DescribeSnapshotsPaginatorItems {
            /// The snapshots as a stream; an error ends it after being yielded.
            pub fn send(
                self,
            ) -> PaginationStream<Result<Snapshot, SdkError<DescribeSnapshotsError, HttpResponse>>>
            {
                PaginationStream::new(Items {
                    pages: self.0.send(),
                    buffer: VecDeque::new(),
                    done: false,
                })
            }
        }

        struct Pages {
            p: DescribeSnapshotsPaginator,
            token: Option<String>,
            started: bool,
            done: bool,
        }

        impl Source<PageResult> for Pages {
            fn next(&mut self) -> Pin<Box<dyn Future<Output = Option<PageResult>> + '_>> {
                Box::pin(async move {
                    if self.done {
                        return None;
                    }
                    let mut input = self.p.input.clone();
                    if self.started {
                        input.next_token = self.token.clone();
                    }
                    self.started = true;
                    let page = send(&self.p.handle, &input).await;
                    match &page {
                        Ok(out) => {
                            let next = out.next_token.clone().filter(|t| !t.is_empty());
                            let repeated = self.p.stop_on_duplicate_token
                                && next.is_some()
                                && next == input.next_token;
                            self.done = next.is_none() || repeated;
                            self.token = next;
                        }
                        Err(_) => self.done = true,
                    }
                    Some(page)
                })
            }
        }

        struct Items {
            pages: PaginationStream<PageResult>,
            buffer: VecDeque<Snapshot>,
            done: bool,
        }

        impl Source<Result<Snapshot, SdkError<DescribeSnapshotsError, HttpResponse>>> for Items {
            fn next(
                &mut self,
            ) -> Pin<
                Box<
                    dyn Future<
                            Output = Option<
                                Result<Snapshot, SdkError<DescribeSnapshotsError, HttpResponse>>,
                            >,
                        > + '_,
                >,
            > {
                Box::pin(async move {
                    loop {
                        if let Some(s) = self.buffer.pop_front() {
                            return Some(Ok(s));
                        }
                        if self.done {
                            return None;
                        }
                        match self.pages.next().await {
                            None => self.done = true,
                            Some(Err(e)) => {
                                self.done = true;
                                return Some(Err(e));
                            }
                            Some(Ok(page)) => {
                                self.buffer.extend(page.snapshots.unwrap_or_default())
                            }
                        }
                    }
                })
            }
        }
    }
}
