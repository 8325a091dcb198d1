//! Errors with `aws-sdk-ec2`'s shapes: [`SdkError`] (what went wrong around the call), the operation
//! errors (what EC2 answered), [`ProvideErrorMetadata`] (`code()`, `message()`, `meta()`), and
//! [`WaiterError`]. None of them ever holds a credential: messages come from the core (which never
//! formats a secret), from the service's error body, or from `fetch` with header values removed.

use std::error::Error as StdError;

/// A boxed error, as `aws-smithy-runtime-api`'s `BoxError`.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

mod build;
mod http;
mod metadata;
mod sdk;
mod unhandled;
mod waiter;

pub use build::{BuildError, ConnectorError};
pub use http::{HttpResponse, StatusCode};
pub use metadata::{ErrorMetadata, ErrorMetadataBuilder, ProvideErrorMetadata};
pub use sdk::{
    ConstructionFailure, CreateUnhandledError, DispatchFailure, ResponseError, SdkError,
    ServiceError, TimeoutError,
};
pub(crate) use unhandled::operation_error;
pub use unhandled::Unhandled;
pub use waiter::{ExceededMaxWait, FailureState, OperationFailed, WaiterError};
