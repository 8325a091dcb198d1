//! The per-client retry strategy and per-call token: the retry quota, the clock offset, the
//! adaptive limiter and the decision after each attempt.

use super::backoff::{backoff_ms, retry_delay_ms};
use super::classify::{classify, Classification, Outcome, ResponseHeaders};
use super::clock::updated_clock_offset_ms;
use super::rate_limiter::RateLimiter;
use super::send_window::SendWindow;
use super::{
    CLOCK_SKEW_THRESHOLD_MS, INITIAL_RETRY_TOKENS, NO_RETRY_INCREMENT, RETRY_COST,
    THROTTLING_RETRY_COST,
};

/// `retryMode`: `standard` (the default) or `adaptive` (client-side rate limiting on top).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RetryMode {
    /// Backoff with jitter and a retry quota.
    #[default]
    Standard,
    /// Standard plus a CUBIC token bucket that slows sends down after throttling.
    Adaptive,
}

impl RetryMode {
    /// The mode for a `retryMode` string: like the SDK, only `"adaptive"` selects adaptive.
    pub fn from_name(name: &str) -> Self {
        if name == "adaptive" {
            RetryMode::Adaptive
        } else {
            RetryMode::Standard
        }
    }
}

/// Retry settings of one client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    /// `maxAttempts`: attempts per call including the first (SDK default 3).
    pub max_attempts: u32,
    /// `retryMode`.
    pub mode: RetryMode,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            mode: RetryMode::Standard,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long (the SDK's `totalRetryDelay` grows by it), then send the next attempt.
    Retry {
        /// Milliseconds to wait.
        delay_ms: u32,
    },
    /// Give up: reject the call with this attempt's error.
    Stop(StopReason),
}

/// Why a failure is not retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// Neither throttling nor transient.
    NotRetryable,
    /// `maxAttempts` reached.
    MaxAttempts,
    /// The client's retry quota cannot pay for another retry.
    QuotaExhausted,
}

/// Per-call retry state; the SDK's retry token plus what its signer samples per attempt.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RetryToken {
    pub(super) retries: u32,
    pub(super) cost: Option<u32>,
    pub(super) total_retry_delay_ms: u64,
    pub(super) sent_at_ms: Option<f64>,
    pub(super) pre_request_offset_ms: f64,
    pub(super) clock_skew_corrected: bool,
}

impl RetryToken {
    /// A fresh call: attempt 1, nothing spent.
    pub fn new() -> Self {
        RetryToken::default()
    }
    /// The number of the current attempt (1-based); after the call, `$metadata.attempts`.
    pub fn attempts(&self) -> u32 {
        self.retries + 1
    }
    /// The sum of the retry waits so far: `$metadata.totalRetryDelay`.
    pub fn total_retry_delay_ms(&self) -> u64 {
        self.total_retry_delay_ms
    }
    /// Whether the last error corrected the clock offset: `$metadata.clockSkewCorrected`.
    pub fn clock_skew_corrected(&self) -> bool {
        self.clock_skew_corrected
    }
}

/// Per-client retry state: quota, clock offset (`systemClockOffset`) and, in adaptive mode, the rate
/// limiter. See the module docs for the call sequence.
#[derive(Clone, Debug)]
pub struct RetryStrategy {
    pub(super) config: RetryConfig,
    pub(super) capacity: u32,
    pub(super) clock_offset_ms: f64,
    pub(super) limiter: Option<RateLimiter>,
    pub(super) window: Option<SendWindow>,
}

impl RetryStrategy {
    /// A client's strategy with a full quota and a zero clock offset.
    pub fn new(config: RetryConfig) -> Self {
        RetryStrategy {
            config,
            capacity: INITIAL_RETRY_TOKENS,
            clock_offset_ms: 0.0,
            limiter: None,
            window: None,
        }
    }

    /// Adds ec2-wasm's [`SendWindow`] to adaptive mode (no effect in standard mode): until the rate
    /// limiter has seen a throttling error, attempts in flight are capped by a slow-start window, so
    /// a burst of concurrent sends reaches the service gradually instead of all at once. Without
    /// it the strategy is exactly the SDK's.
    pub fn with_send_window(mut self) -> Self {
        if self.config.mode == RetryMode::Adaptive {
            self.window = Some(SendWindow::new());
        }
        self
    }
    /// The send window, when [`RetryStrategy::with_send_window`] added one.
    pub fn send_window(&self) -> Option<&SendWindow> {
        self.window.as_ref()
    }
    /// The configuration.
    pub fn config(&self) -> RetryConfig {
        self.config
    }
    /// Retry tokens left in the quota (500 when full).
    pub fn capacity(&self) -> u32 {
        self.capacity
    }
    /// `systemClockOffset`: add it to the local clock to get the service's.
    pub fn clock_offset_ms(&self) -> f64 {
        self.clock_offset_ms
    }
    /// Sets `systemClockOffset` (the client option, or a value kept from an earlier client).
    pub fn set_clock_offset_ms(&mut self, offset_ms: f64) {
        self.clock_offset_ms = offset_ms;
    }
    /// The adaptive rate limiter, once a send has created it.
    pub fn rate_limiter(&self) -> Option<&RateLimiter> {
        self.limiter.as_ref()
    }

    fn limiter(&mut self, now_ms: f64) -> Option<&mut RateLimiter> {
        if self.config.mode == RetryMode::Adaptive && self.limiter.is_none() {
            // The SDK builds its limiter at the client's first send.
            self.limiter = Some(RateLimiter::new(now_ms));
        }
        self.limiter.as_mut()
    }

