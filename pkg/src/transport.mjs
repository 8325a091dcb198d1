// Transport: one fetch per attempt, its failures shaped as the SDK's node handler reports them, and
// the response body read with a size cap.
import { MAX_BODY_BYTES } from "./contract.generated.mjs";
import { abortError, namedError } from "./errors.mjs";
import { g } from "./platform.mjs";
import { responseMetadata } from "./response.mjs";

function lowerHeaders(h) {
  const out = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

/** The body of a fetch Response (or `{ headers, body }`) as bytes, at most `limit` bytes (the operation's). */
export async function readBody(res, limit = MAX_BODY_BYTES) {
  const len = Number(res.headers.get("content-length"));
  if (len > limit) {
    try {
      await res.body?.cancel();
    } catch {}
    throw namedError("DeserializationError", `response body of ${len} bytes exceeds the ${limit}-byte limit`);
  }
  if (!res.body || typeof res.body.getReader !== "function") {
    return new Uint8Array(await res.arrayBuffer());
  }
  const reader = res.body.getReader();
  // With a Content-Length the chunks go straight into one array of that size (no second copy of a
  // large body); without one, or past it, they are gathered and joined.
  let out = len > 0 ? new Uint8Array(len) : null;
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > limit) {
      try {
        await reader.cancel();
      } catch {}
      throw namedError("DeserializationError", `response body exceeds the ${limit}-byte limit`);
    }
    if (out !== null && total + value.byteLength <= out.length) out.set(value, total);
    else {
      if (out !== null) chunks.push(out.subarray(0, total));
      out = null;
      chunks.push(value);
    }
    total += value.byteLength;
  }
  if (out !== null) return total === out.length ? out : out.subarray(0, total);
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    joined.set(c, o);
    o += c.byteLength;
  }
  return joined;
}

/**
 * Sends one attempt with the global fetch. Resolves to `{ statusCode, headers, body }`; rejects with
 * `AbortError` (user abort), or an error whose `$transport` tells the retry core what failed, shaped
 * as @smithy/node-http-handler reports it:
 *   - requestTimeout with throwOnRequestTimeout, before the headers: `TimeoutError`, code ETIMEDOUT;
 *   - no response (reset, refused, unreachable): `TimeoutError` for ECONNRESET/EPIPE/ETIMEDOUT,
 *     else `Error` with the Node code; both retried, as is a browser fetch's network TypeError;
 *   - the connection failed while the body was read: `Error` "aborted", code ECONNRESET, with
 *     `$metadata` and a hidden `$response` (status and headers), as the SDK's deserializer leaves it
 *     (`TimeoutError`, code ETIMEDOUT, when the body stalled past requestTimeout: see below).
 */
