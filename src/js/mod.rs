//! The JavaScript binding (wasm32 only): the ONLY module that imports `wasm_bindgen` and `js_sys`.
//!
//! The npm package's JS shell (`pkg/src/`) holds the AWS SDK-shaped classes, the middleware stack and
//! the `fetch` transport; it calls these exports: one call builds and signs an attempt, one call parses
//! a response. Errors cross as real JS `Error`s whose `name` follows the core error kind.

mod convert;
mod retry;

use crate::endpoint::{resolve, EndpointParams};
use crate::request::{build_create_snapshot, sign_http_request, RequestContext};
use crate::sigv4::{Credentials, SigningKeyCache};
use crate::xml::{parse_create_snapshot_response, parse_error_response};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

fn js_error(e: crate::Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    err.set_name(e.kind().js_name());
    err.into()
}

fn set(obj: &Object, key: &str, v: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), v);
}

/// Per-client state: resolved endpoint, credentials and the signing-key cache.
#[wasm_bindgen]
pub struct Core {
    cfg: CoreConfig,
    credentials: Option<Credentials>,
    cache: SigningKeyCache,
}

struct CoreConfig {
    endpoint: String,
    signing_region: String,
    x_amz_user_agent: String,
    user_agent: Option<String>,
}

impl CoreConfig {
    fn ctx<'a>(
        &'a self,
        creds: &'a Credentials,
        time_ms: f64,
        invocation_id: &'a str,
        attempt: u32,
        max_attempts: u32,
    ) -> RequestContext<'a> {
        RequestContext {
            endpoint: &self.endpoint,
            signing_region: &self.signing_region,
            signing_name: "ec2",
            credentials: creds,
            time_ms,
            invocation_id,
            attempt,
            max_attempts,
            x_amz_user_agent: &self.x_amz_user_agent,
            user_agent: self.user_agent.as_deref(),
        }
    }
}

#[wasm_bindgen]
impl Core {
    /// A client core for a resolved endpoint and signing region.
    #[wasm_bindgen(constructor)]
    pub fn new(
        endpoint: String,
        signing_region: String,
        x_amz_user_agent: String,
        user_agent: Option<String>,
    ) -> Result<Core, JsValue> {
        crate::request::parse_url(&endpoint).map_err(js_error)?;
        Ok(Core {
            cfg: CoreConfig {
                endpoint,
                signing_region,
                x_amz_user_agent,
                user_agent,
            },
            credentials: None,
            cache: SigningKeyCache::new(),
        })
    }

    /// Sets the credentials used by later calls (kept only in wasm memory; never echoed back).
    #[wasm_bindgen(js_name = setCredentials)]
    pub fn set_credentials(
        &mut self,
        access_key_id: String,
        secret_access_key: String,
        session_token: Option<String>,
    ) {
        self.credentials = Some(Credentials {
            access_key_id,
            secret_access_key,
            session_token,
        });
    }

    /// Validates and serializes `input`, adds the SDK's headers and signs: `{ url, headers, body }`,
    /// `headers` without `host` and `content-length`, which `fetch` sets to the signed values itself.
    pub fn build(
        &mut self,
        input: JsValue,
        time_ms: f64,
        invocation_id: &str,
        attempt: u32,
        max_attempts: u32,
    ) -> Result<Object, JsValue> {
        let input = convert::input_from_js(&input).map_err(js_error)?;
        // Test-only trigger for the panic-recovery test; compiled out of every normal build.
        #[cfg(feature = "test-panic")]
        if input.volume_id == "vol-test-panic" {
            panic!("test-only panic");
        }
        let creds = self
            .credentials
            .as_ref()
            .ok_or_else(|| js_error(crate::Error::invalid_config("credentials are not set")))?;
        let ctx = self
            .cfg
            .ctx(creds, time_ms, invocation_id, attempt, max_attempts);
        let req = build_create_snapshot(&input, &ctx, Some(&mut self.cache)).map_err(js_error)?;
        let o = Object::new();
        set(&o, "url", &JsValue::from_str(&req.url));
        set(&o, "headers", &convert::headers_to_js(&req.headers, true));
        set(&o, "body", &JsValue::from_str(&req.body));
        Ok(o)
    }

    /// Signs a request that user middleware may have changed; returns the new headers object
    /// (all headers, signing ones added).
    pub fn sign(
        &mut self,
        method: &str,
        url: &str,
        headers: JsValue,
        body: &str,
        time_ms: f64,
    ) -> Result<Object, JsValue> {
        let mut h = convert::headers_from_js(&headers).map_err(js_error)?;
        let creds = self
            .credentials
            .as_ref()
            .ok_or_else(|| js_error(crate::Error::invalid_config("credentials are not set")))?;
        let ctx = self.cfg.ctx(creds, time_ms, "", 0, 0);
        sign_http_request(
            method,
            url,
            &mut h,
            body.as_bytes(),
            &ctx,
            Some(&mut self.cache),
        )
        .map_err(js_error)?;
        Ok(convert::headers_to_js(&h, false))
    }
}

/// Validates `input` and returns the form body (the serialize step when middleware is present).
#[wasm_bindgen]
pub fn serialize(input: JsValue) -> Result<String, JsValue> {
    let input = convert::input_from_js(&input).map_err(js_error)?;
    #[cfg(feature = "test-panic")]
    if input.volume_id == "vol-test-panic" {
        panic!("test-only panic");
    }
    crate::query::serialize_create_snapshot(&input).map_err(js_error)
}

/// Parses a successful response body into the output object (without `$metadata`).
#[wasm_bindgen(js_name = parseOutput)]
pub fn parse_output(body: &[u8]) -> Result<Object, JsValue> {
    parse_create_snapshot_response(body)
        .map(|s| convert::snapshot_to_js(&s))
        .map_err(js_error)
}

/// Parses an error response body: `{ Code, Message, RequestID, fields }`.
#[wasm_bindgen(js_name = parseError)]
pub fn parse_error(body: &[u8]) -> Result<Object, JsValue> {
    parse_error_response(body)
        .map(|e| convert::error_body_to_js(&e))
        .map_err(js_error)
}

/// Resolves EC2's endpoint: `{ url, signingRegion }`.
#[wasm_bindgen(js_name = resolveEndpoint)]
pub fn resolve_endpoint(
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    endpoint: Option<String>,
) -> Result<Object, JsValue> {
    let r = resolve(&EndpointParams {
        region: region.as_deref(),
        use_fips,
        use_dual_stack,
        endpoint: endpoint.as_deref(),
    })
    .map_err(js_error)?;
    let o = Object::new();
    set(&o, "url", &JsValue::from_str(&r.url));
    set(&o, "signingRegion", &JsValue::from_str(&r.signing_region));
    Ok(o)
}
