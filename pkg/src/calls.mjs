// The core's calls as the client makes them (and the benchmark times them): the protocol of
// src/bridge.rs. Strings in and out; a result starting with NUL is an error
// `"\0" + Error.name + "\0" + message`. Wasm keeps no per-client objects: a client's retry state is a
// Float64Array it owns, its configuration and credentials a context string passed with each call. So
// nothing needs freeing (workerd has no FinalizationRegistry) and nothing goes stale when an instance
// is replaced.
//
// Panic recovery. A Rust panic traps (WebAssembly.RuntimeError) and leaves the instance unusable, so
// the failing call rejects with InternalError and the instance is replaced by a fresh one of the same
// compiled module; other clients and calls carry on with their own state.
import * as core from "./ec2_wasm.js";
import { namedError } from "./errors.mjs";

export { core };

/** Marks an error raised by a trap (never retried). */
export const INTERNAL = Symbol("ec2-wasm.internal");

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
  if (typeof r === "string" && r.charCodeAt(0) === 0) {
    const i = r.indexOf("\0", 1);
    throw namedError(r.slice(1, i), r.slice(i + 1));
  }
  return r;
}

/** Header lines (`name\nvalue\n…`) from the core → a headers object. */
function headerObject(lines, from) {
  const h = {};
  for (let i = from; i + 1 < lines.length; i += 2) h[lines[i]] = lines[i + 1];
  return h;
}

/** `JSON.stringify(input)` for the core, which checks every member's type. */
export function inputJson(input) {
  let json;
  try {
    json = JSON.stringify(input);
  } catch (e) {
    throw namedError("ValidationError", `input: cannot be serialized: ${e?.message ?? e}`);
  }
  if (json === undefined) throw namedError("ValidationError", `input: must be an object, got ${typeof input}`);
  return json;
}

/**
 * The context lines of a call: endpoint, signing region, x-amz-user-agent, user-agent ("" for none),
 * access key id, secret, session token ("" for none).
 */
export function contextOf(endpoint, signingRegion, xAmzUserAgent, userAgent, creds) {
  return `${endpoint}\n${signingRegion}\n${xAmzUserAgent}\n${userAgent ?? ""}\n${creds.accessKeyId}\n${creds.secretAccessKey}\n${creds.sessionToken ?? ""}`;
}

/** Serializes and signs one attempt: `{ url, headers, body }` (headers without host and content-length). */
export function build(context, json, signingTime, invocationId, attempt, max) {
  const lines = callCore(() => core.build(context, json, signingTime, invocationId, attempt, max)).split("\n");
  return { url: lines[0], body: lines[1], headers: headerObject(lines, 2) };
}

/** Signs a request middleware may have changed: its new headers object. */
export function sign(context, method, url, headers, body, time) {
  const headersJson = JSON.stringify(headers) ?? "null";
  return headerObject(callCore(() => core.sign(context, method, url, headersJson, body, time)).split("\n"), 0);
}

/** Validates the input JSON and returns the form body. */
export function serialize(json) {
  return callCore(() => core.serialize(json));
}

// Timestamp members arrive as epoch milliseconds.
const DATE_MEMBERS = ["RestoreExpiryTime", "CompletionTime", "StartTime"];

/** A CreateSnapshot response body → the output object (without `$metadata`). */
export function parseOutput(bytes) {
  const output = JSON.parse(callCore(() => core.parseOutput(bytes)));
  for (const k of DATE_MEMBERS) if (k in output) output[k] = new Date(output[k]);
  return output;
}

/** An error response body → `{ Code, Message, RequestID, fields: [[name, text], …] }`. */
export function parseError(bytes) {
  return JSON.parse(callCore(() => core.parseError(bytes)));
}

/** EC2's endpoint for the config: `[url, signingRegion]`. */
export function resolveEndpoint(region, fips, dual, endpoint) {
  return callCore(() => core.resolveEndpoint(region, fips, dual, endpoint !== undefined, endpoint ?? "")).split("\n");
}
