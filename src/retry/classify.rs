//! What a failed attempt produced ([`Outcome`]) and how the SDK's retry middleware sorts it
//! ([`classify`]): throttling and transient failures are retried, everything else is not.

/// Error codes the SDK treats as throttling (`THROTTLING_ERROR_CODES`,
/// `@smithy/core/dist-es/submodules/retry/service-error-classification/constants.js`).
const THROTTLING_CODES: [&str; 14] = [
    "BandwidthLimitExceeded",
    "EC2ThrottledException",
    "LimitExceededException",
    "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ThrottledException",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
    "TransactionInProgressException",
];
/// `TRANSIENT_ERROR_CODES`, same file.
const TRANSIENT_CODES: [&str; 3] = ["TimeoutError", "RequestTimeout", "RequestTimeoutException"];
/// `TRANSIENT_ERROR_STATUS_CODES`, same file.
const TRANSIENT_STATUSES: [u16; 4] = [500, 502, 503, 504];

/// Why a request produced no complete response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// `requestTimeout` elapsed with `throwOnRequestTimeout` (SDK `TimeoutError`).
    Timeout,
    /// Reset, refused or timed out at the socket (`ECONNRESET`, `ECONNREFUSED`, `EPIPE`, `ETIMEDOUT`).
    ConnectionReset,
    /// The connection closed in the middle of the response.
    Dropped,
    /// Host unreachable or name resolution failed (`EHOSTUNREACH`, `ENETUNREACH`, `ENOTFOUND`,
    /// `EAI_AGAIN`), or a browser `fetch` network failure (`TypeError: Failed to fetch`).
    Network,
    /// The caller's `abortSignal` fired (`AbortError`): never retried.
    Aborted,
    /// Anything else the transport threw: not retried.
    Other,
}

/// What the retry strategy needs from a response's headers, read by the JS shell
/// (`pkg/src/retry-headers.mjs`) as the SDK reads them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ResponseHeaders {
    /// The `Date` header in epoch ms as `Date.parse` reads it: `None` when there is none (or it is
    /// empty), `Some(NaN)` when it does not parse. The difference matters after an error: with any
    /// `Date` the SDK checks whether the clock offset was corrected (perhaps by a concurrent call)
    /// even if it cannot read it.
    pub server_date_ms: Option<f64>,
    /// Whether the response has an `Age` header (a cache answered: its `Date` is not sampled).
    pub has_age: bool,
    /// The server's retry hint (`retry-after` or `x-amz-retry-after`) in ms from the time of the
    /// error; `None` when there is none or it does not parse.
    pub retry_hint_ms: Option<f64>,
}

/// What a failed attempt produced.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// The service answered but the call failed (error status, or a body that could not be read).
    Response {
        /// HTTP status.
        status: u16,
        /// The error code from the body (`<Code>`), the SDK's `error.name`.
        code: Option<&'a str>,
        /// The error message from the body.
        message: Option<&'a str>,
        /// What the strategy reads from the response headers.
        headers: ResponseHeaders,
    },
    /// The status line and headers arrived, then the connection failed before the body was complete.
    /// The SDK's node handler reports this as an `Error` with code `ECONNRESET` that keeps
    /// `$response`, so its `Date` is sampled and its retry hint read, and it is retried as transient
    /// (throttling if the status was 429) whatever the status.
    Interrupted {
        /// HTTP status.
        status: u16,
        /// What the strategy reads from the response headers.
        headers: ResponseHeaders,
    },
    /// No complete response.
    Transport(TransportError),
}

impl Outcome<'_> {
    /// The response headers, when a response (even an interrupted one) arrived.
    pub fn headers(&self) -> Option<&ResponseHeaders> {
        match self {
            Outcome::Response { headers, .. } | Outcome::Interrupted { headers, .. } => {
                Some(headers)
            }
            Outcome::Transport(_) => None,
        }
    }
}

/// How the SDK sorts a failure (`RetryErrorType`); only throttling and transient errors are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Classification {
    /// 429 or a throttling code: backoff base 1000 ms, retry cost 5; slows the adaptive limiter.
    Throttling,
    /// 500/502/503/504, a transient code, a transport failure, or a corrected clock skew: base 50 ms,
    /// cost 14.
    Transient,
    /// Any other 5xx: not retried.
    ServerError,
    /// Everything else (4xx, aborts): not retried.
    ClientError,
}

impl Classification {
    /// Whether the standard strategy retries this kind of failure at all.
    pub fn is_retryable(self) -> bool {
        matches!(self, Classification::Throttling | Classification::Transient)
    }
}

/// Sorts a failure as the SDK's retry middleware does (`getRetryErrorType`: throttling first, then
/// transient, then server error). `clock_skew_corrected` is
/// [`RetryToken::clock_skew_corrected`](super::RetryToken::clock_skew_corrected) for this attempt:
/// a corrected skew makes any error transient.
pub fn classify(outcome: &Outcome<'_>, clock_skew_corrected: bool) -> Classification {
    let (status, code, message) = match *outcome {
        Outcome::Response {
            status,
            code,
            message,
            ..
        } => (status, code.unwrap_or(""), message),
        Outcome::Interrupted { status: 429, .. } => return Classification::Throttling,
        Outcome::Interrupted { .. } => return Classification::Transient,
        Outcome::Transport(TransportError::Aborted | TransportError::Other) => {
            return Classification::ClientError
        }
        Outcome::Transport(_) => return Classification::Transient,
    };
    if status == 429 || THROTTLING_CODES.contains(&code) {
        Classification::Throttling
    } else if clock_skew_corrected
        || TRANSIENT_CODES.contains(&code)
        || TRANSIENT_STATUSES.contains(&status)
        || (code == "InvalidSignatureException"
            && message.is_some_and(|m| m.contains("Signature expired")))
    {
        Classification::Transient
    } else if (500..=599).contains(&status) {
        Classification::ServerError
    } else {
        Classification::ClientError
    }
}
