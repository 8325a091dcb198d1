//! [`RetryStrategy`] and [`RetryToken`] as fixed-size `f64` arrays, so the JS shell can own them
//! (a `Float64Array` per client and per call) and wasm keeps no per-client objects: nothing to free,
//! nothing to leak in runtimes without `FinalizationRegistry` (workerd), nothing to detach when a
//! trapped instance is replaced.

use super::rate_limiter::RateLimiter;
use super::send_window::SendWindow;
use super::strategy::{RetryConfig, RetryMode, RetryStrategy, RetryToken};

/// Length of a saved [`RetryStrategy`].
pub const STRATEGY_LEN: usize = 18;
/// Length of a saved [`RetryToken`].
pub const TOKEN_LEN: usize = 6;

/// Index of the mode in a saved strategy: 0 standard, 1 adaptive (the shell reads it).
pub const STRATEGY_MODE: usize = 1;
/// Index of `systemClockOffset` in a saved strategy (the shell reads and writes it).
pub const STRATEGY_CLOCK_OFFSET: usize = 3;
/// Index of the attempt number (retries + 1) in a saved token.
pub const TOKEN_ATTEMPTS: usize = 0;
/// Index of `totalRetryDelay` in a saved token.
pub const TOKEN_TOTAL_DELAY: usize = 2;
/// Index of `clockSkewCorrected` (1 or 0) in a saved token.
pub const TOKEN_SKEW_CORRECTED: usize = 5;

