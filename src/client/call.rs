//! One call, as the npm package's shell makes it (`pkg/src/client.mjs`, `retry-loop.mjs`,
//! `response.mjs`): the input checked by the core's JSON reader, the endpoint from the core's rules,
//! then attempts — build and sign ([`build_request`]), `fetch`, read — with the core's retry
//! strategy deciding after each failure. Same wire bytes, same retries, same errors.

use std::sync::Mutex;

use super::config::Config;
use super::error::{BuildError, ConnectorError, ErrorMetadata, HttpResponse};
use super::platform::{self, FetchFailure, Fetched};
use crate::endpoint::{resolve, EndpointParams};
use crate::request::{build_request, RequestContext};
use crate::retry::{
    Decision, Outcome, ResponseHeaders, RetryConfig, RetryMode, RetryStrategy, RetryToken,
};
use crate::shapes::{Operation, Value};
use crate::sigv4::SigningKeyCache;
use crate::wire::contract::{
    limits, USER_AGENT_METADATA, USER_AGENT_SDK, USER_AGENT_SERVICE, VERSION,
};
use crate::wire::json_in::read_input;
use crate::xml::{parse_error_response, parse_output_within};

/// What a client keeps between calls: its configuration, the retry strategy (quota, clock offset)
/// and the derived signing keys.
pub(crate) struct Handle {
    pub(crate) config: Config,
    retry: Mutex<RetryStrategy>,
    keys: Mutex<SigningKeyCache>,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Handle {
    pub(crate) fn new(config: Config) -> Self {
        let retry = RetryStrategy::new(RetryConfig {
            max_attempts: config.retry_config.max_attempts,
            mode: RetryMode::Standard,
        });
        Handle {
            config,
            retry: Mutex::new(retry),
            keys: Mutex::new(SigningKeyCache::new()),
        }
    }
}

/// How a call failed, before it is typed as the operation's `SdkError`.
pub(crate) enum CallError {
    /// Nothing was sent: bad input or configuration.
    Build(BuildError),
    /// `fetch` failed on the last attempt.
    Dispatch(ConnectorError),
    /// A response that could not be read.
    Response(crate::Error, HttpResponse),
    /// EC2's error response.
    Service(ErrorMetadata, HttpResponse),
}

impl<E, R> From<CallError> for super::error::SdkError<E, R>
where
    E: From<ErrorMetadata>,
    R: From<HttpResponse>,
{
    fn from(e: CallError) -> Self {
        use super::error::SdkError;
        match e {
            CallError::Build(b) => SdkError::construction_failure(b),
            CallError::Dispatch(c) if c.is_timeout() => SdkError::timeout_error(c),
            CallError::Dispatch(c) => SdkError::dispatch_failure(c),
            CallError::Response(e, raw) => SdkError::response_error(e, raw.into()),
            CallError::Service(meta, raw) => SdkError::service_error(meta.into(), raw.into()),
        }
    }
}

/// `userAgentAppId`'s escaping in the SDK: characters outside this set become `-`.
fn app_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The `x-amz-user-agent` value: the shell's, with `lang/rust`.
fn x_amz_user_agent(config: &Config) -> String {
    let mut s = format!(
        "{USER_AGENT_SDK}/{VERSION} ua/{USER_AGENT_METADATA} api/{USER_AGENT_SERVICE}#{VERSION} lang/rust"
    );
    if let Some(app) = &config.app_name {
        s.push_str(" app/");
        s.push_str(&app_part(app));
    }
    s
}

/// What the retry strategy reads from response headers, as `pkg/src/retry-headers.mjs` reads them
/// (the numeric forms of the retry hint, and dates through `Date.parse`).
fn response_headers(headers: &[(String, String)], now_ms: f64) -> ResponseHeaders {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let server_date_ms = get("date")
        .filter(|d| !d.is_empty())
        .map(platform::parse_date_ms);
    let hint = headers.iter().find_map(|(n, v)| match n.as_str() {
        "retry-after" => {
            let v = v.trim();
            let ms = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                v.parse::<f64>().map(|s| s * 1000.0).unwrap_or(f64::NAN)
            } else {
                let t = platform::parse_date_ms(v);
                if t >= now_ms || v.ends_with("GMT") {
                    t - now_ms
                } else {
                    f64::NAN
                }
            };
            Some(ms)
        }
        "x-amz-retry-after" => {
            let v = v.trim();
            Some(if v.is_empty() {
                0.0
            } else {
                v.parse::<f64>().unwrap_or(f64::NAN)
            })
        }
        _ => None,
    });
    // As `new Date(now + ms).getTime() - now`: whole milliseconds.
    let retry_hint_ms = hint
        .map(|ms| (now_ms + ms).trunc() - now_ms)
        .filter(|ms| !ms.is_nan());
    ResponseHeaders {
        server_date_ms,
        has_age: get("age").is_some(),
        retry_hint_ms,
    }
}

