// The core's calls as the client makes them (and the benchmark times them): the codec of
// src/wire/. The core has two exports, `call` (string results) and `retry` (number results), each
// taking an op number from the contract, one text (a call's strings joined; their lengths open the
// numbers, so the core can split them again), bytes and numbers. Strings in and out; a result starting with NUL is an error
// `"\0" + kind + "\0" + field + "\0" + message`. Wasm keeps no per-client objects: a client's retry state is a
// Float64Array it owns, its configuration and credentials a context string passed with each call. So
// nothing needs freeing (workerd has no FinalizationRegistry) and nothing goes stale when an instance
// is replaced.
//
// Panic recovery. A Rust panic traps (WebAssembly.RuntimeError) and leaves the instance unusable, so
// the failing call rejects with InternalError and the instance is replaced by a fresh one of the same
// compiled module; other clients and calls carry on with their own state.
import * as core from "./ec2_wasm.js";
import {
  CONTEXT_LINES,
  ERROR_KINDS,
  ERROR_MARK,
  OP_BUILD,
  OP_PARSE_ERROR,
  OP_PARSE_OUTPUT,
  OP_PARSE_PIECE,
  OP_RESOLVE_ENDPOINT,
  OP_SERIALIZE,
  OP_SIGN,
  STREAM_FROM_BYTES,
  STREAM_PIECE_BYTES,
} from "./contract.generated.mjs";
import { namedError } from "./errors.mjs";
import { OUTPUT_DATES } from "./shapes.generated.mjs";

export { core };

/** Marks an error raised by a trap (never retried). */
export const INTERNAL = Symbol("ec2-wasm.internal");

// The JS error name for each core error kind (src/error.rs `ErrorKind`, listed by the contract).
const ERROR_NAMES = { InvalidInput: "ValidationError", InvalidConfig: "ConfigurationError", InvalidResponse: "DeserializationError" };
for (const k of ERROR_KINDS) if (!(k in ERROR_NAMES)) throw new Error(`ec2-wasm: no error name for core error kind ${k}`);

/** Runs a core call; a trap resets the instance and surfaces as InternalError; NUL results throw. */
export function callCore(fn) {
  let r;
  try {
    r = fn();
  } catch (e) {
    if (e instanceof globalThis.WebAssembly.RuntimeError) {
      core.__ec2wasm_reset();
      throw namedError("InternalError", `ec2-wasm internal error (the WebAssembly instance was replaced): ${e.message}`, { [INTERNAL]: true });
    }
    throw e;
  }
  if (typeof r === "string" && r[0] === ERROR_MARK) {
    const i = r.indexOf(ERROR_MARK, 1);
    const j = r.indexOf(ERROR_MARK, i + 1);
    const field = r.slice(i + 1, j);
    throw namedError(ERROR_NAMES[r.slice(1, i)], r.slice(j + 1), field ? { field } : undefined);
  }
  return r;
}

/**
 * The core's `call` export through [`callCore`]: a string. `bytes` is `undefined` for the calls that
 * take none; numbers not passed arrive as NaN.
 */
function call(op, text, bytes, n0, n1, n2, n3, n4, n5) {
  return callCore(() => core.call(op, text, bytes, n0, n1, n2, n3, n4, n5));
}

/** The core's `retry` export through [`callCore`]: a number (`token` may be `NO_TOKEN`). */
export function retryStep(op, strategy, token, text, n0, n1, n2, n3, n4, n5, n6, n7, n8) {
  return callCore(() => core.retry(op, strategy, token, text, n0, n1, n2, n3, n4, n5, n6, n7, n8));
}

/**
 * A retry step about a failed attempt (`OP_RETRY_ERROR`, `OP_RETRY_CLASSIFY`): its transport failure,
 * error code and message as the text, then `status` and the step's other numbers.
 */
export function retryFailure(op, strategy, token, transport, code, message, status, n3, n4, n5, n6, n7, n8) {
  return retryStep(op, strategy, token, transport + code + message, transport.length, code.length, status, n3, n4, n5, n6, n7, n8);
}

/** The token argument of the retry steps that take none. */
export const NO_TOKEN = new Float64Array(0);

/** Header lines (`name\nvalue\n…`) from the core → a headers object. */
function headerObject(lines, from) {
  const h = {};
  for (let i = from; i + 1 < lines.length; i += 2) h[lines[i]] = lines[i + 1];
  return h;
}

/** `JSON.stringify(input)` for the core, which checks every member's type. */
export function inputJson(input) {
  // Fast path: a non-finite number serializes as `null`, so output without "null" holds none. Anything
  // else (a null, a throw) goes the checking way below, which names the member or the error.
  let json;
  try {
    json = JSON.stringify(input);
    if (json?.includes("null") === false) return json;
  } catch {}
  // JSON.stringify writes NaN and ±Infinity as null, which would read as "absent": refuse them, naming
  // the member path. Each object remembers its holder and key; the path is built only for the error.
  const parents = new Map();
  const pathOf = (holder, k) => {
    const up = parents.get(holder);
    if (!up) return k;
    const base = pathOf(up[0], up[1]);
    return Array.isArray(holder) ? `${base}[${k}]` : base ? `${base}.${k}` : k;
  };
  const finite = function (k, v) {
    if (typeof v === "number" && !Number.isFinite(v)) {
      const path = pathOf(this, k);
      throw namedError("ValidationError", `${path}: must be a finite number, got ${v}`, { field: path });
    }
    if (v !== null && typeof v === "object") parents.set(v, [this, k]);
    return v;
  };
  try {
    json = JSON.stringify(input, finite);
  } catch (e) {
    if (e?.name === "ValidationError") throw e;
    throw namedError("ValidationError", `input: cannot be serialized: ${e?.message ?? e}`, { field: "input" });
  }
  if (json === undefined) throw namedError("ValidationError", `input: must be an object, got ${typeof input}`, { field: "input" });
  return json;
}

