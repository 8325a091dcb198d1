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

/// `t³`, as the SDK's `Math.pow(t, 3)`; a product instead of `f64::powf`, which alone pulled libm's
/// `pow` (2,150 B) into the wasm. The two agree to an ulp, and `precise` rounds to 8 decimals after.
fn cube(t: f64) -> f64 {
    t * t * t
}

/// The real cube root of `x` (`Math.pow(x, 1 / 3)` in the SDK: NaN below zero), by Newton's method
/// from a first guess made on the float's bits (exponent divided by 3), without libm's `pow`.
fn cube_root(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 || x.is_infinite() {
        return x;
    }
    if x < f64::MIN_POSITIVE {
        // subnormal: the bit-level guess needs a normal exponent; 2^54 = (2^18)^3
        return cube_root(x * 18_014_398_509_481_984.0) / 262_144.0;
    }
    // 0x2A9F_7893_782D_A1CE is (1023 - 1023 / 3) << 52, adjusted: the guess is within ~4 % for normal x.
    let mut y = f64::from_bits(x.to_bits() / 3 + 0x2A9F_7893_782D_A1CE);
    for _ in 0..6 {
        y = (2.0 * y + x / (y * y)) / 3.0;
    }
    y
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
            precise(SCALE_CONSTANT * cube(t) + self.last_max_rate)
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
        let w = cube_root(self.last_max_rate * (1.0 - BETA) / SCALE_CONSTANT);
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

#[cfg(test)]
mod tests {
    use super::{cube, cube_root, precise};

    #[test]
    fn cube_root_agrees_with_pow_one_third() {
        // Math.pow(x, 1/3) is itself off the true root by about |ln x| ulps (1/3 is not exact).
        let mut x = 1e-300_f64;
        let mut n = 0;
        while x < 1e300 {
            let (a, b) = (cube_root(x), x.powf(1.0 / 3.0));
            let tol = b * f64::EPSILON * (4.0 + x.ln().abs());
            assert!(
                (a - b).abs() <= tol,
                "cube_root({x:e}) = {a:e}, pow = {b:e}"
            );
            x *= 1.000_37;
            n += 1;
        }
        assert!(n > 3_000_000);
        for x in [5e-324, 2.2e-308, 1e-310] {
            let (a, b) = (cube_root(x), x.powf(1.0 / 3.0));
            assert!(
                (a - b).abs() <= b * 1e-12,
                "subnormal {x:e}: {a:e} vs {b:e}"
            );
        }
        assert_eq!(cube_root(0.0), 0.0);
        assert_eq!(cube_root(8.0), 2.0);
        assert_eq!(cube_root(f64::INFINITY), f64::INFINITY);
        assert!(cube_root(-1.0).is_nan() && (-1.0f64).powf(1.0 / 3.0).is_nan());
        assert!(cube_root(f64::NAN).is_nan());
    }

    #[test]
    fn the_rounded_rates_match_pow_over_the_limiter_range() {
        // Time windows for last_max_rate up to 20,000 sends/s, and the cubic for t in -60..60 s, as the
        // limiter rounds them (8 decimals). A product and Newton's root can round to the other side of
        // a tie where pow does not: then they differ by one unit of the 8th decimal, and rarely.
        let (mut window_ties, mut cubic_ties) = (0, 0);
        for i in 0..200_000 {
            let rate = i as f64 * 0.1;
            let x = rate * (1.0 - super::BETA) / super::SCALE_CONSTANT;
            let (a, b) = (precise(cube_root(x)), precise(x.powf(1.0 / 3.0)));
            if a != b {
                assert!(
                    (a - b).abs() <= 1e-8 + 4.0 * f64::EPSILON * b.abs(),
                    "window for rate {rate}: {a} vs {b}"
                );
                window_ties += 1;
            }
            let t = (i as f64 - 100_000.0) * 0.0006;
            let a = precise(super::SCALE_CONSTANT * cube(t) + rate);
            let b = precise(super::SCALE_CONSTANT * t.powf(3.0) + rate);
            if a != b {
                assert!(
                    (a - b).abs() <= 1e-8 + 4.0 * f64::EPSILON * b.abs(),
                    "cubic at t = {t}, rate {rate}: {a} vs {b}"
                );
                cubic_ties += 1;
            }
        }
        assert!(
            window_ties + cubic_ties <= 40,
            "{window_ties} windows and {cubic_ties} cubics off by one unit"
        );
    }
}
