//! The client clock offset (`systemClockOffset`): how a response's `Date` header moves it.

use super::MAX_SAMPLE_ROUND_TRIP_MS;

/// The client clock offset after a response (`getUpdatedSystemClockOffset.js`): the server `Date`
/// (epoch ms, `None` when absent or unparseable) minus the local clock at receipt, unless the
/// response carries an `Age` header (a cache answered), there is no usable `Date`, or the round
/// trip took more than 15 minutes; then `current_ms` stays. `sent_at_ms` is the local time the
/// attempt was signed.
pub fn updated_clock_offset_ms(
    server_date_ms: Option<f64>,
    has_age: bool,
    current_ms: f64,
    sent_at_ms: Option<f64>,
    now_ms: f64,
) -> f64 {
    match server_date_ms {
        Some(server)
            if server.is_finite()
                && !has_age
                && sent_at_ms.is_none_or(|t| now_ms - t <= MAX_SAMPLE_ROUND_TRIP_MS) =>
        {
            server - now_ms
        }
        _ => current_ms,
    }
}
