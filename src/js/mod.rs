//! The JavaScript binding (wasm32 only): the ONLY module that imports `wasm_bindgen`.
//!
//! Every export takes and returns strings, bytes or numbers in the codec of [`crate::wire`], so
//! wasm-bindgen's glue is a few string and array copies and wasm keeps no per-client objects. The
//! npm package's JS shell (`pkg/src/`) holds the AWS SDK-shaped classes, the middleware stack and
//! the `fetch` transport; per attempt it makes one call that builds and signs and one that parses.

mod retry;

use crate::endpoint::{resolve, EndpointParams};
use crate::request::{build_request, sign_http_request, RequestContext};
use crate::shapes::{operation, Operation, Value};
use crate::sigv4::SigningKeyCache;
use crate::wire::contract::limits;
use crate::wire::json_in::{headers_from_json, read_input};
use crate::wire::json_out::{error_json, output_json};
use crate::wire::{self, Context};
use crate::xml::{parse_error_response, parse_output, OutputStream};
use crate::{Error, Result};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

// dlmalloc (std's allocator for wasm32) is ~8 KB of code; this free-list allocator is a fraction of
// that, and the core's allocations are few and short-lived (one call's strings, the key cache).
#[allow(unsafe_code)]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without the atomics feature has one thread: no allocation can race.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

thread_local! {
    /// The body being read in pieces ([`parse_piece`]). One is enough: the shell reads a body's
    /// pieces in one synchronous loop, so two never interleave.
    static STREAM: RefCell<Option<OutputStream>> = const { RefCell::new(None) };
    /// Derived signing keys, shared by every client of the instance (bounded; keyed by a hash of
    /// the secret, the date, region and service).
    static KEYS: RefCell<SigningKeyCache> = RefCell::new(SigningKeyCache::new());
}

fn request_context<'a>(
    c: &'a Context<'a>,
    time_ms: f64,
    invocation_id: &'a str,
    attempt: u32,
    max_attempts: u32,
) -> RequestContext<'a> {
    RequestContext {
        endpoint: c.endpoint,
        signing_region: c.signing_region,
        signing_name: "ec2",
        credentials: &c.credentials,
        time_ms,
        invocation_id,
        attempt,
        max_attempts,
        x_amz_user_agent: c.x_amz_user_agent,
        user_agent: c.user_agent,
    }
}

/// The operation called `name` (the shell only passes names from the generated list).
fn op(name: &str) -> Result<&'static Operation> {
    operation(name)
        .ok_or_else(|| Error::invalid_input("operation", "is not an operation of this package"))
}

/// Reads and checks an operation's input.
fn input(op: &Operation, json: &str) -> Result<Value> {
    let v = read_input(op.input, json)?;
    // Test-only trigger for the panic-recovery tests; compiled out of every normal build.
    #[cfg(feature = "test-panic")]
    if v.get(op.input, "VolumeId").and_then(Value::as_str) == Some("vol-test-panic") {
        panic!("test-only panic");
    }
    Ok(v)
}

/// Validates and serializes `input` (`JSON.stringify` of operation `name`'s input), adds the SDK's headers
/// and signs with the context (see [`Context`]): lines `url`, `body`, then header names and values
/// without `host` and `content-length`, which `fetch` sets to the signed values itself.
#[wasm_bindgen]
pub fn build(
    context: &str,
    name: &str,
    input_json: &str,
    time_ms: f64,
    invocation_id: &str,
    attempt: u32,
    max_attempts: u32,
) -> String {
    wire::result((|| -> Result<String> {
        let op = op(name)?;
        let input = input(op, input_json)?;
        let c = Context::parse(context)?;
        let ctx = request_context(&c, time_ms, invocation_id, attempt, max_attempts);
        let req = KEYS.with(|k| build_request(op, &input, &ctx, Some(&mut k.borrow_mut())))?;
        let headers = req
            .headers
            .iter()
            .filter(|(n, _)| n != "host" && n != "content-length")
            .flat_map(|(n, v)| [n.as_str(), v.as_str()]);
        wire::lines(
            [req.url.as_str(), req.body.as_str()]
                .into_iter()
                .chain(headers),
        )
    })())
}

