//! One error type for the core: a kind, the input field it is about (as data), and a message. The
//! wire codec frames it for the JS shell, which picks the JS `Error` name from the kind.

use std::fmt;

/// What went wrong, coarsely; the message says exactly what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Caller input broke a rule of the model (missing member, wrong type, bad enum value, bad header).
    InvalidInput,
    /// Client configuration is unusable (region, endpoint, credentials shape).
    InvalidConfig,
    /// The service's response could not be read (malformed XML, wrong scalar type, too deep, too big).
    InvalidResponse,
}

impl ErrorKind {
    /// Every kind, in the order of [`ErrorKind::code`]s the wire contract lists.
    pub const ALL: [ErrorKind; 3] = [
        ErrorKind::InvalidInput,
        ErrorKind::InvalidConfig,
        ErrorKind::InvalidResponse,
    ];

    /// The kind's stable name on the wire (the JS shell maps it to an `Error.name`).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "InvalidInput",
            ErrorKind::InvalidConfig => "InvalidConfig",
            ErrorKind::InvalidResponse => "InvalidResponse",
        }
    }
}

/// A core error: a kind plus a message naming the field or element and the rule it broke.
///
/// Messages never contain credentials: no code path formats a secret into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    /// For input errors, the length of the field path that starts the message (`field: rule`).
    field_len: usize,
    message: String,
}

impl Error {
    /// Input broke a rule: `field` names the member path (`TagSpecifications[0].Tags[1].Key`).
    pub fn invalid_input(field: &str, rule: impl fmt::Display) -> Self {
        Error {
            kind: ErrorKind::InvalidInput,
            field_len: field.len(),
            message: format!("{field}: {rule}"),
        }
    }
    /// Configuration broke a rule.
    pub fn invalid_config(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::InvalidConfig,
            field_len: 0,
            message: message.into(),
        }
    }
    /// The response could not be read.
    pub fn invalid_response(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::InvalidResponse,
            field_len: 0,
            message: message.into(),
        }
    }
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The input member path the error is about (`TagSpecifications[0].Tags[1].Value`), for input errors.
    pub fn field(&self) -> Option<&str> {
        match self.kind {
            ErrorKind::InvalidInput => self.message.get(..self.field_len),
            _ => None,
        }
    }
    /// The message (for input errors it starts with the field path).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Result with the core error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

// The client's errors live here too, at `aws-sdk-ec2`'s paths (`error::SdkError`,
// `error::ProvideErrorMetadata`).
#[cfg(all(target_arch = "wasm32", feature = "client"))]
pub use crate::client::error::{
    BuildError, ConnectorError, ErrorMetadata, HttpResponse, ProvideErrorMetadata, SdkError,
};
