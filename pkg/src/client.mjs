// ec2-wasm: the AWS SDK-shaped JavaScript surface over the Rust core (ec2_wasm.js + .wasm).
// EC2Client, CreateSnapshotCommand and EC2ServiceException behave like @aws-sdk/client-ec2's; the core
// serializes, signs and parses, this file holds config, credentials, the middleware stack, retries and
// the transport (the global fetch).
import { INTERNAL, build, callCore, contextOf, core, inputJson, namedError, parseError, parseOutput, resolveEndpoint, serialize, sign } from "./calls.mjs";
import { MiddlewareStack } from "./middleware.mjs";
import { hasAge, retryHintMs, serverDateMs } from "./retry-headers.mjs";
import { VERSION } from "./version.mjs";

const SDK_REQUEST_HEADER = "amz-sdk-request";
const INVOCATION_ID_HEADER = "amz-sdk-invocation-id";
const SIGNING_TIME = Symbol("ec2-wasm.signingTime");
// @smithy/core: credentials within 5 minutes of expiry are refreshed before use.
const CREDENTIAL_EXPIRY_WINDOW_MS = 300_000;
// Cap on a response body read into memory (a CreateSnapshot response is about 1 KB).
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Errors

/** Base class of service errors, as in @smithy/smithy-client. */
export class ServiceException extends Error {
  $fault;
  $response;
  $retryable;
  $metadata;
  constructor(options) {
    super(options.message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }
  static isInstance(value) {
    if (!value) return false;
    return (
      ServiceException.prototype.isPrototypeOf(value) ||
      (Boolean(value.$fault) && Boolean(value.$metadata) && (value.$fault === "client" || value.$fault === "server"))
    );
  }
}

/** Every EC2 service error: `name` is the EC2 error code (`InvalidVolume.NotFound`, `DryRunOperation`…). */
export class EC2ServiceException extends ServiceException {
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, EC2ServiceException.prototype);
  }
}

// The SDK's retry middleware rejects an aborted send with its own `Error("Request aborted")` named
// AbortError, whatever the signal's reason; the reason is kept here as `cause`.
function abortError(signal) {
  const reason = signal?.reason;
  const e = namedError("AbortError", "Request aborted");
  if (reason !== undefined) e.cause = reason;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Small platform helpers (no `window`: these run in browsers, workers, Node, Deno and Bun)

const g = globalThis;
const IS_BROWSER = typeof g.document !== "undefined" || typeof g.importScripts === "function";

function uuid() {
  if (typeof g.crypto?.randomUUID === "function") return g.crypto.randomUUID();
  const b = new Uint8Array(16);
  g.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function sleep(ms, signal) {
  if (!(ms > 0)) return signal?.aborted ? Promise.reject(abortError(signal)) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError(signal));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener?.("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener?.("abort", onAbort, { once: true });
  });
}

