//! Errors with `aws-sdk-ec2`'s shapes: [`SdkError`] (what went wrong around the call), the operation
//! errors (what EC2 answered), [`ProvideErrorMetadata`] (`code()`, `message()`, `meta()`), and
//! [`WaiterError`]. None of them ever holds a credential: messages come from the core (which never
//! formats a secret), from the service's error body, or from `fetch` with header values removed.

use std::error::Error as StdError;
use std::fmt;

/// A boxed error, as `aws-smithy-runtime-api`'s `BoxError`.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// An HTTP status code (`as_u16()`, `is_success()`…), as in the SDK's `HttpResponse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCode(u16);

impl StatusCode {
    /// The number.
    pub fn as_u16(&self) -> u16 {
        self.0
    }
    /// 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.0)
    }
    /// 4xx.
    pub fn is_client_error(&self) -> bool {
        (400..500).contains(&self.0)
    }
    /// 5xx.
    pub fn is_server_error(&self) -> bool {
        (500..600).contains(&self.0)
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The raw response of a failed call: status, headers (lower-cased names) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpResponse {
    pub(crate) fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        HttpResponse {
            status: StatusCode(status),
            headers,
            body,
        }
    }
    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// Every header, names lower-cased.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// The code, message and request id of a service error, plus any other fields the error body held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    extras: Vec<(&'static str, String)>,
}

impl ErrorMetadata {
    /// A builder.
    pub fn builder() -> ErrorMetadataBuilder {
        ErrorMetadataBuilder::default()
    }
    /// The error code (`InvalidVolume.NotFound`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// Another field by key: `request_id` is the one the client sets.
    pub fn extra(&self, key: &str) -> Option<&str> {
        self.extras
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error")?;
        if let Some(c) = &self.code {
            write!(f, " code={c:?}")?;
        }
        if let Some(m) = &self.message {
            write!(f, " message={m:?}")?;
        }
        for (k, v) in &self.extras {
            write!(f, " {k}={v:?}")?;
        }
        Ok(())
    }
}

impl StdError for ErrorMetadata {}

/// Builds an [`ErrorMetadata`].
#[derive(Debug, Clone, Default)]
pub struct ErrorMetadataBuilder {
    inner: ErrorMetadata,
}

impl ErrorMetadataBuilder {
    /// Sets the code.
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.inner.code = Some(code.into());
        self
    }
    /// Sets the message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.inner.message = Some(message.into());
        self
    }
    /// Adds a field.
    pub fn custom(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.inner.extras.push((key, value.into()));
        self
    }
    /// The metadata.
    pub fn build(self) -> ErrorMetadata {
        self.inner
    }
}

/// Errors that carry a code and a message (`aws_sdk_ec2::error::ProvideErrorMetadata`).
pub trait ProvideErrorMetadata {
    /// The whole metadata.
    fn meta(&self) -> &ErrorMetadata;
    /// The error code, e.g. `InvalidVolume.NotFound`.
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }
    /// The error message.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }
}

/// A request could not be built: bad input (the message names the field and the rule) or
/// configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    field: Option<String>,
    message: String,
}

impl BuildError {
    pub(crate) fn from_core(e: crate::Error) -> Self {
        BuildError {
            field: e.field().map(str::to_owned),
            message: e.message().to_owned(),
        }
    }
    pub(crate) fn config(message: impl Into<String>) -> Self {
        BuildError {
            field: None,
            message: message.into(),
        }
    }
    /// The input member the error is about (`TagSpecifications[0].Tags[1].Key`), for input errors.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for BuildError {}

/// `fetch` failed: no response (refused, reset, network down) or the connection dropped mid-body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectorError {
    kind: crate::retry::TransportError,
    message: String,
}

impl ConnectorError {
    pub(crate) fn new(kind: crate::retry::TransportError, message: String) -> Self {
        ConnectorError { kind, message }
    }
    /// Whether the connection timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == crate::retry::TransportError::Timeout
    }
    /// Whether it was a network or connection failure (refused, reset, unreachable).
    pub fn is_io(&self) -> bool {
        matches!(
            self.kind,
            crate::retry::TransportError::ConnectionReset
                | crate::retry::TransportError::Network
                | crate::retry::TransportError::Dropped
        )
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConnectorError {}

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

/// An error of another kind held by an operation error (its `Unhandled` variant).
#[derive(Debug)]
pub struct Unhandled {
    pub(crate) source: BoxError,
    pub(crate) meta: ErrorMetadata,
}

impl Unhandled {
    pub(crate) fn new(source: BoxError, meta: Option<ErrorMetadata>) -> Self {
        Unhandled {
            source,
            meta: meta.unwrap_or_default(),
        }
    }
}

/// Defines an operation error enum as the SDK generates one for an operation without modeled errors
/// (EC2 models none): an `Unhandled` variant, [`ProvideErrorMetadata`], `Display`, `Error`.
macro_rules! operation_error {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum $name {
            /// An error without a modeled variant (every EC2 error: EC2 models none). Match on
            /// `code()` rather than on this variant.
            #[deprecated(note = "Matching `Unhandled` directly is not forwards compatible. Instead, match using a variable wildcard pattern and check `.code()`")]
            Unhandled($crate::client::error::Unhandled),
        }

        #[allow(deprecated)]
        impl $name {
            /// An error with this metadata (what an EC2 error response becomes).
            pub fn generic(meta: $crate::client::error::ErrorMetadata) -> Self {
                let source: $crate::client::error::BoxError = Box::new(meta.clone());
                $name::Unhandled($crate::client::error::Unhandled::new(source, Some(meta)))
            }
            /// An error of another kind.
            pub fn unhandled(err: impl Into<$crate::client::error::BoxError>) -> Self {
                $name::Unhandled($crate::client::error::Unhandled::new(err.into(), None))
            }
            /// The metadata.
            pub fn meta(&self) -> &$crate::client::error::ErrorMetadata {
                match self {
                    $name::Unhandled(e) => &e.meta,
                }
            }
        }

        #[allow(deprecated)]
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $name::Unhandled(e) => match (e.meta.code(), e.meta.message()) {
                        (Some(code), Some(message)) => write!(f, "unhandled error ({code}): {message}"),
                        (Some(code), None) => write!(f, "unhandled error ({code})"),
                        _ => write!(f, "unhandled error"),
                    },
                }
            }
        }

        #[allow(deprecated)]
        impl std::error::Error for $name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    $name::Unhandled(e) => Some(e.source.as_ref()),
                }
            }
        }

        impl $crate::client::error::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::client::error::ErrorMetadata {
                $name::meta(self)
            }
        }

        #[allow(deprecated)]
        impl $crate::client::error::CreateUnhandledError for $name {
            fn create_unhandled_error(
                source: $crate::client::error::BoxError,
                meta: Option<$crate::client::error::ErrorMetadata>,
            ) -> Self {
                $name::Unhandled($crate::client::error::Unhandled::new(source, meta))
            }
        }
    };
}
pub(crate) use operation_error;

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