/// The SDK's request id: from the headers, else from the error body.
fn request_id(headers: &[(String, String)]) -> Option<String> {
    ["x-amzn-requestid", "x-amzn-request-id", "x-amz-request-id"]
        .iter()
        .find_map(|h| headers.iter().find(|(n, _)| n == h).map(|(_, v)| v.clone()))
}

/// Runs operation `op` with `input_json` (the input as the npm package's JSON) to its output value;
/// `abort`, when given, can end the request in flight.
pub(crate) async fn invoke(
    h: &Handle,
    op: &'static Operation,
    input_json: &str,
    abort: Option<&platform::Abort>,
) -> Result<Value, CallError> {
    let cfg = &h.config;
    let input =
        read_input(op.input, input_json).map_err(|e| CallError::Build(BuildError::from_core(e)))?;
    let region = cfg
        .region
        .as_ref()
        .map(|r| r.as_ref().to_owned())
        .filter(|r| !r.is_empty())
        .ok_or_else(|| CallError::Build(BuildError::config("Region is missing")))?;
    let credentials = cfg
        .credentials
        .as_ref()
        .ok_or_else(|| {
            CallError::Build(BuildError::config(
                "Could not load credentials from any providers",
            ))
        })?
        .core();
    let endpoint = resolve(&EndpointParams {
        region: Some(&region),
        use_fips: cfg.use_fips,
        use_dual_stack: cfg.use_dual_stack,
        endpoint: cfg.endpoint_url.as_deref(),
    })
    .and_then(|r| {
        crate::request::parse_url(&r.url)?;
        Ok(r)
    })
    .map_err(|e| CallError::Build(BuildError::from_core(e)))?;
    let signing_region = if endpoint.signing_region.is_empty() {
        region.clone()
    } else {
        endpoint.signing_region.clone()
    };
    let xua = x_amz_user_agent(cfg);
    let ua = (!platform::is_browser()).then_some(xua.as_str());
    let invocation_id = platform::uuid_v4();
    let limits = limits(op.name);
    let max_attempts = cfg.retry_config.max_attempts;
    let mut token = RetryToken::new();
    loop {
        // Standard mode never waits for a send token; kept for the day the client offers adaptive.
        loop {
            let wait = lock(&h.retry).acquire_send_token(platform::now_ms());
            if !(wait > 0.0 && wait.is_finite()) {
                break;
            }
            platform::sleep_ms(wait).await;
        }
        let signing_time = lock(&h.retry).begin_attempt(&mut token, platform::now_ms());
        let ctx = RequestContext {
            endpoint: &endpoint.url,
            signing_region: &signing_region,
            signing_name: "ec2",
            credentials: &credentials,
            time_ms: signing_time,
            invocation_id: &invocation_id,
            attempt: token.attempts(),
            max_attempts,
            x_amz_user_agent: &xua,
            user_agent: ua,
        };
        let request = {
            let mut keys = lock(&h.keys);
            build_request(op, &input, &ctx, Some(&mut keys))
        }
        .map_err(|e| CallError::Build(BuildError::from_core(e)))?;
        let result = platform::fetch(
            &request.url,
            &request.headers,
            &request.body,
            limits.body_bytes,
            abort,
        )
        .await;
        let now = platform::now_ms();
        let (outcome_owned, attempt) = match result {
            Ok(Fetched {
                status,
                headers,
                body,
            }) => {
                let rh = response_headers(&headers, now);
                if status < 300 {
                    match parse_output_within(op.output, &body, limits) {
                        Ok(v) => {
                            lock(&h.retry).on_success(&token, &rh, now);
                            return Ok(v);
                        }
                        Err(e) => (
                            Owned::Response(status, None, None, rh),
                            (CallError::Response(e, HttpResponse::new(status, headers, body))),
                        ),
                    }
                } else {
                    match parse_error_response(&body) {
                        Ok(eb) => {
                            let code = eb
                                .error
                                .code
                                .clone()
                                .or_else(|| (status == 404).then(|| "NotFound".to_owned()));
                            // As the shell: the `message` field, else `Message`.
                            let field = |name: &str| {
                                eb.fields
                                    .iter()
                                    .find(|(k, _)| k == name)
                                    .map(|(_, v)| v.clone())
                            };
                            let message = field("message").or_else(|| field("Message"));
                            let mut meta = ErrorMetadata::builder()
                                .code(code.clone().unwrap_or_else(|| "Unknown".to_owned()));
                            meta = meta
                                .message(message.clone().unwrap_or_else(|| "Unknown".to_owned()));
                            if let Some(id) = request_id(&headers).or(eb.error.request_id.clone()) {
                                meta = meta.custom("request_id", id);
                            }
                            (
                                Owned::Response(status, code, message, rh),
                                (CallError::Service(
                                    meta.build(),
                                    HttpResponse::new(status, headers, body),
                                )),
                            )
                        }
                        Err(e) => (
                            Owned::Response(status, None, None, rh),
                            (CallError::Response(e, HttpResponse::new(status, headers, body))),
                        ),
                    }
                }
            }
            Err(FetchFailure {
                kind,
                message,
                partial,
            }) => {
                let owned = match &partial {
                    Some((status, headers)) => {
                        Owned::Interrupted(*status, response_headers(headers, now))
                    }
                    None => Owned::Transport(kind),
                };
                (
                    owned,
                    (CallError::Dispatch(ConnectorError::new(kind, message))),
                )
            }
        };
        let outcome = outcome_owned.outcome();
        let decision = lock(&h.retry).on_error(&mut token, &outcome, platform::random_unit(), now);
        match decision {
            Decision::Retry { delay_ms } => platform::sleep_ms(f64::from(delay_ms)).await,
            Decision::Stop(_) => return Err(attempt),
        }
    }
}