/// Signs a request that user middleware may have changed (`headers` is `JSON.stringify` of its
/// headers object): lines of all header names and values, signing ones added.
#[wasm_bindgen]
pub fn sign(
    context: &str,
    method: &str,
    url: &str,
    headers: &str,
    body: &str,
    time_ms: f64,
) -> String {
    wire::result((|| -> Result<String> {
        let mut h = headers_from_json(headers)?;
        let c = Context::parse(context)?;
        let ctx = request_context(&c, time_ms, "", 0, 0);
        KEYS.with(|k| {
            sign_http_request(
                method,
                url,
                &mut h,
                body.as_bytes(),
                &ctx,
                Some(&mut k.borrow_mut()),
            )
        })?;
        wire::lines(h.iter().flat_map(|(n, v)| [n.as_str(), v.as_str()]))
    })())
}

/// Validates `input` (`JSON.stringify` of operation `name`'s input) and returns the form body: the
/// serialize step when middleware is present.
#[wasm_bindgen]
pub fn serialize(name: &str, input_json: &str) -> String {
    wire::result((|| -> Result<String> {
        let op = op(name)?;
        Ok(crate::query::serialize(op, &input(op, input_json)?))
    })())
}

/// Parses a successful response body of operation `name` into its output object as JSON (without
/// `$metadata`).
#[wasm_bindgen(js_name = parseOutput)]
pub fn parse_output_json(name: &str, body: &[u8]) -> String {
    wire::result((|| -> Result<String> {
        let op = op(name)?;
        Ok(output_json(op.output, &parse_output(op.output, body)?))
    })())
}

/// Reads a large successful response body (over [`crate::wire::contract::STREAM_FROM_BYTES`]) in
/// pieces, one call per piece: `name` (operation `name`'s output) on the first piece and `""` on the
/// others, `last` on the last. Returns the top-level list entries completed by the piece as JSON
/// (`{"Snapshots":[…]}`) or `""`; for the last piece, the output as JSON, its lists holding the entries
/// not returned before; or an error, which ends the read.
#[wasm_bindgen(js_name = parsePiece)]
pub fn parse_piece(name: &str, piece: &[u8], last: bool) -> String {
    STREAM.with(|s| {
        let mut s = s.borrow_mut();
        let r = (|| -> Result<String> {
            if !name.is_empty() {
                let op = op(name)?;
                *s = Some(OutputStream::new(op.output, limits(op.name)));
            }
            let st = s
                .as_mut()
                .ok_or_else(|| Error::invalid_response("no response body is being read"))?;
            if !last {
                return st.push(piece);
            }
            let output = st.output();
            let value = s.take().map(|st| st.finish_with(piece)).transpose()?;
            Ok(value.map(|v| output_json(output, &v)).unwrap_or_default())
        })();
        if r.is_err() || last {
            *s = None;
        }
        wire::result(r)
    })
}

/// Parses an error response body: `{"Code","Message","RequestID","fields"}` as JSON.
#[wasm_bindgen(js_name = parseError)]
pub fn parse_error(body: &[u8]) -> String {
    wire::result(parse_error_response(body).map(|e| error_json(&e)))
}

/// Resolves EC2's endpoint: lines `url`, `signing region`. `endpoint` counts only when
/// `has_endpoint` (so an empty custom endpoint is an error, not "none").
#[wasm_bindgen(js_name = resolveEndpoint)]
pub fn resolve_endpoint(
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
    has_endpoint: bool,
    endpoint: &str,
) -> String {
    wire::result(
        resolve(&EndpointParams {
            region: Some(region),
            use_fips,
            use_dual_stack,
            endpoint: has_endpoint.then_some(endpoint),
        })
        .and_then(|r| {
            crate::request::parse_url(&r.url)?;
            wire::lines([r.url.as_str(), r.signing_region.as_str()])
        }),
    )
}
