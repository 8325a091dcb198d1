//! [`WaiterError`], why a waiter ended without success.

use super::{BuildError, SdkError};
use std::error::Error as StdError;
use std::fmt;

/// Why a waiter ended without success (`aws_sdk_ec2`'s `WaiterError`).
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<O, E> {
    /// The waiter was configured wrongly (e.g. a zero `max_wait`).
    ConstructionFailure(BuildError),
    /// `max_wait` passed before a success or failure state.
    ExceededMaxWait(ExceededMaxWait),
    /// An acceptor matched the failure state (a snapshot in `error`).
    FailureState(FailureState<O>),
    /// A poll failed with an error no acceptor matches.
    OperationFailed(OperationFailed<E>),
}

/// See [`WaiterError::ExceededMaxWait`].
#[derive(Debug)]
pub struct ExceededMaxWait {
    max_wait: std::time::Duration,
    elapsed: std::time::Duration,
    poll_count: u32,
}

impl ExceededMaxWait {
    pub(crate) fn new(
        max_wait: std::time::Duration,
        elapsed: std::time::Duration,
        poll_count: u32,
    ) -> Self {
        ExceededMaxWait {
            max_wait,
            elapsed,
            poll_count,
        }
    }
    /// The configured maximum wait.
    pub fn max_wait(&self) -> std::time::Duration {
        self.max_wait
    }
    /// How long the waiter ran.
    pub fn elapsed(&self) -> std::time::Duration {
        self.elapsed
    }
    /// How many polls it made.
    pub fn poll_count(&self) -> u32 {
        self.poll_count
    }
}

/// See [`WaiterError::FailureState`].
#[derive(Debug)]
pub struct FailureState<O> {
    final_poll: O,
}

impl<O> FailureState<O> {
    pub(crate) fn new(final_poll: O) -> Self {
        FailureState { final_poll }
    }
    /// The poll that matched the failure state.
    pub fn final_poll(&self) -> &O {
        &self.final_poll
    }
    /// Takes it.
    pub fn into_final_poll(self) -> O {
        self.final_poll
    }
}

/// See [`WaiterError::OperationFailed`].
#[derive(Debug)]
pub struct OperationFailed<E> {
    source: SdkError<E>,
}

impl<E> OperationFailed<E> {
    pub(crate) fn new(source: SdkError<E>) -> Self {
        OperationFailed { source }
    }
    /// The poll's error.
    pub fn error(&self) -> &SdkError<E> {
        &self.source
    }
    /// Takes it.
    pub fn into_error(self) -> SdkError<E> {
        self.source
    }
}

impl<O, E> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::ConstructionFailure(e) => write!(f, "failed to construct waiter: {e}"),
            WaiterError::ExceededMaxWait(e) => write!(
                f,
                "exceeded max wait time ({:?}) after {} polls",
                e.max_wait, e.poll_count
            ),
            WaiterError::FailureState(_) => f.write_str("waiter entered a failure state"),
            WaiterError::OperationFailed(_) => f.write_str("waiter received an unexpected error"),
        }
    }
}

impl<O: fmt::Debug, E: StdError + 'static> StdError for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            WaiterError::ConstructionFailure(e) => Some(e),
            WaiterError::OperationFailed(e) => Some(&e.source),
            _ => None,
        }
    }
}
