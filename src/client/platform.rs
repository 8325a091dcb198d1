//! What the client takes from the JavaScript platform, all from the global object (never `window`),
//! so it works in windows, web workers, workerd and Node ≥ 18: `fetch` (with an `AbortController`'s
//! signal), `setTimeout`/`clearTimeout`, `Date.now()`, `performance.now()` and
//! `crypto.getRandomValues`. The only module of the client that touches JS.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::retry::TransportError;

/// A response as the client reads it: status, lower-cased headers and the body.
pub(crate) struct Fetched {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Why `fetch` produced no response: how the retry core sorts it, and a message without secrets.
pub(crate) struct FetchFailure {
    pub kind: TransportError,
    pub message: String,
    /// The status and headers, when they arrived before the connection failed.
    pub partial: Option<(u16, Vec<(String, String)>)>,
}

fn global_fn(name: &str) -> Result<Function, JsValue> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name))?.dyn_into::<Function>()
}

/// Milliseconds since the epoch (`Date.now()`): for signing and the server's clock, never for
/// measuring a wait (the wall clock can jump).
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds on the monotonic clock (`performance.now()`, which workerd, Node and browsers have),
/// for measuring waits as the JS waiter does; `Date.now()` only where there is no `performance`.
pub(crate) fn monotonic_ms() -> f64 {
    let now = Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .filter(JsValue::is_object)
        .and_then(|p| {
            let f = Reflect::get(&p, &JsValue::from_str("now")).ok()?;
            f.dyn_into::<Function>().ok()?.call0(&p).ok()?.as_f64()
        });
    now.unwrap_or_else(js_sys::Date::now)
}

/// An `AbortController` (absent where the platform has none): its signal goes to `fetch`, and
/// `abort()` ends that fetch, connection included.
pub(crate) struct Abort {
    controller: JsValue,
    signal: JsValue,
}