    /// Before every attempt: takes a send token, returning 0, or returns how many ms to sleep before
    /// asking again. Standard mode, and adaptive mode before any throttling, never wait; with a
    /// [`SendWindow`], adaptive mode before any throttling returns `f64::INFINITY` while the window
    /// is full: ask again once an attempt has ended ([`RetryStrategy::free_send_slots`]).
    pub fn acquire_send_token(&mut self, now_ms: f64) -> f64 {
        let wait = self.limiter(now_ms).map_or(0.0, |l| l.acquire(now_ms));
        if wait > 0.0 {
            return wait;
        }
        let limiting = self.limiter.as_ref().is_some_and(RateLimiter::enabled);
        if let Some(w) = self.window.as_mut() {
            if !limiting && w.free_slots() == 0 {
                return f64::INFINITY;
            }
            w.begin();
        }
        0.0
    }

    /// How many sends waiting for the [`SendWindow`] may ask again now: the window's free slots, or
    /// `u32::MAX` once the rate limiter paces sends (or when there is no window).
    pub fn free_send_slots(&self) -> u32 {
        match &self.window {
            Some(w) if !self.limiter.as_ref().is_some_and(RateLimiter::enabled) => w.free_slots(),
            _ => u32::MAX,
        }
    }

    /// An attempt that had its send token ended with neither a response nor an error to report
    /// (the caller aborted): frees its place in the [`SendWindow`].
    pub fn abandon_attempt(&mut self) {
        if let Some(w) = self.window.as_mut() {
            w.end(false);
        }
    }

    /// Starts an attempt at local time `now_ms`: records it for clock-skew sampling and returns the
    /// time to sign with (`now_ms` plus the clock offset).
    pub fn begin_attempt(&self, token: &mut RetryToken, now_ms: f64) -> f64 {
        token.sent_at_ms = Some(now_ms);
        token.pre_request_offset_ms = self.clock_offset_ms;
        now_ms + self.clock_offset_ms
    }

    /// The `amz-sdk-request` header value for the current attempt: `attempt=1; max=3`.
    pub fn amz_sdk_request(&self, token: &RetryToken) -> String {
        format!(
            "attempt={}; max={}",
            token.attempts(),
            self.config.max_attempts
        )
    }

    /// Samples a response's `Date` into the clock offset (see [`updated_clock_offset_ms`]).
    fn sample_clock(&mut self, token: &RetryToken, headers: &ResponseHeaders, now_ms: f64) {
        self.clock_offset_ms = updated_clock_offset_ms(
            headers.server_date_ms,
            headers.has_age,
            self.clock_offset_ms,
            token.sent_at_ms,
            now_ms,
        );
    }

    /// After a successful attempt: samples the response `Date` into the clock offset (no threshold),
    /// refunds the quota (the last retry's cost, or 1 if the first attempt succeeded; at most up to
    /// 500) and tells the adaptive limiter. The retry hint in `headers` is not used.
    pub fn on_success(&mut self, token: &RetryToken, headers: &ResponseHeaders, now_ms: f64) {
        self.sample_clock(token, headers, now_ms);
        if let Some(l) = self.limiter(now_ms) {
            l.update(false, now_ms);
        }
        if let Some(w) = self.window.as_mut() {
            w.end(true);
        }
        let refund = token.cost.unwrap_or(NO_RETRY_INCREMENT);
        self.capacity = (self.capacity + refund).min(INITIAL_RETRY_TOKENS);
    }

    /// After a failed attempt at local time `now_ms`; `random` is `Math.random()`.
    ///
    /// An error response with a `Date` header samples it into the clock offset as a success does;
    /// the error then counts as skew-corrected, and so transient, when the offset (new, or unchanged
    /// if the `Date` was not sampled) is at least 240 s and differs from the offset the attempt was
    /// signed with. Then the SDK's rules: throttling and transient errors are retried while
    /// attempts remain and the quota can pay (14 tokens, 5 for throttling), after
    /// [`retry_delay_ms`]`(`[`backoff_ms`]`, `[`ResponseHeaders::retry_hint_ms`]`)`.
    pub fn on_error(
        &mut self,
        token: &mut RetryToken,
        outcome: &Outcome<'_>,
        random: f64,
        now_ms: f64,
    ) -> Decision {
        let headers = outcome.headers().copied().unwrap_or_default();
        token.clock_skew_corrected = false;
        if headers.server_date_ms.is_some() {
            self.sample_clock(token, &headers, now_ms);
            let offset = self.clock_offset_ms;
            token.clock_skew_corrected =
                offset.abs() >= CLOCK_SKEW_THRESHOLD_MS && offset != token.pre_request_offset_ms;
        }
        let class = classify(outcome, token.clock_skew_corrected);
        if let Some(l) = self.limiter(now_ms) {
            l.update(class == Classification::Throttling, now_ms);
        }
        if let Some(w) = self.window.as_mut() {
            w.end(false);
        }
        let cost = if class == Classification::Throttling {
            THROTTLING_RETRY_COST
        } else {
            RETRY_COST
        };
        let stop = if !class.is_retryable() {
            StopReason::NotRetryable
        } else if token.attempts() >= self.config.max_attempts {
            StopReason::MaxAttempts
        } else if self.capacity < cost {
            StopReason::QuotaExhausted
        } else {
            let backoff = backoff_ms(class, token.retries, random);
            let delay_ms = retry_delay_ms(backoff, headers.retry_hint_ms);
            self.capacity -= cost;
            token.retries += 1;
            token.cost = Some(cost);
            token.total_retry_delay_ms += u64::from(delay_ms);
            return Decision::Retry { delay_ms };
        };
        Decision::Stop(stop)
    }
}
