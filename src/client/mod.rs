//! The Rust async client (feature `client`, wasm32): `aws-sdk-ec2` 1.x's interface for the operations
//! this crate has, over the platform's `fetch`. Porting code from `aws-sdk-ec2` is changing
//! `aws_sdk_ec2` to `ec2_wasm` in the `use` lines.
//!
//! ```no_run
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! use ec2_wasm::config::{BehaviorVersion, Credentials, Region};
//! use ec2_wasm::{Client, Config};
//! let config = Config::builder()
//!     .behavior_version(BehaviorVersion::latest())
//!     .region(Region::new("us-east-1"))
//!     .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "example"))
//!     .build();
//! let client = Client::from_conf(config);
//! let out = client.create_snapshot().volume_id("vol-1").description("nightly").send().await?;
//! println!("{:?}", out.snapshot_id());
//! # Ok(()) }
//! ```
//!
//! Signing, serialization, endpoints, retry decisions and parsing are the crate's core, exactly as
//! the npm package uses it; [`platform`] is the only part that talks to JavaScript.
#![deny(missing_docs)]

mod call;
pub mod config;
pub mod error;
mod members;
pub mod operation;
mod platform;
pub mod primitives;
pub mod types;
pub mod waiters;

pub use config::Config;

use std::sync::Arc;

use operation::create_snapshot::builders::CreateSnapshotFluentBuilder;
use operation::describe_snapshots::builders::DescribeSnapshotsFluentBuilder;
use waiters::snapshot_completed::SnapshotCompletedFluentBuilder;

/// The EC2 client. Cheap to clone (clones share the retry quota and the signing-key cache).
#[derive(Debug, Clone)]
pub struct Client {
    handle: Arc<call::Handle>,
}

impl Client {
    /// A client with `conf`.
    pub fn from_conf(conf: Config) -> Self {
        Client {
            handle: Arc::new(call::Handle::new(conf)),
        }
    }
    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.handle.config
    }
    /// CreateSnapshot: set the input on the builder, then `send().await`.
    pub fn create_snapshot(&self) -> CreateSnapshotFluentBuilder {
        CreateSnapshotFluentBuilder {
            handle: self.handle.clone(),
            inner: Default::default(),
        }
    }
    /// DescribeSnapshots: set the input, then `send().await` or `into_paginator()`.
    pub fn describe_snapshots(&self) -> DescribeSnapshotsFluentBuilder {
        DescribeSnapshotsFluentBuilder {
            handle: self.handle.clone(),
            inner: Default::default(),
        }
    }
}

/// The client's waiters (`use ec2_wasm::client::Waiters;`).
pub trait Waiters {
    /// Waits until every snapshot described is `completed`.
    fn wait_until_snapshot_completed(&self) -> SnapshotCompletedFluentBuilder;
}

impl Waiters for Client {
    fn wait_until_snapshot_completed(&self) -> SnapshotCompletedFluentBuilder {
        SnapshotCompletedFluentBuilder::new(self.handle.clone())
    }
}
