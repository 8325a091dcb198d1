// Credentials: the caching provider wrapper, the environment's credentials, their checks, and
// CONTEXT (the core context lines, configuration and credentials, each send is signed with).
import { contextOf } from "./calls.mjs";
import { namedError } from "./errors.mjs";
import { env } from "./platform.mjs";

// @smithy/core: credentials within 5 minutes of expiry are refreshed before use.
const CREDENTIAL_EXPIRY_WINDOW_MS = 300_000;

// The client's configuration and credentials as the core's context lines, kept outside the client
// object (not even util.inspect with showHidden reaches them from the client).
export const CONTEXT = new WeakMap();

export function memoizeCredentials(source) {
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
  // Not async: the promise returned is the shared call itself, so `forget` can tell it.
  const p = (options = {}) => {
    if (!options.forceRefresh && isFresh(current)) return Promise.resolve(current);
    if (!pending) {
      const call = Promise.resolve()
        .then(() => source(options))
        .then(
          (c) => {
            current = c;
            if (pending === call) pending = undefined;
            return c;
          },
          (e) => {
            if (pending === call) pending = undefined;
            throw e;
          },
        );
      pending = call;
    }
    return pending;
  };
  p.memoized = true;
  /** Drops `call` from the cache if it is the call in flight (its send was aborted: see client.mjs). */
  p.forget = (call) => {
    if (pending === call) pending = undefined;
  };
  return p;
}

export function envCredentials() {
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

export function checkCredentials(c) {
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

