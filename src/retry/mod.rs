//! Retry decisions as `@aws-sdk/client-ec2` 3.1169.0 makes them (`@smithy/core` 3.41 retry submodule,
//! `@aws-sdk/core` 3.981 clock-skew handling); `tests/retry-observed.md` lists the facts and where
//! each comes from.
//!
//! Pure: the JS layer passes the clock (`Date.now()` milliseconds, as `f64`) and `Math.random()` in,
//! and reads the response headers itself (`pkg/src/retry-headers.mjs`): the core gets the server
//! `Date` and the retry hint as numbers ([`ResponseHeaders`]). One [`RetryStrategy`] per client holds
//! what the SDK keeps per client (retry quota, clock offset, adaptive rate limiter); one
//! [`RetryToken`] per call holds what it keeps per call. A call runs:
//!
//! ```text
//! token = RetryToken::new()
//! loop {
//!     while (w = strategy.acquire_send_token(now)) > 0: sleep(w)   // adaptive mode only ever waits
//!         // (w = ∞ only with a SendWindow: wait until another attempt ends, see free_send_slots)
//!     signing_time = strategy.begin_attempt(&mut token, now)        // sign with this, send
//!     header amz-sdk-request: strategy.amz_sdk_request(&token)
//!     success  -> strategy.on_success(&token, &headers, now); done ($metadata.attempts = token.attempts())
//!     failure  -> match strategy.on_error(&mut token, &outcome, Math.random(), now) {
//!                     Retry { delay_ms } -> sleep(delay_ms)
//!                     Stop(_)            -> throw (token.attempts(), token.total_retry_delay_ms(),
//!                                                  token.clock_skew_corrected())
//!                 }
//!     aborted  -> strategy.abandon_attempt(); throw AbortError
//! }
//! ```
//!
//! One deliberate difference, opt-in: [`RetryStrategy::with_send_window`] (which the wasm binding
//! turns on) adds a [`SendWindow`] to adaptive mode, so a burst of concurrent sends is paced before
//! the first throttling error. Without it, everything here is the SDK's behaviour, except that a
//! retry hint the SDK would turn into a NaN wait counts as no hint ([`retry_delay_ms`]).
//!
//! Files, each using only those listed before it (and the constants below): `classify` (what
//! failed and how the SDK sorts it), `backoff` (the wait before a retry), `clock` (the clock
//! offset), `rate_limiter` (adaptive mode's token bucket), `send_window`, `strategy` (the quota and
//! the per-call sequence) and [`state`] (the strategy and token as `f64` arrays for the JS shell).

mod backoff;
mod classify;
mod clock;
mod rate_limiter;
mod send_window;
pub mod state;
mod strategy;

pub use backoff::{backoff_ms, retry_delay_ms};
pub use classify::{classify, Classification, Outcome, ResponseHeaders, TransportError};
pub use clock::updated_clock_offset_ms;
pub use rate_limiter::RateLimiter;
pub use send_window::{SendWindow, INITIAL_SEND_WINDOW};
pub use strategy::{Decision, RetryConfig, RetryMode, RetryStrategy, RetryToken, StopReason};

// ------------------------------------------------------------------------------------------------
// The SDK's numbers (its error-code lists are in `classify`). Paths are under
// `@smithy/core/dist-es/submodules/retry/` unless they say otherwise.

/// Backoff base of transient errors: `Retry.delay` in `util-retry/retries-2026-config.js`.
const BASE_DELAY_MS: f64 = 50.0;
/// Backoff base of throttling errors: `Retry.throttlingDelay`, same file.
const THROTTLING_BASE_DELAY_MS: f64 = 1000.0;
/// Cap on the exponential backoff term: `MAXIMUM_RETRY_DELAY` in `util-retry/constants.js`.
const MAX_BACKOFF_MS: f64 = 20_000.0;
/// A hint may lengthen a backoff by at most this much (`util-retry/StandardRetryStrategy.js`).
const MAX_HINT_EXTRA_MS: f64 = 5000.0;

/// Quota cost of a transient retry: `Retry.cost` in `util-retry/retries-2026-config.js`.
const RETRY_COST: u32 = 14;
/// Quota cost of a throttling retry: `Retry.throttlingCost`, same file.
const THROTTLING_RETRY_COST: u32 = 5;
/// The full retry quota: `INITIAL_RETRY_TOKENS` in `util-retry/constants.js`.
const INITIAL_RETRY_TOKENS: u32 = 500;
/// Refund of a call that succeeded without retrying: `NO_RETRY_INCREMENT`, same file.
const NO_RETRY_INCREMENT: u32 = 1;

/// Clock skew: an offset this large marks the error corrected (`AwsSdkSigV4Signer.js` in
/// `@aws-sdk/core/dist-es/submodules/httpAuthSchemes/aws_sdk/`).
pub const CLOCK_SKEW_THRESHOLD_MS: f64 = 240_000.0;
/// A response that took longer than this since signing is not sampled for the clock offset
/// (`getUpdatedSystemClockOffset.js` in `@aws-sdk/core/dist-es/submodules/httpAuthSchemes/utils/`).
const MAX_SAMPLE_ROUND_TRIP_MS: f64 = 900_000.0;

/// `DefaultRateLimiter`'s `beta` (`util-retry/DefaultRateLimiter.js`, the CUBIC client-side rate
/// limiter the AWS SDKs share): the share of the measured rate kept after throttling.
const BETA: f64 = 0.7;
/// `minCapacity`, same file.
const MIN_CAPACITY: f64 = 1.0;
/// `minFillRate`, same file.
const MIN_FILL_RATE: f64 = 0.5;
/// `scaleConstant`, same file.
const SCALE_CONSTANT: f64 = 0.4;
/// `smooth`, same file.
const SMOOTH: f64 = 0.8;
