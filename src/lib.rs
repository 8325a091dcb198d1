//! ec2-wasm: the EC2 `CreateSnapshot` call for browsers and edge runtimes.
//!
//! Everything outside [`js`] is plain Rust with no I/O, no clock and no randomness: the signer, the EC2
//! Query serializer, the XML deserializer, endpoint resolution and retry decisions all take time and
//! random numbers as parameters, so `cargo test` proves them natively against the official vectors.
//! The `js` module (wasm32 only) is the thin binding the npm package calls.

pub mod bridge;
pub mod endpoint;
pub mod error;
pub mod model;
pub mod query;
pub mod request;
pub mod retry;
pub mod sigv4;
pub mod time;
pub mod xml;

#[cfg(target_arch = "wasm32")]
pub mod js;

pub use error::{Error, ErrorKind, Result};
