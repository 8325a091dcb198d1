//! `aws_sdk_ec2::config`: [`Config`] and its builder, [`Region`], [`Credentials`] and
//! [`BehaviorVersion`]. `Debug` of `Config` and `Credentials` never shows the secret key or the
//! session token.

use std::borrow::Cow;
use std::fmt;
use std::time::SystemTime;

/// An AWS region (`us-east-1`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Region(Cow<'static, str>);

impl Region {
    /// A region by name.
    pub fn new(region: impl Into<Cow<'static, str>>) -> Self {
        Region(region.into())
    }
    /// A region from a static name.
    pub const fn from_static(region: &'static str) -> Self {
        Region(Cow::Borrowed(region))
    }
}

impl AsRef<str> for Region {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Static credentials: access key id, secret access key, optional session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expires_after: Option<SystemTime>,
    provider_name: &'static str,
}

impl Credentials {
    /// Credentials, as the SDK's `Credentials::new(access_key_id, secret_access_key, session_token,
    /// expires_after, provider_name)`. `expires_after` is kept and reported but not acted on (there is
    /// no provider to refresh from).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
        expires_after: Option<SystemTime>,
        provider_name: &'static str,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expires_after,
            provider_name,
        }
    }
    /// Static credentials from `'static` strings (the SDK's `from_keys`).
    pub fn from_keys(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials::new(
            access_key_id,
            secret_access_key,
            session_token,
            None,
            "Static",
        )
    }
    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }
    /// The session token.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
    /// When the credentials expire.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expires_after
    }
    pub(crate) fn core(&self) -> crate::sigv4::Credentials {
        crate::sigv4::Credentials {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: self.session_token.clone(),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("provider_name", &self.provider_name)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expires_after", &self.expires_after)
            .finish()
    }
}

/// Which defaults the client takes (the SDK's behavior versions; this client has one set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BehaviorVersion(());

impl BehaviorVersion {
    /// The newest behavior.
    pub fn latest() -> Self {
        BehaviorVersion(())
    }
    /// The 2025-08-07 behavior (the same here).
    pub fn v2025_08_07() -> Self {
        BehaviorVersion(())
    }
}

/// Standard-mode retry settings (`aws_sdk_ec2::config::retry::RetryConfig`'s `standard()` and
/// `with_max_attempts`).
pub mod retry {
    /// Retry settings: standard mode with `max_attempts` attempts per call (3 by default).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct RetryConfig {
        pub(crate) max_attempts: u32,
    }

    impl RetryConfig {
        /// Standard mode, 3 attempts.
        pub fn standard() -> Self {
            RetryConfig { max_attempts: 3 }
        }
        /// No retries (1 attempt).
        pub fn disabled() -> Self {
            RetryConfig { max_attempts: 1 }
        }
        /// Sets the attempts per call, the first included (0 counts as 1).
        pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
            self.max_attempts = max_attempts.max(1);
            self
        }
        /// The attempts per call.
        pub fn max_attempts(&self) -> u32 {
            self.max_attempts
        }
    }

    impl Default for RetryConfig {
        fn default() -> Self {
            RetryConfig::standard()
        }
    }
}

/// The client's configuration.
#[derive(Clone)]
pub struct Config {
    pub(crate) behavior_version: Option<BehaviorVersion>,
    pub(crate) region: Option<Region>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry_config: retry::RetryConfig,
    pub(crate) app_name: Option<String>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field(
                "endpoint_url",
                &self.endpoint_url.as_ref().map(|_| "** set **"),
            )
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry_config", &self.retry_config)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder.
    pub fn builder() -> Builder {
        Builder::default()
    }
    /// The region.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }
    /// The endpoint URL, when one was set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }
    /// The retry settings.
    pub fn retry_config(&self) -> Option<&retry::RetryConfig> {
        Some(&self.retry_config)
    }
    /// Whether FIPS endpoints are used.
    pub fn use_fips(&self) -> Option<bool> {
        Some(self.use_fips)
    }
    /// Whether dual-stack endpoints are used.
    pub fn use_dual_stack(&self) -> Option<bool> {
        Some(self.use_dual_stack)
    }
    /// A builder holding this configuration.
    pub fn to_builder(&self) -> Builder {
        Builder {
            inner: self.clone(),
        }
    }
}

/// Builds a [`Config`].
#[derive(Clone, Debug)]
pub struct Builder {
    inner: Config,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            inner: Config {
                behavior_version: None,
                region: None,
                credentials: None,
                endpoint_url: None,
                use_fips: false,
                use_dual_stack: false,
                retry_config: retry::RetryConfig::standard(),
                app_name: None,
            },
        }
    }
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Self {
        Builder::default()
    }
    /// The behavior version (required by the SDK; accepted and recorded here).
    pub fn behavior_version(mut self, behavior_version: BehaviorVersion) -> Self {
        self.inner.behavior_version = Some(behavior_version);
        self
    }
    /// The region.
    pub fn region(mut self, region: impl Into<Option<Region>>) -> Self {
        self.inner.region = region.into();
        self
    }
    /// Sets or clears the region.
    pub fn set_region(&mut self, region: Option<Region>) -> &mut Self {
        self.inner.region = region;
        self
    }
    /// The credentials to sign with (the SDK takes any provider; this client takes static ones).
    pub fn credentials_provider(mut self, credentials: Credentials) -> Self {
        self.inner.credentials = Some(credentials);
        self
    }
    /// Sets or clears the credentials.
    pub fn set_credentials_provider(&mut self, credentials: Option<Credentials>) -> &mut Self {
        self.inner.credentials = credentials;
        self
    }
    /// A custom endpoint (`http://127.0.0.1:5000`, a proxy…) instead of EC2's regional one.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.inner.endpoint_url = Some(url.into());
        self
    }
    /// Sets or clears the endpoint URL.
    pub fn set_endpoint_url(&mut self, url: Option<String>) -> &mut Self {
        self.inner.endpoint_url = url;
        self
    }
    /// Uses FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.inner.use_fips = use_fips;
        self
    }
    /// Uses dual-stack endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.inner.use_dual_stack = use_dual_stack;
        self
    }
    /// The retry settings.
    pub fn retry_config(mut self, retry_config: retry::RetryConfig) -> Self {
        self.inner.retry_config = retry_config;
        self
    }
    /// The application name in the user agent (`app/NAME`).
    pub fn app_name(mut self, app_name: impl Into<String>) -> Self {
        self.inner.app_name = Some(app_name.into());
        self
    }
    /// The configuration. Problems (no region, no credentials, a bad endpoint) are reported by the
    /// first call, as `SdkError::ConstructionFailure`, as the SDK reports them.
    pub fn build(self) -> Config {
        self.inner
    }
}