/// An [`Outcome`] with owned strings (it borrows them).
enum Owned {
    Response(u16, Option<String>, Option<String>, ResponseHeaders),
    Interrupted(u16, ResponseHeaders),
    Transport(crate::retry::TransportError),
}

impl Owned {
    fn outcome(&self) -> Outcome<'_> {
        match self {
            Owned::Response(status, code, message, headers) => Outcome::Response {
                status: *status,
                code: code.as_deref(),
                message: message.as_deref(),
                headers: *headers,
            },
            Owned::Interrupted(status, headers) => Outcome::Interrupted {
                status: *status,
                headers: *headers,
            },
            Owned::Transport(kind) => Outcome::Transport(*kind),
        }
    }
}

/// Locks a mutex; a poisoned one (a panic elsewhere: wasm32 has no unwinding) is used as is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Writes the npm package's JSON input: a small writer for the builders' values.
#[derive(Default)]
pub(crate) struct JsonInput {
    s: String,
}

impl JsonInput {
    fn key(&mut self, k: &str) {
        self.s.push(if self.s.is_empty() { '{' } else { ',' });
        crate::wire::json_out::push_json_string(&mut self.s, k);
        self.s.push(':');
    }
    /// A string member.
    pub(crate) fn str(&mut self, k: &str, v: &Option<String>) -> &mut Self {
        if let Some(v) = v {
            self.key(k);
            crate::wire::json_out::push_json_string(&mut self.s, v);
        }
        self
    }
    /// An integer member.
    pub(crate) fn int(&mut self, k: &str, v: Option<i64>) -> &mut Self {
        if let Some(v) = v {
            self.key(k);
            self.s.push_str(&v.to_string());
        }
        self
    }
    /// A boolean member.
    pub(crate) fn bool(&mut self, k: &str, v: Option<bool>) -> &mut Self {
        if let Some(v) = v {
            self.key(k);
            self.s.push_str(if v { "true" } else { "false" });
        }
        self
    }
    /// A list of strings.
    pub(crate) fn strs(&mut self, k: &str, v: &Option<Vec<String>>) -> &mut Self {
        self.list(k, v, |x, s| crate::wire::json_out::push_json_string(s, x))
    }
    /// A list of objects, each written by `each`.
    pub(crate) fn objects<T>(
        &mut self,
        k: &str,
        v: &Option<Vec<T>>,
        each: impl Fn(&T, &mut JsonInput),
    ) -> &mut Self {
        self.list(k, v, |x, s| {
            let mut o = JsonInput::default();
            each(x, &mut o);
            s.push_str(&o.finish());
        })
    }
    /// A list member: `[`, the items written by `item`, comma-separated, `]`.
    fn list<T>(
        &mut self,
        k: &str,
        v: &Option<Vec<T>>,
        item: impl Fn(&T, &mut String),
    ) -> &mut Self {
        if let Some(v) = v {
            self.key(k);
            self.s.push('[');
            for (i, x) in v.iter().enumerate() {
                if i > 0 {
                    self.s.push(',');
                }
                item(x, &mut self.s);
            }
            self.s.push(']');
        }
        self
    }
    /// The JSON text.
    pub(crate) fn finish(self) -> String {
        if self.s.is_empty() {
            "{}".to_owned()
        } else {
            self.s + "}"
        }
    }
}
