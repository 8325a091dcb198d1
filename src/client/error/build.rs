//! Failures before a response: a request that could not be built, and `fetch` failing.

use std::error::Error as StdError;
use std::fmt;

/// A request could not be built: bad input (the message names the field and the rule) or
/// configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    field: Option<String>,
    message: String,
}

impl BuildError {
    pub(crate) fn from_core(e: crate::Error) -> Self {
        BuildError {
            field: e.field().map(str::to_owned),
            message: e.message().to_owned(),
        }
    }
    pub(crate) fn config(message: impl Into<String>) -> Self {
        BuildError {
            field: None,
            message: message.into(),
        }
    }
    /// The input member the error is about (`TagSpecifications[0].Tags[1].Key`), for input errors.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for BuildError {}

/// `fetch` failed: no response (refused, reset, network down) or the connection dropped mid-body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectorError {
    kind: crate::retry::TransportError,
    message: String,
}

impl ConnectorError {
    pub(crate) fn new(kind: crate::retry::TransportError, message: String) -> Self {
        ConnectorError { kind, message }
    }
    /// Whether the connection timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == crate::retry::TransportError::Timeout
    }
    /// Whether it was a network or connection failure (refused, reset, unreachable).
    pub fn is_io(&self) -> bool {
        matches!(
            self.kind,
            crate::retry::TransportError::ConnectionReset
                | crate::retry::TransportError::Network
                | crate::retry::TransportError::Dropped
        )
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConnectorError {}
