//! `aws_sdk_ec2::operation`: one module per operation with its input, output, error and fluent
//! builder (and DescribeSnapshots' paginator), named and laid out as in the SDK
//! (`operation/create_snapshot.rs`, `operation/create_snapshot/builders.rs`, …).

pub mod create_snapshot;
pub mod describe_snapshots;

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
