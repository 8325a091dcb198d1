//! The wait before a retry: the SDK's jittered exponential backoff, lengthened by the server's
//! retry hint by at most 5 s.

use super::classify::Classification;
use super::{BASE_DELAY_MS, MAX_BACKOFF_MS, MAX_HINT_EXTRA_MS, THROTTLING_BASE_DELAY_MS};

/// The jittered backoff before retry number `retries + 1`: `floor(random × min(base × 2^retries,
/// 20000))` ms, base 1000 ms for throttling and 50 ms otherwise (`DefaultRetryBackoffStrategy.js`).
/// `random` is `Math.random()`, in `[0, 1)`.
pub fn backoff_ms(class: Classification, retries: u32, random: f64) -> u32 {
    let base = if class == Classification::Throttling {
        THROTTLING_BASE_DELAY_MS
    } else {
        BASE_DELAY_MS
    };
    let exp = 2f64.powi(retries.min(64) as i32);
    (random * (base * exp).min(MAX_BACKOFF_MS)).floor() as u32
}

/// The wait before a retry given the backoff and a server hint (ms from now,
/// [`ResponseHeaders::retry_hint_ms`](super::classify::ResponseHeaders::retry_hint_ms)):
/// `max(backoff, min(hint, backoff + 5000))`, so a hint can lengthen the wait by at most 5 s and
/// never shorten it (`StandardRetryStrategy.js`). A NaN hint counts as none (the SDK would wait NaN
/// ms: about none, with a NaN `totalRetryDelay`).
pub fn retry_delay_ms(backoff_ms: u32, hint_ms: Option<f64>) -> u32 {
    let backoff = f64::from(backoff_ms);
    match hint_ms {
        Some(hint) if !hint.is_nan() => backoff.max(hint.min(backoff + MAX_HINT_EXTRA_MS)) as u32,
        _ => backoff_ms,
    }
}
