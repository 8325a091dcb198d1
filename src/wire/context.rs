//! A call's configuration and credentials as one string of lines from the shell, so wasm holds no
//! per-client objects that would have to be freed.

use crate::sigv4::Credentials;
use crate::{Error, Result};

/// The client configuration and credentials a call signs with, parsed from the shell's string:
/// lines `endpoint`, `signing region`, `x-amz-user-agent`, `user-agent` (empty: none), access key
/// id, secret access key, session token (empty: none).
pub struct Context<'a> {
    /// Resolved endpoint URL.
    pub endpoint: &'a str,
    /// Region the request is signed for.
    pub signing_region: &'a str,
    /// `x-amz-user-agent` value.
    pub x_amz_user_agent: &'a str,
    /// `user-agent` value (never in browsers).
    pub user_agent: Option<&'a str>,
    /// Credentials to sign with.
    pub credentials: Credentials,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("endpoint", &self.endpoint)
            .field("signing_region", &self.signing_region)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    /// Reads the seven lines; anything else is a configuration error (never echoing the text,
    /// which holds the secret).
    pub fn parse(s: &'a str) -> Result<Context<'a>> {
        let mut it = s.split('\n');
        let mut next = || it.next();
        let (
            Some(endpoint),
            Some(region),
            Some(xua),
            Some(ua),
            Some(akid),
            Some(secret),
            Some(tok),
        ) = (next(), next(), next(), next(), next(), next(), next())
        else {
            return Err(Error::invalid_config(
                "credentials: access key id, secret and session token must not contain line breaks",
            ));
        };
        if next().is_some() {
            return Err(Error::invalid_config(
                "credentials: access key id, secret and session token must not contain line breaks",
            ));
        }
        Ok(Context {
            endpoint,
            signing_region: region,
            x_amz_user_agent: xua,
            user_agent: (!ua.is_empty()).then_some(ua),
            credentials: Credentials {
                access_key_id: akid.to_owned(),
                secret_access_key: secret.to_owned(),
                session_token: (!tok.is_empty()).then(|| tok.to_owned()),
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// JSON in
