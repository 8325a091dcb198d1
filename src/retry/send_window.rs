//! ec2-wasm's addition to adaptive mode, not in the SDK: a slow-start cap on the attempts in flight
//! before the rate limiter has seen a throttling error.

/// Attempts a [`SendWindow`] lets fly at first: TCP's initial window (RFC 6928).
pub const INITIAL_SEND_WINDOW: u32 = 10;

/// A slow-start window on the attempts in flight, for the time before the rate limiter has seen a
/// throttling error.
///
/// The SDK's limiter lets every send through until the first throttling response arrives. A burst
/// of 200 concurrent sends therefore meets the service at once; against EC2's token bucket most are
/// throttled together, and their retries exhaust the retry quota (500 tokens pay for 100 throttling
/// retries), so about half of the calls fail (`tests/retry-observed.md`, "Burst"). The window starts
/// at [`INITIAL_SEND_WINDOW`] and grows by one for each success that ends while at least half of it
/// is in use, so in a burst it doubles every round trip, and it does not grow for sequential calls.
/// A throttling error enables the limiter, whose CUBIC bucket (the SDK's, unchanged) then paces the
/// sends instead. Fewer than [`INITIAL_SEND_WINDOW`] concurrent sends never wait for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendWindow {
    pub(super) size: u32,
    pub(super) in_flight: u32,
}

impl SendWindow {
    pub(super) fn new() -> Self {
        SendWindow {
            size: INITIAL_SEND_WINDOW,
            in_flight: 0,
        }
    }
    /// Attempts allowed in flight.
    pub fn size(&self) -> u32 {
        self.size
    }
    /// Attempts in flight.
    pub fn in_flight(&self) -> u32 {
        self.in_flight
    }
    /// Slots left before the window is full.
    pub fn free_slots(&self) -> u32 {
        self.size.saturating_sub(self.in_flight)
    }
    /// An attempt takes a slot (even beyond the size: the caller decides whether the window applies).
    pub(super) fn begin(&mut self) {
        self.in_flight = self.in_flight.saturating_add(1);
    }
    /// An attempt ends; a success while at least half of the window is in use grows it by one.
    pub(super) fn end(&mut self, success: bool) {
        if success && self.in_flight * 2 >= self.size {
            self.size = self.size.saturating_add(1);
        }
        self.in_flight = self.in_flight.saturating_sub(1);
    }
}
