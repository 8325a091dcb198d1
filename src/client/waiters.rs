//! `aws_sdk_ec2::waiters`: the SnapshotCompleted waiter (botocore's `waiters-2` model, copied in
//! `tests/vectors/model/describe-snapshots-model.json`): DescribeSnapshots every 15 to 120 s until
//! every snapshot is `completed` (success) or one is `error` (failure). As in `aws-sdk-ec2`, a poll
//! that fails ends the wait with `WaiterError::OperationFailed` (no acceptor matches errors).

use std::time::Duration;

pub use super::error::WaiterError;

/// The SnapshotCompleted waiter.
pub mod snapshot_completed {
    use super::super::call::Handle;
    use super::super::error::{
        BuildError, ExceededMaxWait, FailureState, OperationFailed, SdkError, WaiterError,
    };
    use super::super::operation::describe_snapshots::builders::{
        describe_snapshots_members, DescribeSnapshotsInputBuilder,
    };
    use super::super::operation::describe_snapshots::{
        self, DescribeSnapshotsError, DescribeSnapshotsInput, DescribeSnapshotsOutput,
    };
    use super::super::platform;
    use super::super::types::{Filter, SnapshotState};
    use super::Duration;
    use std::sync::Arc;

    /// The waiter's delays from the model: `delay` 15 s; the SDK's cap, 120 s.
    const MIN_DELAY: Duration = Duration::from_secs(15);
    const MAX_DELAY: Duration = Duration::from_secs(120);

    /// What a successful wait returns: the last poll's result.
    #[derive(Debug)]
    pub struct FinalPoll<O, E> {
        inner: Result<O, E>,
    }

    impl<O, E> FinalPoll<O, E> {
        /// The last poll's output (or error).
        pub fn into_result(self) -> Result<O, E> {
            self.inner
        }
        /// Borrows it.
        pub fn as_result(&self) -> Result<&O, &E> {
            self.inner.as_ref()
        }
    }

    /// Successful return type of the waiter.
    pub type SnapshotCompletedFinalPoll =
        FinalPoll<DescribeSnapshotsOutput, SdkError<DescribeSnapshotsError>>;

    /// Error type of the waiter.
    pub type WaitUntilSnapshotCompletedError =
        WaiterError<DescribeSnapshotsOutput, DescribeSnapshotsError>;

    /// `client.wait_until_snapshot_completed()`: the DescribeSnapshots input, then `wait(max)`.
    #[derive(Debug, Clone)]
    pub struct SnapshotCompletedFluentBuilder {
        pub(crate) handle: Arc<Handle>,
        pub(crate) inner: DescribeSnapshotsInput,
        pub(crate) min_delay: Duration,
        pub(crate) max_delay: Duration,
    }

    impl SnapshotCompletedFluentBuilder {
        pub(crate) fn new(handle: Arc<Handle>) -> Self {
            SnapshotCompletedFluentBuilder {
                handle,
                inner: DescribeSnapshotsInput::default(),
                min_delay: MIN_DELAY,
                max_delay: MAX_DELAY,
            }
        }
        describe_snapshots_members!();

        /// The input polled with.
        pub fn as_input(&self) -> DescribeSnapshotsInputBuilder {
            DescribeSnapshotsInputBuilder {
                inner: self.inner.clone(),
            }
        }

        /// ec2-wasm extension (not in `aws-sdk-ec2`): the shortest wait between polls (15 s).
        pub fn min_delay(mut self, delay: Duration) -> Self {
            self.min_delay = delay;
            self
        }
        /// ec2-wasm extension (not in `aws-sdk-ec2`): the longest wait between polls (120 s).
        pub fn max_delay(mut self, delay: Duration) -> Self {
            self.max_delay = delay;
            self
        }

        /// Polls until every snapshot is `completed` (Ok), one is `error`, a poll fails, or
        /// `max_wait` passes: before the next poll would start, or during a poll (which is then
        /// aborted). Timed on `performance.now()`.
        pub async fn wait(
            self,
            max_wait: Duration,
        ) -> Result<SnapshotCompletedFinalPoll, WaitUntilSnapshotCompletedError> {
            if max_wait.is_zero() {
                return Err(WaiterError::ConstructionFailure(BuildError::config(
                    "max_wait: must be greater than zero",
                )));
            }
            if self.min_delay.is_zero() || self.max_delay < self.min_delay {
                return Err(WaiterError::ConstructionFailure(BuildError::config(
                    "min_delay: must be greater than zero and at most max_delay",
                )));
            }
            // Timed on the monotonic clock, as the JS waiter (`pkg/src/waiter.mjs`).
            let start = platform::monotonic_ms();
            let deadline = start + max_wait.as_secs_f64() * 1000.0;
            let (min_ms, max_ms) = (
                self.min_delay.as_secs_f64() * 1000.0,
                self.max_delay.as_secs_f64() * 1000.0,
            );
            let exceeded = |now: f64, polls: u32| {
                WaiterError::ExceededMaxWait(ExceededMaxWait::new(
                    max_wait,
                    Duration::from_millis((now - start).max(0.0) as u64),
                    polls,
                ))
            };
            let mut polls = 0u32;
            loop {
                if polls > 0 {
                    // The smithy waiter backoff: doubling from min_delay, jittered, capped.
                    let cap = if f64::from(polls) > (max_ms / min_ms).log2() + 1.0 {
                        max_ms
                    } else {
                        (min_ms * 2f64.powi(polls as i32 - 1)).min(max_ms)
                    };
                    let delay = min_ms + platform::random_unit() * (cap - min_ms);
                    let now = platform::monotonic_ms();
                    if now + delay > deadline {
                        return Err(exceeded(now, polls));
                    }
                    platform::sleep_ms(delay).await;
                }
                polls += 1;
                // A poll still running at the deadline (a response that never comes, retries in
                // their backoff) ends the wait there, its fetch aborted.
                let abort = platform::Abort::new();
                let poll = describe_snapshots::send(&self.handle, &self.inner, abort.as_ref());
                let out = match platform::within(deadline - platform::monotonic_ms(), poll).await {
                    Some(Ok(out)) => out,
                    Some(Err(e)) => {
                        return Err(WaiterError::OperationFailed(OperationFailed::new(e)))
                    }
                    None => {
                        if let Some(abort) = &abort {
                            abort.abort();
                        }
                        return Err(exceeded(platform::monotonic_ms(), polls));
                    }
                };
                let states: Vec<Option<&SnapshotState>> =
                    out.snapshots().iter().map(|s| s.state()).collect();
                if !states.is_empty()
                    && states.iter().all(|s| *s == Some(&SnapshotState::Completed))
                {
                    return Ok(FinalPoll { inner: Ok(out) });
                }
                if states.contains(&Some(&SnapshotState::Error)) {
                    return Err(WaiterError::FailureState(FailureState::new(out)));
                }
            }
        }
    }
}
