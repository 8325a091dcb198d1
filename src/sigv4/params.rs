//! What signing takes: the credentials (whose `Debug` hides the secret and the token), the request
//! as it goes on the wire, the scope and time, and the options.

use std::fmt;

/// AWS credentials. `Debug` never prints the secret or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Access key id (not secret; appears in the `Credential=` scope).
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token of temporary credentials.
    pub session_token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Where the session token goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionTokenMode {
    /// Signed, as part of the canonical request (what the AWS SDKs do).
    #[default]
    Include,
    /// Added after signing, unsigned (some services; the `post-sts-header-after` vector).
    AppendAfterSigning,
}

/// How to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningSettings {
    /// Remove `.`/`..` segments and empty segments from the path before encoding (all services but S3).
    pub normalize_path: bool,
    /// Add and sign `x-amz-content-sha256` (the JS SDK does for every request).
    pub sign_payload_header: bool,
    /// Where the session token goes.
    pub session_token: SessionTokenMode,
}

impl Default for SigningSettings {
    fn default() -> Self {
        SigningSettings {
            normalize_path: true,
            sign_payload_header: true,
            session_token: SessionTokenMode::Include,
        }
    }
}

/// The request as it will go on the wire. `path` is the raw path, `query` the raw query string
/// without `?` (may be empty). Header names may have any case.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Raw path, starting with `/`.
    pub path: &'a str,
    /// Raw query string, no leading `?`.
    pub query: &'a str,
    /// Headers in order; `host` must be among them.
    pub headers: &'a [(&'a str, &'a str)],
    /// Body bytes.
    pub body: &'a [u8],
}

/// Signing scope and time.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// Credentials.
    pub credentials: &'a Credentials,
    /// Signing region, e.g. `us-east-1`.
    pub region: &'a str,
    /// Signing name, e.g. `ec2`.
    pub service: &'a str,
    /// Signing time, epoch seconds.
    pub time_secs: i64,
    /// Options.
    pub settings: SigningSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_redacts() {
        let c = Credentials {
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET".into(),
            session_token: Some("TOKEN".into()),
        };
        let d = format!("{c:?}");
        assert!(
            d.contains("AKID") && !d.contains("SECRET") && !d.contains("TOKEN"),
            "{d}"
        );
    }
}
