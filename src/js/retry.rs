//! The retry strategy for the JS shell: one [`Retry`] per client (quota, clock offset, adaptive
//! limiter) and one [`Call`] per `send` (attempt count, delays). The shell only sleeps and counts.

use crate::retry::{
    Decision, Outcome, RetryConfig, RetryMode, RetryStrategy, RetryToken, TransportError,
};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Per-client retry state.
#[wasm_bindgen]
pub struct Retry {
    strategy: RetryStrategy,
}

/// Per-call retry state.
#[wasm_bindgen]
pub struct Call {
    token: RetryToken,
}

fn transport_kind(name: &str) -> TransportError {
    match name {
        "TimeoutError" => TransportError::Timeout,
        "ConnectionReset" => TransportError::ConnectionReset,
        "Dropped" => TransportError::Dropped,
        "Network" => TransportError::Network,
        "AbortError" => TransportError::Aborted,
        _ => TransportError::Other,
    }
}

#[wasm_bindgen]
impl Retry {
    /// `mode` is the `retryMode` string; `max_attempts` the `maxAttempts` number. Adaptive mode gets
    /// the SDK's rate limiter plus ec2-wasm's send window ([`crate::retry::SendWindow`]).
    #[wasm_bindgen(constructor)]
    pub fn new(mode: &str, max_attempts: u32) -> Retry {
        Retry {
            strategy: RetryStrategy::new(RetryConfig {
                max_attempts: max_attempts.max(1),
                mode: RetryMode::from_name(mode),
            })
            .with_send_window(),
        }
    }

    /// `systemClockOffset` as the strategy knows it.
    #[wasm_bindgen(getter, js_name = clockOffset)]
    pub fn clock_offset(&self) -> f64 {
        self.strategy.clock_offset_ms()
    }

    /// Sets `systemClockOffset` (the client option, or a value the user assigned).
    #[wasm_bindgen(setter, js_name = clockOffset)]
    pub fn set_clock_offset(&mut self, ms: f64) {
        if ms.is_finite() {
            self.strategy.set_clock_offset_ms(ms);
        }
    }

    /// Retry tokens left (500 when full).
    #[wasm_bindgen(getter)]
    pub fn capacity(&self) -> u32 {
        self.strategy.capacity()
    }

    /// A new call.
    #[wasm_bindgen(js_name = newCall)]
    pub fn new_call(&self) -> Call {
        Call {
            token: RetryToken::new(),
        }
    }

    /// Before each attempt: ms to wait before sending (adaptive mode), 0 to send now, `Infinity` to
    /// wait until an attempt ends and `freeSendSlots` is positive. Every 0 must be followed by
    /// exactly one `onSuccess`, `onError` or `abandonAttempt`.
    #[wasm_bindgen(js_name = acquire)]
    pub fn acquire(&mut self, now_ms: f64) -> f64 {
        self.strategy.acquire_send_token(now_ms)
    }

    /// How many sends waiting on `Infinity` may ask again (a large number when all may).
    #[wasm_bindgen(getter, js_name = freeSendSlots)]
    pub fn free_send_slots(&self) -> u32 {
        self.strategy.free_send_slots()
    }

    /// An attempt that got its send token ended without an outcome (the caller aborted).
    #[wasm_bindgen(js_name = abandonAttempt)]
    pub fn abandon_attempt(&mut self) {
        self.strategy.abandon_attempt();
    }

    /// Starts an attempt at local time `now_ms`: returns the time to sign with.
    #[wasm_bindgen(js_name = beginAttempt)]
    pub fn begin_attempt(&self, call: &mut Call, now_ms: f64) -> f64 {
        self.strategy.begin_attempt(&mut call.token, now_ms)
    }

    /// After a successful response (its `date` and `age` headers, "" when absent).
    #[wasm_bindgen(js_name = onSuccess)]
    pub fn on_success(&mut self, call: &Call, date: &str, age: Option<String>, now_ms: f64) {
        let mut h: Vec<(&str, &str)> = Vec::with_capacity(2);
        if !date.is_empty() {
            h.push(("date", date));
        }
        if let Some(a) = age.as_deref() {
            h.push(("age", a));
        }
        self.strategy.on_success(&call.token, &h, now_ms);
    }

    /// After a failed attempt: `{ delay, clockSkewCorrected }` where `delay` is the wait before the
    /// next attempt, or -1 to give up. `status` 0 means no response (`transport` names the failure);
    /// a status with `transport` `"Dropped"` means the connection failed while the body was read.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = onError)]
    pub fn on_error(
        &mut self,
        call: &mut Call,
        status: u16,
        code: Option<String>,
        message: Option<String>,
        transport: &str,
        headers: Vec<String>,
        random: f64,
        now_ms: f64,
    ) -> Object {
        let pairs: Vec<(&str, &str)> = headers
            .chunks_exact(2)
            .map(|p| (p[0].as_str(), p[1].as_str()))
            .collect();
        let outcome = if status == 0 {
            Outcome::Transport(transport_kind(transport))
        } else if transport == "Dropped" {
            Outcome::Interrupted {
                status,
                headers: &pairs,
            }
        } else {
            Outcome::Response {
                status,
                code: code.as_deref(),
                message: message.as_deref(),
                headers: &pairs,
            }
        };
        let decision = self
            .strategy
            .on_error(&mut call.token, &outcome, random, now_ms);
        let o = Object::new();
        let delay = match decision {
            Decision::Retry { delay_ms } => f64::from(delay_ms),
            Decision::Stop(_) => -1.0,
        };
        let _ = Reflect::set(&o, &"delay".into(), &delay.into());
        let _ = Reflect::set(
            &o,
            &"clockSkewCorrected".into(),
            &call.token.clock_skew_corrected().into(),
        );
        o
    }
}

#[wasm_bindgen]
impl Call {
    /// `$metadata.attempts` so far.
    #[wasm_bindgen(getter)]
    pub fn attempts(&self) -> u32 {
        self.token.attempts()
    }
    /// `$metadata.totalRetryDelay` so far.
    #[wasm_bindgen(getter, js_name = totalRetryDelay)]
    pub fn total_retry_delay(&self) -> f64 {
        self.token.total_retry_delay_ms() as f64
    }
}
