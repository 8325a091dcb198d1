//! ec2-wasm: AWS EC2 for browsers and edge runtimes — SigV4, the EC2 Query writer and the XML
//! reader in a small WebAssembly module.
//!
//! Everything outside [`js`] is plain Rust with no I/O, no clock and no randomness: time and random
//! numbers are parameters, so `cargo test` proves it natively against the official vectors. The
//! operations are data ([`shapes`], generated from the botocore models); the query writer, the JSON
//! reader and writer and the XML reader walk that data and name no operation. Imports point down:
//! [`text`] and [`error`] are leaves; [`wire`] and [`js`] sit on top.
//!
//! With the `client` feature on wasm32, `client` is a Rust async client with `aws-sdk-ec2`'s
//! interface (`Client`, `config`, `types`, `operation`, `error::SdkError`, `client::Waiters`) over the
//! platform's `fetch`: porting code from `aws-sdk-ec2` is changing the crate name in its `use` lines.

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

// The npm package's exports; a Rust app using the client (feature `client`) gets neither them nor
// their allocator.
#[cfg(all(target_arch = "wasm32", not(feature = "client")))]
pub mod js;

#[cfg(all(target_arch = "wasm32", feature = "client"))]
pub mod client;
#[cfg(all(target_arch = "wasm32", feature = "client"))]
pub use client::{config, operation, primitives, types, waiters, Client, Config};

pub use error::{Error, ErrorKind, Result};
