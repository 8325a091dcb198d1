// Node transport: one node:http / node:https request per attempt over keep-alive agents, as the SDK's
// NodeHttpHandler sends them in Node (about half the cost per call of Node's fetch, which is undici).
// Imported only by the Node entries (node-defaults.mjs): the web and workerd bundles never see node:http.
// The contract is transport.mjs's fetchAttempt: the same result `{ statusCode, reason, headers, body }`
// and the same errors for timeouts, aborts, resets and dropped bodies, so the retry core and the
// fault-injection suite cannot tell the two apart.
import http from "node:http";
import { MAX_BODY_BYTES } from "./contract.generated.mjs";
import { abortError, namedError } from "./errors.mjs";
import { responseMetadata } from "./response.mjs";

// The agents @smithy/node-http-handler creates when it is given none (or only their options).
const AGENT_DEFAULTS = { keepAlive: true, maxSockets: 50 };
// Node's codes for a connection that broke or never answered: the SDK renames these errors TimeoutError.
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT"]);
const NETWORK_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const DESERIALIZATION_HINT = "\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.";

// node:https (with tls and crypto, about 3 ms of a cold start) is loaded when the first https: URL is
// sent, so a process that only talks to a local endpoint (moto, LocalStack) never pays for it.
// process.getBuiltinModule (Node >= 20.16) loads it synchronously; older Node imports it once, async.
let https;
const loadHttps = () => (https ??= process.getBuiltinModule?.("node:https"));
let httpsImport;
const importHttps = () =>
  (httpsImport ??= import("node:https").then((m) => {
    https = m.default ?? m;
  }));

/** An agent instance (what the SDK takes as one: anything with `destroy`), not an options object. */
const isAgent = (a) => typeof a?.destroy === "function";

