//! One error type for the core. The JS layer turns it into a JS `Error` whose `name` follows the kind.

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
    /// The JS `Error.name` used for this kind at the boundary.
    pub fn js_name(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "ValidationError",
            ErrorKind::InvalidConfig => "ConfigurationError",
            ErrorKind::InvalidResponse => "DeserializationError",
        }
    }
}

/// A core error: a kind plus a message naming the field or element and the rule it broke.
///
/// Messages never contain credentials: no code path formats a secret into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Input broke a rule: `field` names the member path (`TagSpecifications[0].Tags[1].Key`).
    pub fn invalid_input(field: &str, rule: impl fmt::Display) -> Self {
        Error {
            kind: ErrorKind::InvalidInput,
            message: format!("{field}: {rule}"),
        }
    }
    /// Configuration broke a rule.
    pub fn invalid_config(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::InvalidConfig,
            message: message.into(),
        }
    }
    /// The response could not be read.
    pub fn invalid_response(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::InvalidResponse,
            message: message.into(),
        }
    }
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The message without the kind prefix.
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
