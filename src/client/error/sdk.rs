//! [`SdkError`], what a call's failure was, and its parts.

use super::{BoxError, ConnectorError, ErrorMetadata, HttpResponse, ProvideErrorMetadata};
use std::error::Error as StdError;
use std::fmt;

/// What a call's failure was (`aws_sdk_ec2::error::SdkError`): `E` is the operation's error
/// ([`crate::operation::create_snapshot::CreateSnapshotError`]…), `R` the raw response.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E, R = HttpResponse> {
    /// The request could not be built (bad input or configuration); nothing was sent.
    ConstructionFailure(ConstructionFailure),
    /// A timeout ended the call.
    TimeoutError(TimeoutError),
    /// `fetch` failed (after the retries).
    DispatchFailure(DispatchFailure),
    /// A response came that could not be read.
    ResponseError(ResponseError<R>),
    /// EC2 answered with an error (after the retries).
    ServiceError(ServiceError<E, R>),
}

/// See [`SdkError::ConstructionFailure`].
#[derive(Debug)]
pub struct ConstructionFailure {
    source: BoxError,
}

/// See [`SdkError::TimeoutError`].
#[derive(Debug)]
pub struct TimeoutError {
    source: BoxError,
}

/// See [`SdkError::DispatchFailure`].
#[derive(Debug)]
pub struct DispatchFailure {
    source: ConnectorError,
}

impl DispatchFailure {
    /// The connector error.
    pub fn as_connector_error(&self) -> Option<&ConnectorError> {
        Some(&self.source)
    }
    /// Whether it was a network or connection failure.
    pub fn is_io(&self) -> bool {
        self.source.is_io()
    }
    /// Whether it timed out.
    pub fn is_timeout(&self) -> bool {
        self.source.is_timeout()
    }
}

/// See [`SdkError::ResponseError`].
#[derive(Debug)]
pub struct ResponseError<R> {
    source: BoxError,
    raw: R,
}

impl<R> ResponseError<R> {
    /// The response that could not be read.
    pub fn raw(&self) -> &R {
        &self.raw
    }
    /// Takes the response.
    pub fn into_raw(self) -> R {
        self.raw
    }
}

/// See [`SdkError::ServiceError`].
#[derive(Debug)]
pub struct ServiceError<E, R> {
    source: E,
    raw: R,
}

impl<E, R> ServiceError<E, R> {
    /// The operation error.
    pub fn err(&self) -> &E {
        &self.source
    }
    /// Takes the operation error.
    pub fn into_err(self) -> E {
        self.source
    }
    /// The error response.
    pub fn raw(&self) -> &R {
        &self.raw
    }
}

/// Operation errors that can hold an error of another kind (`CreateUnhandledError` in the SDK).
pub trait CreateUnhandledError {
    /// The operation error for `source` (and its metadata, if any).
    fn create_unhandled_error(source: BoxError, meta: Option<ErrorMetadata>) -> Self;
}

impl<E, R> SdkError<E, R> {
    pub(crate) fn construction_failure(e: impl Into<BoxError>) -> Self {
        SdkError::ConstructionFailure(ConstructionFailure { source: e.into() })
    }
    pub(crate) fn timeout_error(e: impl Into<BoxError>) -> Self {
        SdkError::TimeoutError(TimeoutError { source: e.into() })
    }
    pub(crate) fn dispatch_failure(e: ConnectorError) -> Self {
        SdkError::DispatchFailure(DispatchFailure { source: e })
    }
    pub(crate) fn response_error(e: impl Into<BoxError>, raw: R) -> Self {
        SdkError::ResponseError(ResponseError {
            source: e.into(),
            raw,
        })
    }
    pub(crate) fn service_error(source: E, raw: R) -> Self {
        SdkError::ServiceError(ServiceError { source, raw })
    }

    /// The operation error, if EC2 answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::ServiceError(e) => Some(&e.source),
            _ => None,
        }
    }

    /// The operation error: EC2's, or this error wrapped as the operation error's `Unhandled`.
    pub fn into_service_error(self) -> E
    where
        E: StdError + Send + Sync + CreateUnhandledError + 'static,
        R: fmt::Debug + Send + Sync + 'static,
    {
        match self {
            SdkError::ServiceError(e) => e.source,
            other => E::create_unhandled_error(Box::new(other), None),
        }
    }

    /// The raw response, when one arrived.
    pub fn raw_response(&self) -> Option<&R> {
        match self {
            SdkError::ServiceError(e) => Some(&e.raw),
            SdkError::ResponseError(e) => Some(&e.raw),
            _ => None,
        }
    }
}

impl<E: fmt::Debug, R: fmt::Debug> fmt::Display for SdkError<E, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As the SDK: a short kind here; the cause is `source()` (see `DisplayErrorContext`).
        f.write_str(match self {
            SdkError::ConstructionFailure(_) => "failed to construct request",
            SdkError::TimeoutError(_) => "request has timed out",
            SdkError::DispatchFailure(_) => "dispatch failure",
            SdkError::ResponseError(_) => "response error",
            SdkError::ServiceError(_) => "service error",
        })
    }
}

impl<E, R> StdError for SdkError<E, R>
where
    E: StdError + 'static,
    R: fmt::Debug,
{
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            SdkError::ConstructionFailure(e) => Some(e.source.as_ref()),
            SdkError::TimeoutError(e) => Some(e.source.as_ref()),
            SdkError::DispatchFailure(e) => Some(&e.source),
            SdkError::ResponseError(e) => Some(e.source.as_ref()),
            SdkError::ServiceError(e) => Some(&e.source),
        }
    }
}

/// The metadata of an [`SdkError`]: the service error's, else empty.
impl<E: ProvideErrorMetadata, R> ProvideErrorMetadata for SdkError<E, R> {
    fn meta(&self) -> &ErrorMetadata {
        static EMPTY: ErrorMetadata = ErrorMetadata {
            code: None,
            message: None,
            extras: Vec::new(),
        };
        match self {
            SdkError::ServiceError(e) => e.source.meta(),
            _ => &EMPTY,
        }
    }
}
