//! A service error's code, message and request id, and the trait that reads them.

use std::error::Error as StdError;
use std::fmt;

/// The code, message and request id of a service error, plus any other fields the error body held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    pub(super) code: Option<String>,
    pub(super) message: Option<String>,
    pub(super) extras: Vec<(&'static str, String)>,
}

impl ErrorMetadata {
    /// A builder.
    pub fn builder() -> ErrorMetadataBuilder {
        ErrorMetadataBuilder::default()
    }
    /// The error code (`InvalidVolume.NotFound`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// Another field by key: `request_id` is the one the client sets.
    pub fn extra(&self, key: &str) -> Option<&str> {
        self.extras
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error")?;
        if let Some(c) = &self.code {
            write!(f, " code={c:?}")?;
        }
        if let Some(m) = &self.message {
            write!(f, " message={m:?}")?;
        }
        for (k, v) in &self.extras {
            write!(f, " {k}={v:?}")?;
        }
        Ok(())
    }
}

impl StdError for ErrorMetadata {}

/// Builds an [`ErrorMetadata`].
#[derive(Debug, Clone, Default)]
pub struct ErrorMetadataBuilder {
    inner: ErrorMetadata,
}

impl ErrorMetadataBuilder {
    /// Sets the code.
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.inner.code = Some(code.into());
        self
    }
    /// Sets the message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.inner.message = Some(message.into());
        self
    }
    /// Adds a field.
    pub fn custom(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.inner.extras.push((key, value.into()));
        self
    }
    /// The metadata.
    pub fn build(self) -> ErrorMetadata {
        self.inner
    }
}

/// Errors that carry a code and a message (`aws_sdk_ec2::error::ProvideErrorMetadata`).
pub trait ProvideErrorMetadata {
    /// The whole metadata.
    fn meta(&self) -> &ErrorMetadata;
    /// The error code, e.g. `InvalidVolume.NotFound`.
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }
    /// The error message.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }
}