export async function fetchAttempt(url, headers, body, { abortSignal, requestTimeout, throwOnRequestTimeout, logger, maxBodyBytes }) {
  // @smithy/core isBrowserNetworkError's messages (compared without a final period).
  const BROWSER_NETWORK_ERRORS = new Set(["Failed to fetch", "NetworkError when attempting to fetch resource", "The Internet connection appears to be offline", "Load failed", "Network request failed"]);
  if (abortSignal?.aborted) throw abortError(abortSignal);
  const controller = new AbortController();
  let timedOut = false;
  let timer;
  const onAbort = () => controller.abort(abortSignal.reason);
  abortSignal?.addEventListener?.("abort", onAbort, { once: true });
  const timeoutMessage = (level) => `@smithy/node-http-handler - [${level}] a request has exceeded the configured ${requestTimeout} ms requestTimeout.`;
  if (requestTimeout > 0) {
    // As in the SDK's node handler, the timeout runs until the response headers arrive.
    timer = setTimeout(() => {
      if (throwOnRequestTimeout) {
        timedOut = true;
        controller.abort();
      } else {
        logger?.warn?.(`${timeoutMessage("WARN")} Init client requestHandler with throwOnRequestTimeout=true to turn this into an error.`);
      }
    }, requestTimeout);
  }
  // Node's fetch (undici) puts the socket error in `cause`; map its codes to the ones Node's http
  // module (and so the SDK) reports.
  const nodeCode = (e) => {
    const code = typeof e?.cause?.code === "string" ? e.cause.code : typeof e?.code === "string" ? e.code : undefined;
    if (code === "UND_ERR_SOCKET") return "ECONNRESET";
    if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return "ETIMEDOUT";
    return code;
  };
  try {
    let res;
    try {
      res = await g.fetch(url, { method: "POST", headers, body, signal: controller.signal, redirect: "manual" });
    } catch (e) {
      if (abortSignal?.aborted) throw abortError(abortSignal);
      if (timedOut) throw namedError("TimeoutError", timeoutMessage("ERROR"), { code: "ETIMEDOUT", $transport: "TimeoutError" });
      const code = nodeCode(e);
      if (code === undefined) {
        // A browser's fetch failing on the network ("Failed to fetch"…), which the SDK retries
        // (isBrowserNetworkError); any other TypeError is fetch refusing the request itself (an
        // invalid header value…), not retried.
        const network = e instanceof TypeError && BROWSER_NETWORK_ERRORS.has(String(e.message).replace(/\.$/, ""));
        // fetch quotes a header value it refuses ("Headers.append: "…" is an invalid header value"),
        // and header values include the signature and the session token: never repeat them.
        let message = String(e?.message ?? e);
        for (const v of typeof g.Headers === "function" && headers instanceof g.Headers ? headers.values() : Object.values(headers ?? {})) {
          if (typeof v === "string" && v.length >= 8) message = message.split(v).join("[header value]");
        }
        throw namedError(e?.name ?? "Error", message, { $transport: network ? "Network" : "Other" });
      }
      const reset = code === "ECONNRESET" || code === "EPIPE" || code === "ETIMEDOUT";
      const message = code === "ECONNRESET" && e?.cause?.code === "UND_ERR_SOCKET" ? "socket hang up" : (e?.cause?.message ?? e?.message ?? String(e));
      const transport = reset || code === "ECONNREFUSED" ? "ConnectionReset" : ["EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"].includes(code) ? "Network" : "Other";
      throw namedError(reset ? "TimeoutError" : "Error", message, { code, $transport: transport });
    } finally {
      clearTimeout(timer);
    }
    const out = { statusCode: res.status, reason: res.statusText, headers: lowerHeaders(res.headers) };
    // The SDK's node handler clears requestTimeout at the headers and then waits for the body
    // forever; here, with throwOnRequestTimeout, a body that stalls for requestTimeout ms (no bytes
    // at all) fails the attempt with TimeoutError, retried like a dropped connection. A body that
    // keeps arriving is never cut, so every response that completes gives the SDK's outcome.
    let stalled = false;
    let source = res;
    if (throwOnRequestTimeout && requestTimeout > 0 && res.body && typeof res.body.pipeThrough === "function" && typeof TransformStream === "function") {
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stalled = true;
          controller.abort();
        }, requestTimeout);
      };
      arm();
      source = {
        headers: res.headers,
        body: res.body.pipeThrough(
          new TransformStream({
            transform(chunk, c) {
              arm();
              c.enqueue(chunk);
            },
          }),
        ),
      };
    }
    try {
      out.body = await readBody(source, maxBodyBytes);
    } catch (e) {
      if (abortSignal?.aborted) throw abortError(abortSignal);
      if (e?.name === "DeserializationError") throw e;
      const code = stalled ? "ETIMEDOUT" : nodeCode(e);
      const message = stalled
        ? `the response body stalled for more than the configured ${requestTimeout} ms requestTimeout`
        : code === "ECONNRESET" ? "aborted" : (e?.message ?? String(e));
      const err = namedError(stalled ? "TimeoutError" : "Error", `${message}\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`, {
        $transport: "Dropped",
      });
      if (code !== undefined) err.code = code;
      out.body = new Uint8Array();
      Object.defineProperty(err, "$response", { value: out }); // read-only, hidden: defineProperty's defaults
      err.$metadata = responseMetadata(out);
      throw err;
    }
    return out;
  } finally {
    clearTimeout(timer);
    abortSignal?.removeEventListener?.("abort", onAbort);
  }
}
