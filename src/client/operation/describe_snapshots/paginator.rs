//! The DescribeSnapshots paginator.

use super::{send, DescribeSnapshotsError, DescribeSnapshotsInput, DescribeSnapshotsOutput};
use crate::client::call::Handle;
use crate::client::error::{HttpResponse, SdkError};
use crate::client::operation::{PaginationStream, Source};
use crate::client::types::Snapshot;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type PageResult = Result<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError, HttpResponse>>;

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
    ) -> PaginationStream<Result<Snapshot, SdkError<DescribeSnapshotsError, HttpResponse>>> {
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
            let page = send(&self.p.handle, &input, None).await;
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
                    Some(Ok(page)) => self.buffer.extend(page.snapshots.unwrap_or_default()),
                }
            }
        })
    }
}