/**
 * The context lines of a call, in the contract's order (`CONTEXT_LINES`): endpoint, signing region,
 * x-amz-user-agent, user-agent ("" for none), access key id, secret, session token ("" for none).
 */
export function contextOf(endpoint, signingRegion, xAmzUserAgent, userAgent, creds) {
  const values = {
    endpoint,
    signingRegion,
    xAmzUserAgent,
    userAgent: userAgent ?? "",
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    sessionToken: creds.sessionToken ?? "",
  };
  return CONTEXT_LINES.map((k) => values[k]).join("\n");
}

/** Serializes and signs one attempt of `operation`: `{ url, headers, body }` (headers without host and content-length). */
export function build(context, operation, json, signingTime, invocationId, attempt, max) {
  const text = operation + invocationId + context + json;
  const lines = call(OP_BUILD, text, undefined, operation.length, invocationId.length, context.length, signingTime, attempt, max).split("\n");
  return { url: lines[0], body: lines[1], headers: headerObject(lines, 2) };
}

function notSignable(name, v) {
  throw namedError("ValidationError", `request.${name}: must be a string to be signed, got ${typeof v}`, { field: `request.${name}` });
}

/**
 * Signs a request for service `signingName`: header lines (`name\nvalue\n…`) of `headers` (an
 * object) with the signing headers added.
 */
export function signLines(signingName, context, method, url, headers, body, time) {
  if (typeof method !== "string") notSignable("method", method);
  if (typeof url !== "string") notSignable("url", url);
  if (typeof body !== "string") notSignable("body", body);
  const headersJson = JSON.stringify(headers) ?? "null";
  const text = signingName + method + url + headersJson + context + body;
  return call(OP_SIGN, text, undefined, signingName.length, method.length, url.length, headersJson.length, context.length, time).split("\n");
}

/** Signs a request middleware may have changed: its new headers object. */
export function sign(context, method, url, headers, body, time) {
  return headerObject(signLines("ec2", context, method, url, headers, body, time), 0);
}

/** Validates `operation`'s input JSON and returns the form body. */
export function serialize(operation, json) {
  return call(OP_SERIALIZE, operation + json, undefined, operation.length);
}

/** Timestamps (epoch ms from the core) → `Date`s, where the generated shape data says they are. */
function toDates(value, dates) {
  if (dates === 0) return new Date(value);
  if (Array.isArray(dates)) {
    for (let i = 0; i < value.length; i++) value[i] = toDates(value[i], dates[0]);
  } else {
    for (const k in dates) if (value[k] !== undefined) value[k] = toDates(value[k], dates[k]);
  }
  return value;
}

/**
 * A large body, passed to the core in pieces so wasm memory does not grow with it: each piece returns
 * the top-level list entries it completed (`{"Snapshots":[…]}`), the last one the rest of the output.
 */
function parseInPieces(operation, bytes) {
  const lists = {};
  for (let at = 0; ; at += STREAM_PIECE_BYTES) {
    const last = at + STREAM_PIECE_BYTES >= bytes.length;
    const r = call(OP_PARSE_PIECE, at === 0 ? operation : "", bytes.subarray(at, at + STREAM_PIECE_BYTES), last ? 1 : 0);
    const got = r === "" ? {} : JSON.parse(r);
    for (const k in got) {
      const list = lists[k];
      if (list === undefined || !Array.isArray(got[k])) lists[k] = got[k];
      else for (const e of got[k]) list.push(e);
    }
    if (last) return Object.assign(got, lists);
  }
}

/** A response body of `operation` → its output object (without `$metadata`). */
export function parseOutput(operation, bytes) {
  const output = bytes.length > STREAM_FROM_BYTES ? parseInPieces(operation, bytes) : JSON.parse(call(OP_PARSE_OUTPUT, operation, bytes));
  const dates = OUTPUT_DATES[operation];
  return dates ? toDates(output, dates) : output;
}

/** An error response body → `{ Code, Message, RequestID, fields: [[name, text], …] }`. */
export function parseError(bytes) {
  return JSON.parse(call(OP_PARSE_ERROR, "", bytes));
}

/** EC2's endpoint for the config: `[url, signingRegion]`. */
export function resolveEndpoint(region, fips, dual, endpoint) {
  const e = endpoint ?? "";
  return call(OP_RESOLVE_ENDPOINT, region + e, undefined, region.length, fips ? 1 : 0, dual ? 1 : 0, endpoint !== undefined ? 1 : 0).split("\n");
}
