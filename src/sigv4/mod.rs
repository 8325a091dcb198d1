//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`), header and query (presigned URL) signing.
//!
//! Signing is three tasks, each a value whose `Display` is the exact text the specification and the
//! official test suites print: the [`CanonicalRequest`] (method, path, query, headers and payload
//! hash in canonical form), the [`StringToSign`] (algorithm, time, scope and the canonical request's
//! hash), then the signature, an HMAC of the string to sign under a key derived from the secret and
//! the scope ([`signing_key`]). [`sign_headers`] puts the signature in the `Authorization` header,
//! [`presign_query`] in the query string. Time is a parameter; nothing here reads the clock.
//!
//! The files, lowest first: `hmac` (SHA-256 and HMAC), `key` (the derived key), `cache` (derived
//! keys kept), `params` (what signing takes), `checks` (what it accepts), `canonical` (task 1),
//! `string_to_sign` (task 2), `signed` (tasks 1 to 3 on one buffer, and the output), `signer`
//! (header signing), `presign` (query signing).

mod cache;
mod canonical;
mod checks;
mod hmac;
mod key;
mod params;
mod presign;
mod signed;
mod signer;
mod string_to_sign;

pub use cache::SigningKeyCache;
pub use canonical::{canonical_path, canonical_query, uri_encode_into, CanonicalRequest};
pub use checks::is_signable;
pub use hmac::{hex, hmac, sha256, HmacKey};
pub use key::signing_key;
pub use params::{Credentials, SessionTokenMode, SignableRequest, SigningParams, SigningSettings};
pub use presign::presign_query;
pub use signed::SigningOutput;
pub use signer::sign_headers;
pub use string_to_sign::{StringToSign, ALGORITHM};

pub(crate) use canonical::redacted_pairs;
pub(crate) use signer::signing_headers;
