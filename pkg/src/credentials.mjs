// Credentials: the caching provider wrapper, the environment's credentials, their checks, and the
// core context lines (configuration and credentials) each send signs with.
import { contextOf } from "./calls.mjs";
import { namedError } from "./errors.mjs";
import { env } from "./platform.mjs";

// @smithy/core: credentials within 5 minutes of expiry are refreshed before use.
const CREDENTIAL_EXPIRY_WINDOW_MS = 300_000;

// The client's configuration and credentials as the core's context lines, kept outside the client
// object (not even util.inspect with showHidden reaches them from the client).
const CONTEXT = new WeakMap();

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

/**
 * Loads and checks the provider's credentials, and keeps the core context of `c` (the client's
 * resolved `{ url, signingRegion, xua, ua }`) in step with them.
 */
export async function loadCredentials(provider, c) {
  if (!provider) throw namedError("CredentialsProviderError", "Could not load credentials from any providers");
  let creds;
  try {
    creds = await provider();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw namedError(e?.name && e.name !== "Error" ? e.name : "CredentialsProviderError", msg, { cause: e });
  }
  checkCredentials(creds);
  const held = CONTEXT.get(c);
  if (held?.creds !== creds) {
    CONTEXT.set(c, { creds, context: contextOf(c.url, c.signingRegion, c.xua, c.ua, creds) });
  }
  return creds;
}

/** The core context lines for `c`, as loadCredentials left them. */
export function heldContext(c) {
  return CONTEXT.get(c).context;
}