impl Abort {
    pub(crate) fn new() -> Option<Abort> {
        let class = global_fn("AbortController").ok()?;
        let controller = Reflect::construct(&class, &js_sys::Array::new()).ok()?;
        let signal = Reflect::get(&controller, &JsValue::from_str("signal")).ok()?;
        Some(Abort { controller, signal })
    }
    pub(crate) fn abort(&self) {
        let abort = Reflect::get(&self.controller, &JsValue::from_str("abort"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        if let Some(f) = abort {
            let _ = f.call0(&self.controller);
        }
    }
}

/// Clears a `setTimeout` when dropped, so a timer that lost its race does not hold the event loop.
struct ClearTimeout(JsValue);

impl Drop for ClearTimeout {
    fn drop(&mut self) {
        if let Ok(clear) = global_fn("clearTimeout") {
            let _ = clear.call1(&JsValue::UNDEFINED, &self.0);
        }
    }
}

/// Runs `work` until it ends or `ms` milliseconds pass (a `setTimeout`, cleared if `work` ends
/// first): `None` when the time ran out, `work` then being dropped unfinished (`pollBefore` in
/// `pkg/src/waiter.mjs`). Without timers `work` runs unbounded.
pub(crate) async fn within<F: Future>(ms: f64, work: F) -> Option<F::Output> {
    let Ok(set_timeout) = global_fn("setTimeout") else {
        return Some(work.await);
    };
    let mut id = JsValue::UNDEFINED;
    let timer = Promise::new(&mut |resolve, _reject| {
        let delay = JsValue::from_f64(ms.max(0.0));
        if let Ok(v) = set_timeout.call2(&JsValue::UNDEFINED, &resolve, &delay) {
            id = v;
        }
    });
    let _clear = ClearTimeout(id);
    let mut late = JsFuture::from(timer);
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        if Pin::new(&mut late).poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// `Date.parse(text)`: epoch ms, NaN when it does not parse (as the JS shell reads `Date`).
pub(crate) fn parse_date_ms(text: &str) -> f64 {
    js_sys::Date::parse(text)
}

/// `n` random bytes from `crypto.getRandomValues`; `Math.random()`'s bytes if the platform has no
/// Web Crypto (only for jitter and the invocation id, never for secrets).
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let array = Uint8Array::new_with_length(N as u32);
    let filled = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .filter(|c| c.is_object())
        .and_then(|crypto| {
            let f = Reflect::get(&crypto, &JsValue::from_str("getRandomValues")).ok()?;
            f.dyn_into::<Function>().ok()?.call1(&crypto, &array).ok()
        })
        .is_some();
    let mut out = [0u8; N];
    if filled {
        array.copy_to(&mut out);
    } else {
        for b in out.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    out
}

/// A random number in `[0, 1)` (the jitter the SDK draws with `Math.random()`).
pub(crate) fn random_unit() -> f64 {
    let b = random_bytes::<8>();
    // 53 random bits, as a double's mantissa holds.
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// A version 4 UUID (the `amz-sdk-invocation-id`).
pub(crate) fn uuid_v4() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = crate::text::hex(&b);
    let h = |r: std::ops::Range<usize>| hex.get(r).unwrap_or("");
    format!(
        "{}-{}-{}-{}-{}",
        h(0..8),
        h(8..12),
        h(12..16),
        h(16..20),
        h(20..32)
    )
}

/// Resolves after `ms` milliseconds (`setTimeout`).
pub(crate) async fn sleep_ms(ms: f64) {
    if ms <= 0.0 {
        return;
    }
    let promise = Promise::new(&mut |resolve, _reject| {
        if let Ok(set_timeout) = global_fn("setTimeout") {
            let _ = set_timeout.call2(&JsValue::UNDEFINED, &resolve, &JsValue::from_f64(ms));
        } else {
            // No timers at all: do not wait rather than hang.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// `@smithy/core`'s `isBrowserNetworkError` messages (compared without a final period).
const BROWSER_NETWORK_ERRORS: [&str; 5] = [
    "Failed to fetch",
    "NetworkError when attempting to fetch resource",
    "The Internet connection appears to be offline",
    "Load failed",
    "Network request failed",
];

/// Sorts what `fetch` threw as the JS shell does (`pkg/src/transport.mjs`): Node's socket codes from
/// `cause.code`, a browser's network `TypeError`, else not retryable. The message never repeats
/// header values (they hold the signature and the session token).
fn failure(e: &JsValue, headers: &[(String, String)]) -> FetchFailure {
    let get = |v: &JsValue, k: &str| Reflect::get(v, &JsValue::from_str(k)).ok();
    let code = get(e, "cause")
        .and_then(|c| get(&c, "code"))
        .and_then(|c| c.as_string())
        .or_else(|| get(e, "code").and_then(|c| c.as_string()));
    let mut message = get(e, "message")
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "fetch failed".to_owned());
    for (_, v) in headers {
        if v.len() >= 8 {
            message = message.replace(v.as_str(), "[header value]");
        }
    }
    let kind = match code.as_deref() {
        Some("ECONNRESET" | "EPIPE" | "ETIMEDOUT" | "ECONNREFUSED" | "UND_ERR_SOCKET") => {
            TransportError::ConnectionReset
        }
        Some("UND_ERR_CONNECT_TIMEOUT" | "UND_ERR_HEADERS_TIMEOUT" | "UND_ERR_BODY_TIMEOUT") => {
            TransportError::ConnectionReset
        }
        Some("EHOSTUNREACH" | "ENETUNREACH" | "ENOTFOUND" | "EAI_AGAIN") => TransportError::Network,
        Some(_) => TransportError::Other,
        None if e.is_instance_of::<js_sys::TypeError>()
            && BROWSER_NETWORK_ERRORS.contains(&message.trim_end_matches('.')) =>
        {
            TransportError::Network
        }
        None => TransportError::Other,
    };
    FetchFailure {
        kind,
        message,
        partial: None,
    }
}

/// POSTs `body` to `url` with `headers` through the global `fetch` (redirects not followed, as the
/// shell sends) and reads the whole response, refusing bodies over `limit` bytes. `abort`, when
/// given, can end it.
pub(crate) async fn fetch(
    url: &str,
    headers: &[(String, String)],
    body: &str,
    limit: usize,
    abort: Option<&Abort>,
) -> Result<Fetched, FetchFailure> {
    let other = |message: &str| FetchFailure {
        kind: TransportError::Other,
        message: message.to_owned(),
        partial: None,
    };
    let fetch = global_fn("fetch").map_err(|_| other("the platform has no global fetch"))?;
    let init = Object::new();
    let h = Object::new();
    for (n, v) in headers {
        // `fetch` sets these two itself, to the values that were signed.
        if n != "host" && n != "content-length" {
            Reflect::set(&h, &JsValue::from_str(n), &JsValue::from_str(v))
                .map_err(|_| other("cannot build the request headers"))?;
        }
    }
    let set = |k: &str, v: &JsValue| Reflect::set(&init, &JsValue::from_str(k), v);
    set("method", &JsValue::from_str("POST"))
        .and_then(|_| set("headers", &h))
        .and_then(|_| set("body", &JsValue::from_str(body)))
        .and_then(|_| set("redirect", &JsValue::from_str("manual")))
        .and_then(|_| match abort {
            Some(a) => set("signal", &a.signal),
            None => Ok(true),
        })
        .map_err(|_| other("cannot build the request"))?;
    let promise = fetch
        .call2(&js_sys::global(), &JsValue::from_str(url), &init)
        .map_err(|e| failure(&e, headers))?;
    let res: web_sys::Response = JsFuture::from(Promise::resolve(&promise))
        .await
        .map_err(|e| failure(&e, headers))?
        .unchecked_into();
    let status = res.status();
    let mut out_headers = Vec::new();
    let hs: web_sys::Headers = res.headers();
    if let Ok(Some(iter)) = js_sys::try_iter(&hs) {
        for entry in iter.flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(n), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out_headers.push((n.to_ascii_lowercase(), v));
            }
        }
    }
    let declared = out_headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(other(&format!(
            "response body exceeds the {limit}-byte limit"
        )));
    }
    let dropped = |headers: &Vec<(String, String)>| FetchFailure {
        kind: TransportError::Dropped,
        message: "the connection closed while the response body was read".to_owned(),
        partial: Some((status, headers.clone())),
    };
    let buf = res.array_buffer().map_err(|_| dropped(&out_headers))?;
    let buf = JsFuture::from(buf)
        .await
        .map_err(|_| dropped(&out_headers))?;
    let bytes = Uint8Array::new(&buf);
    if bytes.length() as usize > limit {
        return Err(other(&format!(
            "response body exceeds the {limit}-byte limit"
        )));
    }
    Ok(Fetched {
        status,
        headers: out_headers,
        body: bytes.to_vec(),
    })
}

/// Whether this looks like a browser page or worker (the shell does not set `user-agent` there).
pub(crate) fn is_browser() -> bool {
    let g = js_sys::global();
    let has = |k: &str| {
        Reflect::get(&g, &JsValue::from_str(k))
            .map(|v| !v.is_undefined())
            .unwrap_or(false)
    };
    has("document") || has("importScripts")
}
