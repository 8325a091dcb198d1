//! The JavaScript binding (wasm32 only): the ONLY module that imports `wasm_bindgen`.
//!
//! Two exports, [`call`] and [`retry`] ([`crate::wire::contract::op`] numbers what each does), take and
//! return strings, bytes or numbers in the codec of [`crate::wire`], so wasm-bindgen's glue is two
//! wrappers and wasm keeps no per-client objects. The npm package's JS shell (`pkg/src/`) holds the
//! AWS SDK-shaped classes, the middleware stack and the `fetch` transport; per attempt it makes one
//! call that builds and signs and one that parses.

mod retry;

use crate::endpoint::{resolve, EndpointParams};
use crate::request::{build_request, sign_http_request, RequestContext};
use crate::shapes::{operation, Operation, Value};
use crate::sigv4::SigningKeyCache;
use crate::wire::contract::{limits, op as ops};
use crate::wire::json_in::{headers_from_json, read_input};
use crate::wire::json_out::{error_json, output_json};
use crate::wire::{self, fields, Context};
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
    signing_name: &'a str,
    time_ms: f64,
    invocation_id: &'a str,
    attempt: u32,
    max_attempts: u32,
) -> RequestContext<'a> {
    RequestContext {
        endpoint: c.endpoint,
        signing_region: c.signing_region,
        signing_name,
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
fn build(
    context: &str,
    name: &str,
    input_json: &str,
    time_ms: f64,
    invocation_id: &str,
    attempt: u32,
    max_attempts: u32,
) -> Result<String> {
    {
        let op = op(name)?;
        let input = input(op, input_json)?;
        let c = Context::parse(context)?;
        let ctx = request_context(&c, "ec2", time_ms, invocation_id, attempt, max_attempts);
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
    }
}

/// Signs a request that user middleware may have changed (`headers` is `JSON.stringify` of its
/// headers object) for service `signing_name` (`ec2`, or `sts` for the Node credential chain's STS
/// calls): lines of all header names and values, signing ones added.
fn sign_as(
    context: &str,
    signing_name: &str,
    method: &str,
    url: &str,
    headers: &str,
    body: &str,
    time_ms: f64,
) -> Result<String> {
    {
        if signing_name.is_empty()
            || !signing_name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(Error::invalid_config(
                "signingName: must be a lowercase service name",
            ));
        }
        let mut h = headers_from_json(headers)?;
        let c = Context::parse(context)?;
        let ctx = request_context(&c, signing_name, time_ms, "", 0, 0);
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
    }
}

/// Validates `input` (`JSON.stringify` of operation `name`'s input) and returns the form body: the
/// serialize step when middleware is present.
fn serialize(name: &str, input_json: &str) -> Result<String> {
    let op = op(name)?;
    Ok(crate::query::serialize(op, &input(op, input_json)?))
}

/// Parses a successful response body of operation `name` into its output object as JSON (without
/// `$metadata`).
fn parse_output_json(name: &str, body: &[u8]) -> Result<String> {
    let op = op(name)?;
    Ok(output_json(op.output, &parse_output(op.output, body)?))
}

/// Reads a large successful response body (over [`crate::wire::contract::STREAM_FROM_BYTES`]) in
/// pieces, one call per piece: `name` (operation `name`'s output) on the first piece and `""` on the
/// others, `last` on the last. Returns the top-level list entries completed by the piece as JSON
/// (`{"Snapshots":[…]}`) or `""`; for the last piece, the output as JSON, its lists holding the entries
/// not returned before; or an error, which ends the read.
fn parse_piece(name: &str, piece: &[u8], last: bool) -> Result<String> {
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
        r
    })
}

/// Parses an error response body: `{"Code","Message","RequestID","fields"}` as JSON.
fn parse_error(body: &[u8]) -> Result<String> {
    parse_error_response(body).map(|e| error_json(&e))
}

/// Resolves EC2's endpoint: lines `url`, `signing region`. `endpoint` counts only when
/// `has_endpoint` (so an empty custom endpoint is an error, not "none").
fn resolve_endpoint(
    region: &str,
    use_fips: bool,
    use_dual_stack: bool,
    has_endpoint: bool,
    endpoint: &str,
) -> Result<String> {
    resolve(&EndpointParams {
        region: Some(region),
        use_fips,
        use_dual_stack,
        endpoint: has_endpoint.then_some(endpoint),
    })
    .and_then(|r| {
        crate::request::parse_url(&r.url)?;
        wire::lines([r.url.as_str(), r.signing_region.as_str()])
    })
}

/// Number `i` of `n` (NaN when the shell passed fewer).
fn num(n: &[f64], i: usize) -> f64 {
    n.get(i).copied().unwrap_or(f64::NAN)
}

/// The core's string calls, by `op` ([`crate::wire::contract::op`]). `text` holds the call's strings
/// one after another, split by [`fields`] at the lengths that open the numbers `n0`…`n5` (`n`
/// below; the shell passes fewer where a call takes fewer, which arrive as NaN); the call's numbers
/// follow. `bytes` is absent for the calls that take none. Returns the result string, or an error
/// string ([`wire::error`]).
///
/// | op | `text` fields | `bytes` | `n` after the lengths |
/// |---|---|---|---|
/// | `BUILD` | name, invocation id, context, input JSON | – | signing time ms, attempt, max attempts |
/// | `SIGN` | signing name, method, url, headers JSON, context, body | – | signing time ms |
/// | `SERIALIZE` | name, input JSON | – | – |
/// | `PARSE_OUTPUT` | name | body | – |
/// | `PARSE_PIECE` | name (`""` after the first piece) | piece | last (1/0) |
/// | `PARSE_ERROR` | – | body | – |
/// | `RESOLVE_ENDPOINT` | region, endpoint | – | FIPS, dual-stack, has endpoint (1/0) |
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn call(
    op: u32,
    text: &str,
    bytes: Option<Box<[u8]>>,
    n0: f64,
    n1: f64,
    n2: f64,
    n3: f64,
    n4: f64,
    n5: f64,
) -> String {
    // Numbers as arguments, not an array: an array would be one more copy into wasm per call.
    let n = &[n0, n1, n2, n3, n4, n5][..];
    let bytes = bytes.as_deref().unwrap_or_default();
    wire::result(match op {
        ops::BUILD => fields::<4>(text, n).and_then(|[name, id, context, json]| {
            build(
                context,
                name,
                json,
                num(n, 3),
                id,
                num(n, 4) as u32,
                num(n, 5) as u32,
            )
        }),
        ops::SIGN => {
            fields::<6>(text, n).and_then(|[signing, method, url, headers, context, body]| {
                sign_as(context, signing, method, url, headers, body, num(n, 5))
            })
        }
        ops::SERIALIZE => fields::<2>(text, n).and_then(|[name, json]| serialize(name, json)),
        ops::PARSE_OUTPUT => parse_output_json(text, bytes),
        ops::PARSE_PIECE => parse_piece(text, bytes, num(n, 0) == 1.0),
        ops::PARSE_ERROR => parse_error(bytes),
        ops::RESOLVE_ENDPOINT => fields::<2>(text, n).and_then(|[region, endpoint]| {
            resolve_endpoint(
                region,
                num(n, 1) == 1.0,
                num(n, 2) == 1.0,
                num(n, 3) == 1.0,
                endpoint,
            )
        }),
        _ => Err(Error::invalid_input("call", "is not a call of this core")),
    })
}