/// NaN stands for `None` in the arrays.
fn opt(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// A count read back from the array: negative, NaN or oversized values clamp (the shell never
/// writes those, but a wrong array must not panic).
fn count(v: f64) -> u32 {
    v as u32
}

impl RetryStrategy {
    /// Writes the strategy into `out` (at least [`STRATEGY_LEN`] long; shorter writes nothing).
    pub fn save(&self, out: &mut [f64]) {
        let Some(out) = out.get_mut(..STRATEGY_LEN) else {
            return;
        };
        let l = self.limiter.as_ref();
        let w = self.window.as_ref();
        let vals: [f64; STRATEGY_LEN] = [
            f64::from(self.config.max_attempts),
            if self.config.mode == RetryMode::Adaptive {
                1.0
            } else {
                0.0
            },
            f64::from(self.capacity),
            self.clock_offset_ms,
            w.map_or(f64::NAN, |w| f64::from(w.size)),
            w.map_or(0.0, |w| f64::from(w.in_flight)),
            l.map_or(f64::NAN, |l| if l.enabled { 1.0 } else { 0.0 }),
            l.map_or(0.0, |l| l.available_tokens),
            l.map_or(0.0, |l| l.last_max_rate),
            l.map_or(0.0, |l| l.measured_tx_rate),
            l.map_or(0.0, |l| l.request_count),
            l.map_or(0.0, |l| l.fill_rate),
            l.map_or(0.0, |l| l.last_throttle_time),
            l.map_or(0.0, |l| l.last_timestamp),
            l.map_or(0.0, |l| l.last_tx_rate_bucket),
            l.map_or(0.0, |l| l.max_capacity),
            l.map_or(0.0, |l| l.time_window),
            0.0,
        ];
        out.copy_from_slice(&vals);
    }

    /// Reads a strategy written by [`RetryStrategy::save`]; a short array gives a fresh default one.
    pub fn load(s: &[f64]) -> RetryStrategy {
        let Some(s) = s.get(..STRATEGY_LEN) else {
            return RetryStrategy::new(RetryConfig::default());
        };
        let limiter = opt(s[6]).map(|enabled| RateLimiter {
            enabled: enabled != 0.0,
            available_tokens: s[7],
            last_max_rate: s[8],
            measured_tx_rate: s[9],
            request_count: s[10],
            fill_rate: s[11],
            last_throttle_time: s[12],
            last_timestamp: s[13],
            last_tx_rate_bucket: s[14],
            max_capacity: s[15],
            time_window: s[16],
        });
        RetryStrategy {
            config: RetryConfig {
                max_attempts: count(s[0]).max(1),
                mode: if s[1] != 0.0 {
                    RetryMode::Adaptive
                } else {
                    RetryMode::Standard
                },
            },
            capacity: count(s[2]),
            clock_offset_ms: if s[3].is_finite() { s[3] } else { 0.0 },
            limiter,
            window: opt(s[4]).map(|size| SendWindow {
                size: count(size),
                in_flight: count(s[5]),
            }),
        }
    }
}

impl RetryToken {
    /// Writes the token into `out` (at least [`TOKEN_LEN`] long; shorter writes nothing).
    pub fn save(&self, out: &mut [f64]) {
        let Some(out) = out.get_mut(..TOKEN_LEN) else {
            return;
        };
        out.copy_from_slice(&[
            f64::from(self.attempts()),
            self.cost.map_or(f64::NAN, f64::from),
            self.total_retry_delay_ms as f64,
            self.sent_at_ms.unwrap_or(f64::NAN),
            self.pre_request_offset_ms,
            if self.clock_skew_corrected { 1.0 } else { 0.0 },
        ]);
    }

    /// Reads a token written by [`RetryToken::save`]; a short array gives a fresh one.
    pub fn load(t: &[f64]) -> RetryToken {
        let Some(t) = t.get(..TOKEN_LEN) else {
            return RetryToken::new();
        };
        RetryToken {
            retries: count(t[0]).saturating_sub(1),
            cost: opt(t[1]).map(count),
            total_retry_delay_ms: t[2] as u64,
            sent_at_ms: opt(t[3]),
            pre_request_offset_ms: if t[4].is_finite() { t[4] } else { 0.0 },
            clock_skew_corrected: t[5] != 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::classify::{Outcome, ResponseHeaders, TransportError};
    use super::*;

    fn round_trip(s: &RetryStrategy) -> RetryStrategy {
        let mut a = [0.0; STRATEGY_LEN];
        s.save(&mut a);
        RetryStrategy::load(&a)
    }

    #[test]
    fn a_strategy_survives_save_and_load_at_every_step() {
        for mode in [RetryMode::Standard, RetryMode::Adaptive] {
            // The same sequence on a live strategy and on one saved and reloaded between calls.
            let cfg = RetryConfig {
                max_attempts: 4,
                mode,
            };
            let mut live = RetryStrategy::new(cfg).with_send_window();
            let mut saved = round_trip(&live);
            let (mut lt, mut st) = (RetryToken::new(), RetryToken::new());
            let throttle = Outcome::Response {
                status: 400,
                code: Some("RequestLimitExceeded"),
                message: None,
                headers: ResponseHeaders::default(),
            };
            // Tue, 14 Nov 2023 22:13:20 GMT.
            let dated = ResponseHeaders {
                server_date_ms: Some(1_700_000_000_000.0),
                ..ResponseHeaders::default()
            };
            let mut now = 1_700_000_000_000.0;
            for step in 0..40 {
                now += 37.0;
                assert_eq!(live.acquire_send_token(now), saved.acquire_send_token(now));
                saved = round_trip(&saved);
                assert_eq!(
                    live.begin_attempt(&mut lt, now),
                    saved.begin_attempt(&mut st, now)
                );
                let mut a = [0.0; TOKEN_LEN];
                st.save(&mut a);
                st = RetryToken::load(&a);
                if step % 3 == 0 {
                    live.on_success(&lt, &dated, now);
                    saved.on_success(&st, &dated, now);
                    lt = RetryToken::new();
                    st = RetryToken::new();
                } else {
                    let o = if step % 3 == 1 {
                        throttle
                    } else {
                        Outcome::Transport(TransportError::Timeout)
                    };
                    let a = live.on_error(&mut lt, &o, 0.5, now);
                    let b = saved.on_error(&mut st, &o, 0.5, now);
                    assert_eq!(a, b);
                }
                saved = round_trip(&saved);
                assert_eq!(lt, st, "{mode:?} step {step}");
                assert_eq!(live.capacity(), saved.capacity());
                assert_eq!(live.clock_offset_ms(), saved.clock_offset_ms());
                assert_eq!(live.rate_limiter(), saved.rate_limiter());
                assert_eq!(live.send_window(), saved.send_window());
                assert_eq!(live.free_send_slots(), saved.free_send_slots());
            }
        }
    }

    #[test]
    fn the_mode_slot_holds_the_mode() {
        // The shell reads this slot (its index comes from the generated contract module).
        let mut s = [0.0; STRATEGY_LEN];
        let adaptive = RetryConfig {
            max_attempts: 3,
            mode: RetryMode::Adaptive,
        };
        RetryStrategy::new(adaptive).save(&mut s);
        assert_eq!(s[STRATEGY_MODE], 1.0);
        RetryStrategy::new(RetryConfig::default()).save(&mut s);
        assert_eq!(s[STRATEGY_MODE], 0.0);
    }

    #[test]
    fn wrong_arrays_never_panic() {
        let s = RetryStrategy::load(&[f64::NAN; STRATEGY_LEN]);
        assert_eq!(s.config().max_attempts, 1);
        let _ = RetryStrategy::load(&[-1.0; 3]);
        let t = RetryToken::load(&[f64::INFINITY; TOKEN_LEN]);
        let _ = t.attempts();
        RetryToken::new().save(&mut [0.0; 2]);
    }
}