function env(name) {
  try {
    return g.process?.env?.[name];
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Core state held in JS

// The client's configuration and credentials as the core's context lines, kept outside the client
// object (not even util.inspect with showHidden reaches them from the client).
const CONTEXT = new WeakMap();

// Retry state layout (src/retry/state.rs): strategy[1] is the mode (0 standard, 1 adaptive),
// strategy[3] systemClockOffset; token[0] the attempt number, token[2] totalRetryDelay, token[5]
// clockSkewCorrected.
const MODE = 1;
const CLOCK_OFFSET = 3;
const ATTEMPTS = 0;
const TOTAL_DELAY = 2;
const SKEW_CORRECTED = 5;

// ---------------------------------------------------------------------------------------------
// Config

function normalizeProvider(value) {
  if (typeof value === "function") return value;
  const p = () => Promise.resolve(value);
  return p;
}

function endpointToString(ep) {
  if (ep === undefined || ep === null) return undefined;
  if (typeof ep === "string") return ep;
  if (typeof URL !== "undefined" && ep instanceof URL) return ep.href;
  if (typeof ep === "object" && ep.url !== undefined) return endpointToString(ep.url);
  if (typeof ep === "object" && typeof ep.hostname === "string") {
    const protocol = (ep.protocol ?? "https:").replace(/:?$/, ":");
    const port = ep.port ? `:${ep.port}` : "";
    return `${protocol}//${ep.hostname}${port}${ep.path ?? ""}`;
  }
  throw namedError("ConfigurationError", "endpoint: must be a string, a URL or an endpoint object");
}

function memoizeCredentials(source) {
  if (source === undefined) return undefined;
  if (typeof source !== "function") {
    const fixed = source;
    const p = async () => fixed;
    p.memoized = true;
    p.static = true;
    return p;
  }
  let current;
  let pending;
  const isFresh = (c) => c && !(c.expiration instanceof Date && c.expiration.getTime() - Date.now() < CREDENTIAL_EXPIRY_WINDOW_MS);
  const p = async (options = {}) => {
    if (!options.forceRefresh && isFresh(current)) return current;
    if (!pending) {
      pending = Promise.resolve()
        .then(() => source(options))
        .then(
          (c) => {
            current = c;
            pending = undefined;
            return c;
          },
          (e) => {
            pending = undefined;
            throw e;
          },
        );
    }
    return pending;
  };
  p.memoized = true;
  return p;
}

function envCredentials() {
  const accessKeyId = env("AWS_ACCESS_KEY_ID");
  const secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
  if (accessKeyId && secretAccessKey) {
    const c = { accessKeyId, secretAccessKey };
    const token = env("AWS_SESSION_TOKEN");
    if (token) c.sessionToken = token;
    return c;
  }
  return undefined;
}

function checkCredentials(c) {
  if (!c || typeof c !== "object") {
    throw namedError("CredentialsProviderError", "Could not load credentials from any providers");
  }
  if (typeof c.accessKeyId !== "string" || c.accessKeyId === "" || typeof c.secretAccessKey !== "string" || c.secretAccessKey === "") {
    throw namedError("CredentialsProviderError", "credentials: accessKeyId and secretAccessKey must be non-empty strings");
  }
  if (c.sessionToken !== undefined && c.sessionToken !== null && typeof c.sessionToken !== "string") {
    throw namedError("CredentialsProviderError", "credentials: sessionToken must be a string");
  }
}

function userAgentParts(custom) {
  if (custom === undefined || custom === null) return "";
  if (typeof custom === "string") return ` ${custom}`;
  if (Array.isArray(custom)) {
    return custom
      .map((p) => (Array.isArray(p) ? (p[1] === undefined ? ` ${p[0]}` : ` ${p[0]}/${p[1]}`) : ` ${p}`))
      .join("");
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Transport: one fetch per attempt

function lowerHeaders(h) {
  const out = {};
  h.forEach((v, k) => {
    out[k.toLowerCase()] = v;
  });
  return out;
}

async function readBody(res) {
  const len = Number(res.headers.get("content-length"));
  if (len > MAX_RESPONSE_BYTES) {
    try {
      await res.body?.cancel();
    } catch {}
    throw namedError("DeserializationError", `response body of ${len} bytes exceeds the ${MAX_RESPONSE_BYTES}-byte limit`);
  }
  if (!res.body || typeof res.body.getReader !== "function") {
    return new Uint8Array(await res.arrayBuffer());
  }
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      try {
        await reader.cancel();
      } catch {}
      throw namedError("DeserializationError", `response body exceeds the ${MAX_RESPONSE_BYTES}-byte limit`);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
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
async function fetchAttempt(url, headers, body, { abortSignal, requestTimeout, throwOnRequestTimeout, logger }) {
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
      out.body = await readBody(source);
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
      Object.defineProperty(err, "$response", { value: out, enumerable: false, writable: false, configurable: false });
      err.$metadata = responseMetadata(out);
      throw err;
    }
    return out;
  } finally {
    clearTimeout(timer);
    abortSignal?.removeEventListener?.("abort", onAbort);
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

function responseMetadata(res) {
  const h = res.headers;
  return {
    httpStatusCode: res.statusCode,
    requestId: h["x-amzn-requestid"] ?? h["x-amzn-request-id"] ?? h["x-amz-request-id"],
    extendedRequestId: h["x-amz-id-2"],
    cfId: h["x-amz-cf-id"],
  };
}

/** The SDK's error object for an EC2 error response (unmodeled errors: EC2ServiceException). */
function serviceError(res, parsed) {
  const $metadata = responseMetadata(res);
  const errorData = {};
  let hasError = false;
  for (const [k, v] of parsed.fields) {
    errorData[k] = v;
    hasError = true;
  }
  const code = parsed.Code ?? (res.statusCode === 404 ? "NotFound" : undefined);
  const name = code ?? "Unknown";
  const message = errorData.message ?? errorData.Message ?? "Unknown";
  errorData.message = message;
  errorData.Error = { Type: errorData.Type, Code: errorData.Code, Message: message };
  void hasError;
  const e = new EC2ServiceException({ name, $fault: res.statusCode < 500 ? "client" : "server", $metadata });
  for (const [k, v] of Object.entries(errorData)) {
    if (v !== undefined && (e[k] == undefined || e[k] === "")) e[k] = v;
  }
  e.message = e.message || e.Message || "UnknownError";
  delete e.Message;
  Object.defineProperty(e, "$response", { value: res, enumerable: false, writable: false, configurable: false });
  return e;
}

function deserializationError(res, err) {
  const e = namedError(err?.name ?? "DeserializationError", `${err?.message ?? err}\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`);
  Object.defineProperty(e, "$response", { value: res, enumerable: false, writable: false, configurable: false });
  e.$metadata = responseMetadata(res);
  return e;
}

/** Parses a response into `{ output }` or throws the service error. */
function deserialize(res) {
  if (res.statusCode >= 300) {
    let parsed;
    try {
      parsed = parseError(res.body);
    } catch (err) {
      throw deserializationError(res, err);
    }
    throw serviceError(res, parsed);
  }
  let output;
  try {
    output = parseOutput(res.body);
  } catch (err) {
    throw deserializationError(res, err);
  }
  output.$metadata = responseMetadata(res);
  return output;
}

// ---------------------------------------------------------------------------------------------
// Retries (decisions by the core's RetryStrategy; this loop only waits and counts)

/**
 * Runs attempts until one succeeds or the core's strategy says stop. `attemptFn(attempt, max,
 * invocationId, signingTimeMs)` resolves to `{ output, response }`.
 */
async function withRetries(client, attemptFn, abortSignal) {
  const cfg = client.config;
  const maxAttempts = await client._maxAttempts();
  const st = client._retry(maxAttempts);
  const s = client._state;
  const tok = s.tokenTemplate.slice();
  const invocationId = uuid();
  // Adaptive mode's send window (src/retry/send_window.rs): `retryAcquire` answers Infinity while it
  // is full; the sends waiting for it queue on the client and are woken as attempts end.
  const waiters = s.waiters;
  const wake = () => {
    if (waiters.length === 0) return;
    const free = callCore(() => core.retryFreeSlots(st));
    for (let n = Math.min(free, waiters.length); n > 0; n--) waiters.shift()();
  };
  const sendSlot = () =>
    new Promise((resolve, reject) => {
      if (abortSignal?.aborted) return reject(abortError(abortSignal));
      const onAbort = () => {
        const i = waiters.indexOf(ready);
        if (i >= 0) waiters.splice(i, 1);
        reject(abortError(abortSignal));
      };
      const ready = () => {
        abortSignal?.removeEventListener?.("abort", onAbort);
        resolve();
      };
      waiters.push(ready);
      abortSignal?.addEventListener?.("abort", onAbort, { once: true });
    });
  // Standard mode never waits for a send token (no limiter, no send window): skip the call.
  const acquire = st[MODE] === 0 ? () => 0 : () => callCore(() => core.retryAcquire(st, Date.now()));
  let inFlight = false;
  try {
    for (;;) {
      for (let wait = acquire(); wait > 0; wait = acquire()) {
        await (wait === Infinity ? sendSlot() : sleep(wait, abortSignal));
      }
      inFlight = true;
      st[CLOCK_OFFSET] = cfg.systemClockOffset;
      const signingTime = callCore(() => core.retryBegin(st, tok, Date.now()));
      const attempt = tok[ATTEMPTS];
      try {
        const out = await attemptFn(attempt, maxAttempts, invocationId, signingTime);
        const h = out.response?.headers ?? {};
        callCore(() => core.retrySuccess(st, tok, serverDateMs(h), hasAge(h), Date.now()));
        inFlight = false;
        wake();
        cfg.systemClockOffset = st[CLOCK_OFFSET];
        out.output.$metadata.attempts = attempt;
        out.output.$metadata.totalRetryDelay = tok[TOTAL_DELAY];
        return out;
      } catch (err) {
        if (!err || typeof err !== "object" || err.name === "AbortError" || err[INTERNAL] || abortSignal?.aborted) {
          throw abortSignal?.aborted ? abortError(abortSignal) : err;
        }
        const res = err.$response;
        const service = err instanceof ServiceException;
        const now = Date.now();
        const delay = callCore(() =>
          core.retryError(
            st,
            tok,
            res?.statusCode ?? 0,
            service ? String(err.name ?? "") : "",
            service ? String(err.message ?? "") : "",
            err.$transport ? err.$transport : "Other",
            retryHintMs(res?.headers, now),
            serverDateMs(res?.headers),
            hasAge(res?.headers),
            Math.random(),
            now,
          ),
        );
        inFlight = false;
        wake();
        cfg.systemClockOffset = st[CLOCK_OFFSET];
        if (delay < 0) {
          err.$metadata ??= {};
          err.$metadata.attempts = attempt;
          err.$metadata.totalRetryDelay = tok[TOTAL_DELAY];
          if (tok[SKEW_CORRECTED] === 1) err.$metadata.clockSkewCorrected = true;
          delete err.$transport;
          throw err;
        }
        await sleep(delay, abortSignal);
      }
    }
  } finally {
    if (inFlight) {
      try {
        callCore(() => core.retryAbandon(st));
        wake();
      } catch {}
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Client and command

const DEFAULT_MAX_ATTEMPTS = 3;

/** The EC2 client. Config keys are those of @aws-sdk/client-ec2. */
export class EC2Client {
  constructor(...[configuration = {}]) {
    const c = { ...configuration };
    const region = c.region ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
    const logger = c.logger ?? { debug() {}, info() {}, warn() {}, error() {} };
    const rh = c.requestHandler;
    const handlerOptions = rh && typeof rh.handle !== "function" ? rh : {};
    const credentialSource = c.credentials ?? envCredentials();
    const resolvedCredentials = memoizeCredentials(credentialSource);
    let systemClockOffset = Number(c.systemClockOffset ?? 0) || 0;
    const config = {
      apiVersion: "2016-11-15",
      serviceId: "EC2",
      region: normalizeProvider(region),
      useFipsEndpoint: normalizeProvider(Boolean(c.useFipsEndpoint ?? false)),
      useDualstackEndpoint: normalizeProvider(Boolean(c.useDualstackEndpoint ?? false)),
      endpoint: c.endpoint === undefined ? undefined : normalizeProvider(c.endpoint),
      tls: c.tls ?? true,
      maxAttempts: normalizeProvider(c.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      retryMode: normalizeProvider(c.retryMode ?? "standard"),
      customUserAgent: c.customUserAgent,
      logger,
      requestHandler: rh,
      requestTimeout: handlerOptions.requestTimeout ?? c.requestTimeout,
      throwOnRequestTimeout: handlerOptions.throwOnRequestTimeout ?? c.throwOnRequestTimeout ?? false,
      credentials: resolvedCredentials,
      signingEscapePath: true,
      defaultsMode: normalizeProvider(c.defaultsMode ?? "legacy"),
    };
    Object.defineProperty(config, "systemClockOffset", {
      get: () => systemClockOffset,
      set: (v) => {
        systemClockOffset = Number(v) || 0;
      },
      enumerable: true,
    });
    this.config = config;
    this.middlewareStack = new MiddlewareStack();
    installBuiltins(this.middlewareStack);
    Object.defineProperty(this, "_state", { value: { core: null, coreKey: "", retry: null, waiters: [], destroyed: false }, enumerable: false });
  }

  async _maxAttempts() {
    const n = Number(await this.config.maxAttempts());
    if (!Number.isInteger(n) || n < 1) throw namedError("ConfigurationError", `maxAttempts: must be a positive integer, got ${n}`);
    return n;
  }

  _retry(maxAttempts) {
    const s = this._state;
    if (!s.retry || s.retryMax !== maxAttempts) {
      s.retry = callCore(() => core.retryNew(s.retryMode ?? "standard", maxAttempts));
      s.tokenTemplate ??= callCore(() => core.retryCall());
      s.retryMax = maxAttempts;
    }
    return s.retry;
  }

  async _core() {
    const cfg = this.config;
    const [region, fips, dual, ep, mode] = await Promise.all([
      cfg.region(),
      cfg.useFipsEndpoint(),
      cfg.useDualstackEndpoint(),
      cfg.endpoint ? cfg.endpoint() : undefined,
      cfg.retryMode(),
    ]);
    if (region === undefined || region === null || region === "") throw namedError("Error", "Region is missing");
    if (typeof region !== "string") throw namedError("ConfigurationError", "region: must be a string");
    if (mode !== "standard" && mode !== "adaptive" && mode !== "legacy") {
      throw namedError("ConfigurationError", `retryMode: must be "standard" or "adaptive", got ${JSON.stringify(mode)}`);
    }
    const s = this._state;
    if (s.retryMode !== mode) {
      s.retryMode = mode === "legacy" ? "standard" : mode;
      s.retry = null;
    }
    const endpoint = endpointToString(ep);
    const key = `${region}\n${fips}\n${dual}\n${endpoint ?? ""}`;
    if (s.core && s.coreKey === key) return s.core;
    const [url, signingRegion] = resolveEndpoint(region, Boolean(fips), Boolean(dual), endpoint);
    const xua = `ec2-wasm/${VERSION} ua/2.1 api/ec2#${VERSION} lang/js${userAgentParts(cfg.customUserAgent)}`;
    const ua = IS_BROWSER ? undefined : xua;
    s.core = { url, signingRegion: signingRegion || region, xua, ua };
    s.coreKey = key;
    s.endpoint = url;
    return s.core;
  }

  async _credentials(c) {
    const provider = this.config.credentials;
    if (!provider) throw namedError("CredentialsProviderError", "Could not load credentials from any providers");
    let creds;
    try {
      creds = await provider();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw namedError(e?.name && e.name !== "Error" ? e.name : "CredentialsProviderError", msg, { cause: e });
    }
    checkCredentials(creds);
    // Which credentials the core holds is kept outside the client (not even util.inspect with
    // showHidden reaches them from the client object).
    const held = CONTEXT.get(c);
    if (held?.creds !== creds) {
      CONTEXT.set(c, { creds, context: contextOf(c.url, c.signingRegion, c.xua, c.ua, creds) });
    }
    return creds;
  }

  _now() {
    return Date.now() + (this.config.systemClockOffset ?? 0);
  }

  /** True unless the stacks hold exactly the built-ins: then one core call builds and signs. */
  _usesMiddleware(command) {
    const entries = this.middlewareStack._entries();
    const builtinsOnly = entries.length === BUILTIN_COUNT && entries.every((e) => e[BUILTIN]);
    return !builtinsOnly || command.middlewareStack.size() > 0 || typeof this.config.requestHandler?.handle === "function";
  }

  /** Sends a command; resolves to its output with `$metadata`, rejects with the SDK's errors. */
  send(command, optionsOrCb, cb) {
    const options = typeof optionsOrCb === "function" ? {} : (optionsOrCb ?? {});
    const callback = typeof optionsOrCb === "function" ? optionsOrCb : cb;
    const p = this._send(command, options);
    if (typeof callback === "function") {
      p.then((r) => callback(null, r), (e) => callback(e));
      return undefined;
    }
    return p;
  }

  async _send(command, options) {
    if (!(command instanceof CreateSnapshotCommand)) {
      throw namedError("TypeError", "ec2-wasm supports CreateSnapshotCommand only");
    }
    if (this._state.destroyed) throw namedError("Error", "the client has been destroyed");
    const abortSignal = options.abortSignal;
    if (abortSignal?.aborted) throw abortError(abortSignal);
    const c = await this._core();
    if (!this._usesMiddleware(command)) {
      // Bad input must reject before any network call, including a credential provider's: validate
      // first unless the credentials are a plain object (then `build` below validates, still before fetch).
      const json = inputJson(command.input);
      if (!this.config.credentials?.static) serialize(json);
      await this._credentials(c);
      const fetchOpts = this._fetchOptions(abortSignal);
      return withRetries(
        this,
        async (attempt, max, invocationId, signingTime) => {
          if (attempt > 1) await this._credentials(c);
          const req = build(CONTEXT.get(c).context, json, signingTime, invocationId, attempt, max);
          const response = await fetchAttempt(req.url, req.headers, req.body, fetchOpts);
          return { response, output: deserialize(response) };
        },
        abortSignal,
      ).then((r) => r.output);
    }
    return this._sendWithMiddleware(command, c, options);
  }

  _fetchOptions(abortSignal) {
    return {
      abortSignal,
      requestTimeout: this.config.requestTimeout,
      throwOnRequestTimeout: this.config.throwOnRequestTimeout,
      logger: this.config.logger,
    };
  }

  async _sendWithMiddleware(command, c, options) {
    const abortSignal = options.abortSignal;
    // As in the SDK: the client's stack (built-ins first, then the user's), then the command's, with
    // the serializer and deserializer added for this send.
    const stack = this.middlewareStack.concat(command.middlewareStack);
    stack.add(serializerMiddleware, { step: "serialize", name: "serializerMiddleware", tags: ["SERIALIZER"], override: true });
    stack.add(deserializerMiddleware, { step: "deserialize", name: "deserializerMiddleware", tags: ["DESERIALIZER"], override: true });
    const rh = this.config.requestHandler;
    const fetchOpts = this._fetchOptions(abortSignal);
    const terminal = async (args) => {
      const request = args.request;
      if (typeof rh?.handle === "function") {
        const { response } = await rh.handle(request, { abortSignal, requestTimeout: fetchOpts.requestTimeout });
        return { response: await normalizeResponse(response) };
      }
      const headers = {};
      for (const [k, v] of Object.entries(request.headers)) {
        if (k !== "host" && k !== "content-length") headers[k] = v;
      }
      const response = await fetchAttempt(requestUrl(request), headers, request.body, fetchOpts);
      return { response };
    };
    const handler = stack.resolve(terminal, {
      logger: this.config.logger,
      clientName: "EC2Client",
      commandName: "CreateSnapshotCommand",
      [SEND]: { client: this, core: c, abortSignal, endpoint: this._state.endpoint },
    });
    const { output } = await handler({ input: command.input });
    return output;
  }

  /** Releases the client's resources; later sends reject. */
  destroy() {
    const s = this._state;
    s.core = null;
    s.retry = null;
    s.destroyed = true;
  }
}

function xAmzUserAgent(client) {
  return `ec2-wasm/${VERSION} ua/2.1 api/ec2#${VERSION} lang/js${userAgentParts(client.config.customUserAgent)}`;
}

// ---------------------------------------------------------------------------------------------
// Built-in middleware, named and placed as in @aws-sdk/client-ec2 so user middleware can be added
// relative to them. Per-send state travels in the handler context under SEND.

const SEND = Symbol("ec2-wasm.send");
const BUILTIN = Symbol("ec2-wasm.builtin");
let BUILTIN_COUNT = 0;

const serializerMiddleware = (next, context) => async (args) => {
  const { endpoint } = context[SEND];
  const url = new URL(endpoint);
  const body = serialize(inputJson(args.input));
  const request = new HttpRequest({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`,
    query: {},
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return next({ ...args, request });
};

const deserializerMiddleware = (next) => async (args) => {
  const { response } = await next(args);
  return { response, output: deserialize(response) };
};

function installBuiltins(stack) {
  const entries = [
    [
      (next, context) => (args) => {
        const { client } = context[SEND];
        const { request } = args;
        const xua = xAmzUserAgent(client);
        request.headers["x-amz-user-agent"] = xua;
        if (!IS_BROWSER) request.headers["user-agent"] = xua;
        return next(args);
      },
      { step: "build", priority: "low", name: "getUserAgentMiddleware", tags: ["SET_USER_AGENT", "USER_AGENT"] },
    ],
    [
      (next, context) => (args) =>
        withRetries(
          context[SEND].client,
          (attempt, max, invocationId, signingTime) => {
            const request = args.request.clone();
            request.headers[INVOCATION_ID_HEADER] = invocationId;
            request.headers[SDK_REQUEST_HEADER] = `attempt=${attempt}; max=${max}`;
            return next({ ...args, request, [SIGNING_TIME]: signingTime });
          },
          context[SEND].abortSignal,
        ),
      { step: "finalizeRequest", priority: "high", name: "retryMiddleware", tags: ["RETRY"] },
    ],
    [
      (next) => (args) => {
        const { request } = args;
        const len = new TextEncoder().encode(request.body ?? "").byteLength;
        request.headers["content-length"] = String(len);
        return next(args);
      },
      { step: "build", priority: "high", name: "contentLengthMiddleware", tags: ["SET_CONTENT_LENGTH", "CONTENT_LENGTH"] },
    ],
    [
      (next) => (args) => {
        const { request } = args;
        request.headers.host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
        return next(args);
      },
      { step: "build", priority: "low", name: "hostHeaderMiddleware", tags: ["HOST"] },
    ],
  ];
  for (const [mw, opts] of entries) stack.add(mw, { ...opts, override: true, [BUILTIN]: true });
  stack.addRelativeTo(
    (next, context) => async (args) => {
      const { client, core: c } = context[SEND];
      await client._credentials(c);
      const { request } = args;
      const time = args[SIGNING_TIME] ?? client._now();
      request.headers = sign(CONTEXT.get(c).context, request.method, requestUrl(request), request.headers, request.body ?? "", time);
      return next(args);
    },
    { relation: "after", toMiddleware: "retryMiddleware", name: "httpSigningMiddleware", tags: ["HTTP_SIGNING"], override: true, [BUILTIN]: true },
  );
  BUILTIN_COUNT = entries.length + 1;
}

function requestUrl(r) {
  const port = r.port ? `:${r.port}` : "";
  const q = r.query && Object.keys(r.query).length
    ? "?" + Object.entries(r.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")
    : "";
  return `${r.protocol.replace(/:?$/, ":")}//${r.hostname}${port}${r.path}${q}`;
}

async function normalizeResponse(r) {
  const headers = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  let body = r.body;
  if (typeof body === "string") body = new TextEncoder().encode(body);
  else if (body && typeof body.getReader === "function") body = await readBody(new Response(body));
  else if (body && !(body instanceof Uint8Array) && typeof body[Symbol.asyncIterator] === "function") {
    const chunks = [];
    for await (const c of body) chunks.push(typeof c === "string" ? new TextEncoder().encode(c) : c);
    body = await readBody(new Response(new Blob(chunks)));
  }
  return { statusCode: r.statusCode, reason: r.reason, headers, body: body ?? new Uint8Array() };
}

/** The SDK's HttpRequest shape, for middleware. */
export class HttpRequest {
  constructor(o) {
    this.method = o.method ?? "GET";
    this.protocol = o.protocol ?? "https:";
    this.hostname = o.hostname ?? "localhost";
    this.port = o.port;
    this.path = o.path ?? "/";
    this.query = o.query ?? {};
    this.headers = o.headers ?? {};
    this.body = o.body;
  }
  clone() {
    return new HttpRequest({ ...this, headers: { ...this.headers }, query: { ...this.query } });
  }
  static isInstance(r) {
    return r && typeof r === "object" && typeof r.method === "string" && typeof r.headers === "object";
  }
}

/** `CreateSnapshot`: creates a snapshot of an EBS volume. */
export class CreateSnapshotCommand {
  constructor(...[input]) {
    Object.defineProperty(this, "input", { value: input, enumerable: true, writable: false });
    this.middlewareStack = new MiddlewareStack();
  }
  static getEndpointParameterInstructions() {
    return {
      UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
      Endpoint: { type: "builtInParams", name: "endpoint" },
      Region: { type: "builtInParams", name: "region" },
      UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
    };
  }
  resolveMiddleware() {
    throw namedError("Error", "ec2-wasm resolves middleware inside EC2Client.send");
  }
}

export { MiddlewareStack, VERSION };

/** Enum values, as exported by @aws-sdk/client-ec2. */
export const SnapshotLocationEnum = { LOCAL: "local", REGIONAL: "regional" };
export const SnapshotState = { completed: "completed", error: "error", pending: "pending", recoverable: "recoverable", recovering: "recovering" };
export const StorageTier = { archive: "archive", standard: "standard" };
export const SSEType = { none: "none", sse_ebs: "sse-ebs", sse_kms: "sse-kms" };
export const TransferType = { standard: "standard", time_based: "time-based" };
