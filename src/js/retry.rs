//! The retry strategy for the JS shell. The shell owns the state: a `Float64Array` per client
//! (strategy: quota, clock offset, adaptive limiter, send window) and one per `send` (token: attempt
//! count, delays), laid out by [`crate::retry::state`]; each step loads, steps and saves it. The
//! shell reads the response headers (`pkg/src/retry-headers.mjs`) and passes numbers in; it only
//! sleeps and counts. One export, [`retry`], takes every step by number.

use super::num;
use crate::retry::{
    classify, Classification, Decision, Outcome, ResponseHeaders, RetryConfig, RetryMode,
    RetryStrategy, RetryToken, TransportError,
};
use crate::wire::contract::op;
use crate::wire::fields;
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

/// Writes a new client strategy for `mode` (the `retryMode` string) and `max_attempts` into `s`.
/// Adaptive mode gets the SDK's rate limiter plus ec2-wasm's send window
/// ([`crate::retry::SendWindow`]).
fn retry_new(s: &mut [f64], mode: &str, max_attempts: u32) {
    RetryStrategy::new(RetryConfig {
        max_attempts: max_attempts.max(1),
        mode: RetryMode::from_name(mode),
    })
    .with_send_window()
    .save(s);
}

/// Before each attempt: ms to wait before sending (adaptive mode), 0 to send now, `Infinity` to
/// wait until an attempt ends and `retryFreeSlots` is positive. Every 0 must be followed by exactly
/// one `retrySuccess`, `retryError` or `retryAbandon`.
fn retry_acquire(s: &mut [f64], now_ms: f64) -> f64 {
    step(s, |st| st.acquire_send_token(now_ms))
}

/// How many sends waiting on `Infinity` may ask again (a large number when all may).
fn retry_free_slots(s: &[f64]) -> u32 {
    RetryStrategy::load(s).free_send_slots()
}

/// An attempt that got its send token ended without an outcome (the caller aborted).
fn retry_abandon(s: &mut [f64]) {
    step(s, RetryStrategy::abandon_attempt)
}

/// Starts an attempt at local time `now_ms`: returns the time to sign with.
fn retry_begin(s: &[f64], t: &mut [f64], now_ms: f64) -> f64 {
    let mut token = RetryToken::load(t);
    let time = RetryStrategy::load(s).begin_attempt(&mut token, now_ms);
    token.save(t);
    time
}

/// After a successful response: its `Date` header in epoch ms (`serverDateMs`: `undefined` when there
/// is none, NaN when it does not parse) and whether it had an `Age` header (`hasAge`).
fn retry_success(
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
fn retry_error(
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
fn retry_classify(status: u16, code: &str, message: &str, transport: &str) -> u32 {
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

/// The `Date` header's epoch ms from numbers `has` (1/0) and `ms` (NaN when it does not parse).
fn server_date(n: &[f64], has: usize, ms: usize) -> Option<f64> {
    (num(n, has) == 1.0).then(|| num(n, ms))
}

/// The retry steps, by `op` ([`crate::wire::contract::op`]): `s` is the client's strategy array, `t`
/// the send's token array (empty where a step takes none). `text`'s fields are split at the lengths
/// that open the numbers `n0`…`n8` (`n` below; fewer passed arrive as NaN) ([`fields`]); the step's
/// numbers follow. Returns the step's number (0 when it has
/// none); a malformed call returns NaN and changes nothing.
///
/// | op | `text` fields | `n` after the lengths | returns |
/// |---|---|---|---|
/// | `RETRY_NEW` | retry mode | max attempts | 0, `s` filled |
/// | `RETRY_CALL` | – | – | 0, `t` filled |
/// | `RETRY_ACQUIRE` | – | now ms | ms to wait, 0 to send now, `Infinity` to queue |
/// | `RETRY_FREE_SLOTS` | – | – | queued sends that may ask again |
/// | `RETRY_ABANDON` | – | – | 0 |
/// | `RETRY_BEGIN` | – | now ms | the time to sign with |
/// | `RETRY_SUCCESS` | – | has Date (1/0), Date ms, has Age (1/0), now ms | 0 |
/// | `RETRY_ERROR` | transport, code, message | status, retry hint ms (NaN: none), has Date, Date ms, has Age, random, now ms | the wait, or -1 to give up |
/// | `RETRY_CLASSIFY` | transport, code, message | status | 0 throttling, 1 transient, 2 server, 3 client |
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn retry(
    op: u32,
    s: &mut [f64],
    t: &mut [f64],
    text: &str,
    n0: f64,
    n1: f64,
    n2: f64,
    n3: f64,
    n4: f64,
    n5: f64,
    n6: f64,
    n7: f64,
    n8: f64,
) -> f64 {
    let n = &[n0, n1, n2, n3, n4, n5, n6, n7, n8][..];
    match op {
        op::RETRY_NEW => {
            retry_new(s, text, num(n, 0) as u32);
            0.0
        }
        op::RETRY_CALL => {
            RetryToken::new().save(t);
            0.0
        }
        op::RETRY_ACQUIRE => retry_acquire(s, num(n, 0)),
        op::RETRY_FREE_SLOTS => f64::from(retry_free_slots(s)),
        op::RETRY_ABANDON => {
            retry_abandon(s);
            0.0
        }
        op::RETRY_BEGIN => retry_begin(s, t, num(n, 0)),
        op::RETRY_SUCCESS => {
            retry_success(s, t, server_date(n, 0, 1), num(n, 2) == 1.0, num(n, 3));
            0.0
        }
        op::RETRY_ERROR => match fields::<3>(text, n) {
            Ok([transport, code, message]) => retry_error(
                s,
                t,
                num(n, 2) as u16,
                code,
                message,
                transport,
                num(n, 3),
                server_date(n, 4, 5),
                num(n, 6) == 1.0,
                num(n, 7),
                num(n, 8),
            ),
            Err(_) => f64::NAN,
        },
        op::RETRY_CLASSIFY => match fields::<3>(text, n) {
            Ok([transport, code, message]) => {
                f64::from(retry_classify(num(n, 2) as u16, code, message, transport))
            }
            Err(_) => f64::NAN,
        },
        _ => f64::NAN,
    }
}
