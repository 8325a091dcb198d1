//! The retry strategy for the JS shell. The shell owns the state: a `Float64Array` per client
//! (strategy: quota, clock offset, adaptive limiter, send window) and one per `send` (token: attempt
//! count, delays), laid out by [`crate::retry::state`]; each export loads, steps and saves it. The
//! shell reads the response headers (`pkg/src/retry-headers.mjs`) and passes numbers in; it only
//! sleeps and counts.

use crate::retry::state::{STRATEGY_LEN, TOKEN_LEN};
use crate::retry::{
    classify, Classification, Decision, Outcome, ResponseHeaders, RetryConfig, RetryMode,
    RetryStrategy, RetryToken, TransportError,
};
use wasm_bindgen::prelude::*;

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

/// Runs `f` on the strategy saved in `s` and saves it back.
fn step<T>(s: &mut [f64], f: impl FnOnce(&mut RetryStrategy) -> T) -> T {
    let mut strategy = RetryStrategy::load(s);
    let r = f(&mut strategy);
    strategy.save(s);
    r
}

/// A new client strategy for `mode` (the `retryMode` string) and `max_attempts`: the array to keep
/// (its length fixed by the core). Adaptive mode gets the SDK's rate limiter plus ec2-wasm's send
/// window ([`crate::retry::SendWindow`]).
#[wasm_bindgen(js_name = retryNew)]
pub fn retry_new(mode: &str, max_attempts: u32) -> Vec<f64> {
    let mut s = vec![0.0; STRATEGY_LEN];
    RetryStrategy::new(RetryConfig {
        max_attempts: max_attempts.max(1),
        mode: RetryMode::from_name(mode),
    })
    .with_send_window()
    .save(&mut s);
    s
}

/// A new call's token array.
#[wasm_bindgen(js_name = retryCall)]
pub fn retry_call() -> Vec<f64> {
    let mut t = vec![0.0; TOKEN_LEN];
    RetryToken::new().save(&mut t);
    t
}

/// Before each attempt: ms to wait before sending (adaptive mode), 0 to send now, `Infinity` to
/// wait until an attempt ends and `retryFreeSlots` is positive. Every 0 must be followed by exactly
/// one `retrySuccess`, `retryError` or `retryAbandon`.
#[wasm_bindgen(js_name = retryAcquire)]
pub fn retry_acquire(s: &mut [f64], now_ms: f64) -> f64 {
    step(s, |st| st.acquire_send_token(now_ms))
}

/// How many sends waiting on `Infinity` may ask again (a large number when all may).
#[wasm_bindgen(js_name = retryFreeSlots)]
pub fn retry_free_slots(s: &[f64]) -> u32 {
    RetryStrategy::load(s).free_send_slots()
}

/// An attempt that got its send token ended without an outcome (the caller aborted).
#[wasm_bindgen(js_name = retryAbandon)]
pub fn retry_abandon(s: &mut [f64]) {
    step(s, RetryStrategy::abandon_attempt)
}

/// Starts an attempt at local time `now_ms`: returns the time to sign with.
#[wasm_bindgen(js_name = retryBegin)]
pub fn retry_begin(s: &[f64], t: &mut [f64], now_ms: f64) -> f64 {
    let mut token = RetryToken::load(t);
    let time = RetryStrategy::load(s).begin_attempt(&mut token, now_ms);
    token.save(t);
    time
}

/// After a successful response: its `Date` header in epoch ms (`serverDateMs`: `undefined` when there
/// is none, NaN when it does not parse) and whether it had an `Age` header (`hasAge`).
#[wasm_bindgen(js_name = retrySuccess)]
pub fn retry_success(
    s: &mut [f64],
    t: &[f64],
    server_date_ms: Option<f64>,
    has_age: bool,
    now_ms: f64,
) {
    let token = RetryToken::load(t);
    let headers = ResponseHeaders {
        server_date_ms,
        has_age,
        retry_hint_ms: None,
    };
    step(s, |st| st.on_success(&token, &headers, now_ms));
}

/// After a failed attempt: the wait before the next attempt, or -1 to give up. `status` 0 means no
/// response (`transport` names the failure); a status with `transport` `"Dropped"` means the
/// connection failed while the body was read. `code` and `message` are "" when absent. From the
/// response headers: `retry_hint_ms` (`retryHintMs`, ms from now, NaN for no hint),
/// `server_date_ms` and `has_age` as for [`retry_success`].
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = retryError)]
pub fn retry_error(
    s: &mut [f64],
    t: &mut [f64],
    status: u16,
    code: &str,
    message: &str,
    transport: &str,
    retry_hint_ms: f64,
    server_date_ms: Option<f64>,
    has_age: bool,
    random: f64,
    now_ms: f64,
) -> f64 {
    let headers = ResponseHeaders {
        server_date_ms,
        has_age,
        retry_hint_ms: (!retry_hint_ms.is_nan()).then_some(retry_hint_ms),
    };
    let outcome = outcome(status, code, message, transport, headers);
    let mut token = RetryToken::load(t);
    let decision = step(s, |st| st.on_error(&mut token, &outcome, random, now_ms));
    token.save(t);
    match decision {
        Decision::Retry { delay_ms } => f64::from(delay_ms),
        Decision::Stop(_) => -1.0,
    }
}

/// A failed attempt as the shell reports it (see [`retry_error`]).
fn outcome<'a>(
    status: u16,
    code: &'a str,
    message: &'a str,
    transport: &str,
    headers: ResponseHeaders,
) -> Outcome<'a> {
    if status == 0 {
        Outcome::Transport(transport_kind(transport))
    } else if transport == "Dropped" {
        Outcome::Interrupted { status, headers }
    } else {
        Outcome::Response {
            status,
            code: (!code.is_empty()).then_some(code),
            message: (!message.is_empty()).then_some(message),
            headers,
        }
    }
}

/// How the SDK's retry middleware sorts a failed attempt (`getRetryErrorType`), for a user's own
/// `retryStrategy`: 0 throttling, 1 transient, 2 server error, 3 client error (the shell names them
/// `"THROTTLING"`, `"TRANSIENT"`, `"SERVER_ERROR"`, `"CLIENT_ERROR"`). Arguments as for [`retry_error`].
#[wasm_bindgen(js_name = retryClassify)]
pub fn retry_classify(status: u16, code: &str, message: &str, transport: &str) -> u32 {
    let headers = ResponseHeaders {
        server_date_ms: None,
        has_age: false,
        retry_hint_ms: None,
    };
    let outcome = outcome(status, code, message, transport, headers);
    match classify(&outcome, false) {
        Classification::Throttling => 0,
        Classification::Transient => 1,
        Classification::ServerError => 2,
        Classification::ClientError => 3,
    }
}