/** Response headers as fetchAttempt gives them: lower-case names, repeated values joined. */
function headersOf(raw) {
  const out = {};
  for (const k in raw) {
    const v = raw[k];
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/**
 * The node:http transport of one client or handler. `options` are the SDK's NodeHttpHandler options:
 * `connectionTimeout`, `socketTimeout`, `httpAgent`, `httpsAgent` (an agent, used as is and never
 * destroyed here, or the options of the keep-alive agent created for it); `requestTimeout`,
 * `throwOnRequestTimeout` and `logger` come with each attempt, as for fetchAttempt.
 */
export class NodeTransport {
  constructor(options = {}) {
    this.options = options;
    this.agents = { http: undefined, https: undefined };
    this.owned = [];
    this.url = "";
    this.target = null;
  }

  agent(secure) {
    const key = secure ? "https" : "http";
    let a = this.agents[key];
    if (a === undefined) {
      const given = secure ? this.options.httpsAgent : this.options.httpAgent;
      if (isAgent(given)) a = given;
      else {
        a = new (secure ? https : http).Agent({ ...AGENT_DEFAULTS, ...given });
        this.owned.push(a);
      }
      this.agents[key] = a;
    }
    return a;
  }

  /** Destroys the agents this transport created (their sockets close); user-supplied agents are left alone. */
  destroy() {
    for (const a of this.owned) a.destroy();
    this.owned = [];
    this.agents = { http: undefined, https: undefined };
  }

  /** Where `url` goes, parsed once per endpoint (a client sends every attempt to the same URL). */
  targetOf(url) {
    if (url !== this.url) {
      const u = new URL(url);
      const secure = u.protocol === "https:";
      if (!secure && u.protocol !== "http:") throw namedError("TypeError", `endpoint: the node:http transport sends http: and https: URLs only, got ${u.protocol}`, { $transport: "Other" });
      const host = u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname;
      this.target = { secure, host, port: u.port || (secure ? 443 : 80), path: `${u.pathname}${u.search}` };
      this.url = url;
    }
    return this.target;
  }

  /** One attempt: fetchAttempt's arguments, result and errors (see transport.mjs). */
  attempt(url, headers, body, { abortSignal, requestTimeout, throwOnRequestTimeout, logger, maxBodyBytes = MAX_BODY_BYTES, connectionTimeout, socketTimeout } = {}) {
    if (abortSignal?.aborted) return Promise.reject(abortError(abortSignal));
    if (https === undefined) {
      let secure = false;
      try {
        secure = this.targetOf(url).secure; // parsed once per URL; a bad one is reported below
      } catch {}
      if (secure && loadHttps() === undefined) {
        return importHttps().then(() => this.attempt(url, headers, body, { abortSignal, requestTimeout, throwOnRequestTimeout, logger, maxBodyBytes, connectionTimeout, socketTimeout }));
      }
    }
    connectionTimeout ??= this.options.connectionTimeout;
    socketTimeout ??= this.options.socketTimeout;
    return new Promise((resolve, reject) => {
      let t;
      try {
        t = this.targetOf(url);
      } catch (e) {
        reject(e.$transport ? e : namedError("TypeError", `endpoint: ${e.message}`, { $transport: "Other" }));
        return;
      }
      let done = false;
      let req;
      let res;
      let out;
      let timer;
      let connTimer;
      const finish = (err, value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearTimeout(connTimer);
        abortSignal?.removeEventListener?.("abort", onAbort);
        if (err) reject(err);
        else resolve(value);
      };
      const fail = (err) => {
        finish(err);
        res?.destroy();
        req?.destroy();
      };
      const onAbort = () => fail(abortError(abortSignal));
      // The body failed after the headers: the SDK's deserializer error, keeping the status (hidden $response).
      const bodyFailed = (name, message, code) => {
        const err = namedError(name, `${message}${DESERIALIZATION_HINT}`, { $transport: "Dropped" });
        if (code !== undefined) err.code = code;
        out.body = new Uint8Array();
        Object.defineProperty(err, "$response", { value: out, enumerable: false, writable: false, configurable: false });
        err.$metadata = responseMetadata(out);
        fail(err);
      };
      const requestTimeoutMessage = (level) => `@smithy/node-http-handler - [${level}] a request has exceeded the configured ${requestTimeout} ms requestTimeout.`;
      const socketTimeoutMessage = () => `@smithy/node-http-handler - the request socket timed out after ${socketTimeout} ms of inactivity (configured by client requestHandler).`;

      const onResponse = (r) => {
        res = r;
        // As the SDK's handler: requestTimeout and connectionTimeout end with the response headers.
        clearTimeout(timer);
        clearTimeout(connTimer);
        timer = undefined;
        out = { statusCode: r.statusCode, reason: r.statusMessage, headers: headersOf(r.headers) };
        const limit = maxBodyBytes;
        const len = Number(out.headers["content-length"]);
        if (len > limit) {
          fail(namedError("DeserializationError", `response body of ${len} bytes exceeds the ${limit}-byte limit`));
          return;
        }
        // With a Content-Length the chunks go straight into one array of that size; without one, or
        // past it, they are gathered and joined.
        let buf = len > 0 ? new Uint8Array(len) : null;
        let chunks = null;
        let total = 0;
        // With throwOnRequestTimeout, a body that sends nothing for requestTimeout ms fails the attempt
        // (as fetchAttempt does; the SDK itself would wait for ever).
        const stallMs = throwOnRequestTimeout && requestTimeout > 0 ? requestTimeout : 0;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => bodyFailed("TimeoutError", `the response body stalled for more than the configured ${requestTimeout} ms requestTimeout`, "ETIMEDOUT"), stallMs);
        };
        if (stallMs) arm();
        r.on("data", (chunk) => {
          if (done) return;
          if (total + chunk.length > limit) {
            fail(namedError("DeserializationError", `response body exceeds the ${limit}-byte limit`));
            return;
          }
          if (stallMs) arm();
          if (buf !== null && total + chunk.length <= buf.length) buf.set(chunk, total);
          else {
            chunks ??= buf !== null ? [buf.subarray(0, total)] : [];
            buf = null;
            chunks.push(chunk);
          }
          total += chunk.length;
        });
        r.on("end", () => {
          if (done) return;
          if (buf !== null) out.body = total === buf.length ? buf : buf.subarray(0, total);
          else if (chunks === null) out.body = new Uint8Array();
          else {
            const joined = new Uint8Array(total);
            let o = 0;
            for (const c of chunks) {
              joined.set(c, o);
              o += c.length;
            }
            out.body = joined;
          }
          finish(null, out);
        });
        const broken = (e) => {
          if (done) return;
          if (abortSignal?.aborted) return fail(abortError(abortSignal));
          const code = e?.code ?? "ECONNRESET";
          bodyFailed("Error", code === "ECONNRESET" ? "aborted" : (e?.message ?? String(e)), code);
        };
        r.on("error", broken);
        r.on("close", () => {
          if (!done && !r.complete) broken(undefined);
        });
      };

      try {
        const secure = t.secure;
        req = (secure ? https : http).request({ host: t.host, port: t.port, path: t.path, method: "POST", headers, agent: this.agent(secure) });
      } catch (e) {
        // node:http refuses a header it cannot send (ERR_INVALID_CHAR, …) before any I/O. Header values
        // include the signature and the session token: never repeat them (as fetchAttempt does).
        let message = String(e?.message ?? e);
        for (const v of Object.values(headers ?? {})) if (typeof v === "string" && v.length >= 8) message = message.split(v).join("[header value]");
        reject(namedError(e?.name ?? "Error", message, { code: e?.code, $transport: "Other" }));
        return;
      }
      req.on("response", onResponse);
      req.on("error", (e) => {
        if (done) return;
        if (abortSignal?.aborted) return fail(abortError(abortSignal));
        if (res !== undefined) return; // the response's own listeners report it
        const code = typeof e?.code === "string" ? e.code : undefined;
        const reset = RESET_CODES.has(code);
        const transport = reset || code === "ECONNREFUSED" ? "ConnectionReset" : NETWORK_CODES.has(code) ? "Network" : "Other";
        fail(namedError(reset ? "TimeoutError" : "Error", String(e?.message ?? e), { code, $transport: transport }));
      });
      abortSignal?.addEventListener?.("abort", onAbort, { once: true });
      if (requestTimeout > 0) {
        timer = setTimeout(() => {
          if (throwOnRequestTimeout) {
            fail(namedError("TimeoutError", requestTimeoutMessage("ERROR"), { code: "ETIMEDOUT", $transport: "TimeoutError" }));
          } else {
            logger?.warn?.(`${requestTimeoutMessage("WARN")} Init client requestHandler with throwOnRequestTimeout=true to turn this into an error.`);
          }
        }, requestTimeout);
      }
      if (connectionTimeout > 0) {
        // Until the socket connects (a reused keep-alive socket is connected already).
        connTimer = setTimeout(() => {
          fail(namedError("TimeoutError", `@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of ${connectionTimeout} ms.`, { $transport: "TimeoutError" }));
        }, connectionTimeout);
        req.once("socket", (s) => {
          if (s.connecting) s.once("connect", () => clearTimeout(connTimer));
          else clearTimeout(connTimer);
        });
      }
      if (socketTimeout > 0) {
        // Inactivity of the connected socket, headers and body alike; node:http clears it when the
        // response ends and the socket goes back to the agent.
        req.setTimeout(socketTimeout, () => {
          if (done) return;
          if (res !== undefined) bodyFailed("TimeoutError", socketTimeoutMessage());
          else fail(namedError("TimeoutError", socketTimeoutMessage(), { $transport: "TimeoutError" }));
        });
      }
      req.end(body);
    });
  }
}
