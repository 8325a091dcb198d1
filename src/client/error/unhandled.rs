//! The `Unhandled` variant of the operation errors and the macro that defines them.

use super::{BoxError, ErrorMetadata};

/// An error of another kind held by an operation error (its `Unhandled` variant).
#[derive(Debug)]
pub struct Unhandled {
    pub(crate) source: BoxError,
    pub(crate) meta: ErrorMetadata,
}

impl Unhandled {
    pub(crate) fn new(source: BoxError, meta: Option<ErrorMetadata>) -> Self {
        Unhandled {
            source,
            meta: meta.unwrap_or_default(),
        }
    }
}

/// Defines an operation error enum as the SDK generates one for an operation without modeled errors
/// (EC2 models none): an `Unhandled` variant, [`ProvideErrorMetadata`], `Display`, `Error`.
macro_rules! operation_error {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum $name {
            /// An error without a modeled variant (every EC2 error: EC2 models none). Match on
            /// `code()` rather than on this variant.
            #[deprecated(note = "Matching `Unhandled` directly is not forwards compatible. Instead, match using a variable wildcard pattern and check `.code()`")]
            Unhandled($crate::client::error::Unhandled),
        }

        #[allow(deprecated)]
        impl $name {
            /// An error with this metadata (what an EC2 error response becomes).
            pub fn generic(meta: $crate::client::error::ErrorMetadata) -> Self {
                let source: $crate::client::error::BoxError = Box::new(meta.clone());
                $name::Unhandled($crate::client::error::Unhandled::new(source, Some(meta)))
            }
            /// An error of another kind.
            pub fn unhandled(err: impl Into<$crate::client::error::BoxError>) -> Self {
                $name::Unhandled($crate::client::error::Unhandled::new(err.into(), None))
            }
            /// The metadata.
            pub fn meta(&self) -> &$crate::client::error::ErrorMetadata {
                match self {
                    $name::Unhandled(e) => &e.meta,
                }
            }
        }

        #[allow(deprecated)]
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $name::Unhandled(e) => match (e.meta.code(), e.meta.message()) {
                        (Some(code), Some(message)) => write!(f, "unhandled error ({code}): {message}"),
                        (Some(code), None) => write!(f, "unhandled error ({code})"),
                        _ => write!(f, "unhandled error"),
                    },
                }
            }
        }

        #[allow(deprecated)]
        impl std::error::Error for $name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    $name::Unhandled(e) => Some(e.source.as_ref()),
                }
            }
        }

        impl $crate::client::error::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::client::error::ErrorMetadata {
                $name::meta(self)
            }
        }

        #[allow(deprecated)]
        impl $crate::client::error::CreateUnhandledError for $name {
            fn create_unhandled_error(
                source: $crate::client::error::BoxError,
                meta: Option<$crate::client::error::ErrorMetadata>,
            ) -> Self {
                $name::Unhandled($crate::client::error::Unhandled::new(source, meta))
            }
        }
    };
}
pub(crate) use operation_error;
