//! Adaptive mode's client-side rate limiter: the SDK's `DefaultRateLimiter`, a CUBIC token bucket
//! that slows sends down after throttling.

use super::{BETA, MIN_CAPACITY, MIN_FILL_RATE, SCALE_CONSTANT, SMOOTH};

/// The adaptive mode's token bucket: the fill rate (sends per second) drops to 70 % of the measured
/// send rate on throttling and grows back along a cubic curve. The bucket only limits sends after
/// the first throttling error. Times are `Date.now()` ms; rates are per second.
#[derive(Clone, Debug, PartialEq)]
pub struct RateLimiter {
    pub(super) enabled: bool,
    pub(super) available_tokens: f64,
    pub(super) last_max_rate: f64,
    pub(super) measured_tx_rate: f64,
    pub(super) request_count: f64,
    pub(super) fill_rate: f64,
    pub(super) last_throttle_time: f64,
    pub(super) last_timestamp: f64,
    pub(super) last_tx_rate_bucket: f64,
    pub(super) max_capacity: f64,
    pub(super) time_window: f64,
}

/// `parseFloat(x.toFixed(8))`, as the SDK rounds every rate (the scaled product can differ from
/// `toFixed` only within an ulp of a rounding tie).
fn precise(x: f64) -> f64 {
    (x * 1e8).round() / 1e8
}

impl RateLimiter {
    /// A limiter created at `now_ms`, not yet limiting.
    pub fn new(now_ms: f64) -> Self {
        let now = now_ms / 1000.0;
        RateLimiter {
            enabled: false,
            available_tokens: 0.0,
            last_max_rate: 0.0,
            measured_tx_rate: 0.0,
            request_count: 0.0,
            fill_rate: MIN_FILL_RATE,
            last_throttle_time: now,
            last_timestamp: 0.0,
            last_tx_rate_bucket: now.floor(),
            max_capacity: MIN_CAPACITY,
            time_window: 0.0,
        }
    }
    /// Whether throttling has switched the bucket on.
    pub fn enabled(&self) -> bool {
        self.enabled
    }
    /// Tokens per second the bucket refills with.
    pub fn fill_rate(&self) -> f64 {
        self.fill_rate
    }
    /// The smoothed rate of responses per second.
    pub fn measured_tx_rate(&self) -> f64 {
        self.measured_tx_rate
    }
    /// Bucket size.
    pub fn max_capacity(&self) -> f64 {
        self.max_capacity
    }
    /// Tokens in the bucket at the last refill.
    pub fn available_tokens(&self) -> f64 {
        self.available_tokens
    }

    /// One pass of the SDK's `acquireTokenBucket(1)` loop: takes a token and returns 0, or returns the
    /// ms until one will be there (the caller sleeps, then calls again).
    pub fn acquire(&mut self, now_ms: f64) -> f64 {
        if !self.enabled {
            return 0.0;
        }
        self.refill(now_ms / 1000.0);
        if self.available_tokens < 1.0 {
            return (1.0 - self.available_tokens) / self.fill_rate * 1000.0;
        }
        self.available_tokens -= 1.0;
        0.0
    }

    /// `updateClientSendingRate`: after every response, throttled or not.
    pub fn update(&mut self, throttled: bool, now_ms: f64) {
        let now = now_ms / 1000.0;
        self.update_measured_rate(now);
        let rate = if throttled {
            let rate = if self.enabled {
                self.measured_tx_rate.min(self.fill_rate)
            } else {
                self.measured_tx_rate
            };
            self.last_max_rate = rate;
            self.update_time_window();
            self.last_throttle_time = now;
            self.enabled = true;
            precise(rate * BETA)
        } else {
            self.update_time_window();
            let t = now - self.last_throttle_time - self.time_window;
            precise(SCALE_CONSTANT * t.powf(3.0) + self.last_max_rate)
        };
        let rate = rate.min(2.0 * self.measured_tx_rate);
        self.refill(now);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.max_capacity = rate.max(MIN_CAPACITY);
        self.available_tokens = self.available_tokens.min(self.max_capacity);
    }

    fn refill(&mut self, now: f64) {
        if self.last_timestamp != 0.0 {
            let fill = (now - self.last_timestamp) * self.fill_rate;
            self.available_tokens = self.max_capacity.min(self.available_tokens + fill);
        }
        self.last_timestamp = now;
    }

    fn update_time_window(&mut self) {
        let w = (self.last_max_rate * (1.0 - BETA) / SCALE_CONSTANT).powf(1.0 / 3.0);
        self.time_window = precise(w);
    }

    fn update_measured_rate(&mut self, now: f64) {
        let bucket = (now * 2.0).floor() / 2.0;
        self.request_count += 1.0;
        if bucket > self.last_tx_rate_bucket {
            let current = self.request_count / (bucket - self.last_tx_rate_bucket);
            self.measured_tx_rate =
                precise(current * SMOOTH + self.measured_tx_rate * (1.0 - SMOOTH));
            self.request_count = 0.0;
            self.last_tx_rate_bucket = bucket;
        }
    }
}
