//! ec2-wasm: AWS EC2 for browsers and edge runtimes — SigV4, the EC2 Query writer and the XML
//! reader in a small WebAssembly module.
//!
//! Everything outside [`js`] is plain Rust with no I/O, no clock and no randomness: time and random
//! numbers are parameters, so `cargo test` proves it natively against the official vectors. The
//! operations are data ([`shapes`], generated from the botocore models); the query writer, the JSON
//! reader and writer and the XML reader walk that data and name no operation. Imports point down:
//! [`text`] and [`error`] are leaves; [`wire`] and [`js`] sit on top.

pub mod endpoint;
pub mod error;
pub mod query;
pub mod request;
pub mod retry;
pub mod shapes;
pub mod sigv4;
pub mod text;
pub mod time;
pub mod wire;
pub mod xml;

#[cfg(target_arch = "wasm32")]
pub mod js;

pub use error::{Error, ErrorKind, Result};
