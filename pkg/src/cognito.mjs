// Credentials from an Amazon Cognito identity pool, as @aws-sdk/credential-providers'
// fromCognitoIdentityPool and fromCognitoIdentity (observed from 3.1175.0; tests/js/cognito.test.mjs
// compares the requests byte for byte). Cognito's JSON 1.1 protocol, unsigned: GetId, then
// GetCredentialsForIdentity. Only the identity id is ever stored; keys stay in memory (the client's
// credential cache refreshes them 5 minutes before they expire).
import { ServiceException, namedError } from "./errors.mjs";
import { endpointToString } from "./config.mjs";
import { USER_AGENT_METADATA, USER_AGENT_SDK, VERSION } from "./contract.generated.mjs";
import { IS_BROWSER, g, sleep, uuid } from "./platform.mjs";
import { readBody } from "./transport.mjs";

// The SDK's default cache: the page's storage in browsers, memory elsewhere (keys as the SDK's).
const MEMORY = {};
const memoryStorage = {
  getItem: (k) => MEMORY[k] ?? null,
  setItem: (k, v) => void (MEMORY[k] = v),
  removeItem: (k) => void delete MEMORY[k],
};
function defaultStorage() {
  try {
    if (g.localStorage) return g.localStorage;
  } catch {
    // storage refused (opaque origin, privacy settings): memory
  }
  return memoryStorage;
}

const fail = (what) => {
  throw namedError("CredentialsProviderError", `Response from Amazon Cognito contained no ${what}`, { tryNextLink: false });
};

/** A Logins map with every token provider resolved (the SDK's resolveLogins). */
async function resolveLogins(logins) {
  const out = {};
  for (const [k, v] of Object.entries(logins)) out[k] = typeof v === "string" ? v : await v();
  return out;
}

// @smithy/util-retry's standard mode retries every 5xx and 429 and its throttling codes (Cognito's
// is TooManyRequestsException).
const THROTTLING = /Throttl|TooManyRequests|LimitExceeded|SlowDown|PriorRequestNotComplete/;

/** One Cognito Identity call with the SDK's headers and standard retries; its parsed JSON output. */
async function call(action, input, o) {
  const config = (k) => o.clientConfig?.[k] ?? o.parentClientConfig?.[k] ?? o.caller?.[k];
  let region = config("region");
  if (typeof region === "function") region = await region();
  if (!region) throw new Error("Region is missing");
  if (!/^[a-z0-9-]{1,63}$/i.test(region)) throw namedError("ConfigurationError", `region: must be a DNS label, got ${JSON.stringify(region)}`);
  let endpoint = o.clientConfig?.endpoint;
  if (typeof endpoint === "function") endpoint = await endpoint();
  const url = endpointToString(endpoint) ?? `https://cognito-identity.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}/`;
  const max = Math.floor(Number(o.clientConfig?.maxAttempts)) || 3;
  if (max < 1) throw namedError("ConfigurationError", `clientConfig.maxAttempts: must be a positive integer, got ${o.clientConfig.maxAttempts}`);
  const xua = `${USER_AGENT_SDK}/${VERSION} ua/${USER_AGENT_METADATA} api/cognito-identity#${VERSION} lang/js`;
  const body = JSON.stringify(input);
  const invocationId = uuid();
  let totalRetryDelay = 0;
  for (let attempt = 1; ; attempt++) {
    const headers = {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityService.${action}`,
      "x-amz-user-agent": xua,
      ...(IS_BROWSER ? {} : { "user-agent": xua }),
      "amz-sdk-invocation-id": invocationId,
      "amz-sdk-request": `attempt=${attempt}; max=${max}`,
    };
    let res;
    let error;
    try {
      res = await g.fetch(url, { method: "POST", headers, body, redirect: "manual" });
    } catch (e) {
      error = e; // no response: retried, as the SDK retries transient network errors
    }
    let text = "";
    if (res) text = new TextDecoder().decode(await readBody(res));
    if (res?.ok) {
      try {
        return JSON.parse(text);
      } catch {
        throw namedError("DeserializationError", `Cognito ${action}: the response is not JSON`);
      }
    }
    if (res) {
      let parsed = {};
      try {
        parsed = JSON.parse(text) ?? {};
      } catch {}
      // The error code as the SDK reads it: the header or __type, without namespace and suffix.
      const raw = res.headers.get("x-amzn-errortype") ?? parsed.__type ?? parsed.code ?? `${res.status}`;
      const name = String(raw).split(":")[0].split("#").pop();
      error = new ServiceException({
        name,
        message: parsed.message ?? parsed.Message ?? name,
        $fault: res.status >= 500 ? "server" : "client",
        $metadata: { httpStatusCode: res.status, requestId: res.headers.get("x-amzn-requestid") ?? undefined, attempts: attempt, totalRetryDelay },
      });
      if (!(res.status >= 500 || res.status === 429 || THROTTLING.test(name))) throw error;
    }
    if (attempt >= max) throw error;
    const delay = Math.floor(Math.random() * Math.min(20_000, 100 * 2 ** (attempt - 1)));
    totalRetryDelay += delay;
    await sleep(delay);
  }
}

/**
 * Temporary credentials for a known identity id: GetCredentialsForIdentity.
 * Options as the SDK's: `{ identityId, logins?, customRoleArn?, clientConfig?, parentClientConfig?, logger? }`.
 */
export function fromCognitoIdentity(options) {
  return async (props) => {
    options.logger?.debug?.("ec2-wasm - fromCognitoIdentity");
    const out = await call(
      "GetCredentialsForIdentity",
      {
        IdentityId: options.identityId,
        Logins: options.logins ? await resolveLogins(options.logins) : undefined,
        CustomRoleArn: options.customRoleArn,
      },
      { ...options, caller: props?.callerClientConfig },
    );
    const c = out.Credentials ?? fail("credentials");
    return {
      identityId: options.identityId,
      accessKeyId: c.AccessKeyId ?? fail("access key ID"),
      secretAccessKey: c.SecretKey ?? fail("secret key"),
      sessionToken: c.SessionToken,
      expiration: c.Expiration === undefined ? undefined : new Date(Math.round(c.Expiration * 1000)),
    };
  };
}

/**
 * Temporary credentials from an identity pool: GetId (once; for guests the id is cached in `cache`, the
 * page's localStorage by default, under the SDK's key), then GetCredentialsForIdentity on every call.
 * Options as the SDK's: `{ identityPoolId, accountId?, logins?, customRoleArn?, cache?, userIdentifier?,
 * clientConfig?, parentClientConfig?, logger? }`.
 */
export function fromCognitoIdentityPool(options) {
  const { identityPoolId, accountId, logins, cache = defaultStorage() } = options;
  const userIdentifier = options.userIdentifier ?? (!logins || Object.keys(logins).length === 0 ? "ANONYMOUS" : undefined);
  const cacheKey = userIdentifier ? `aws:cognito-identity-credentials:${identityPoolId}:${userIdentifier}` : undefined;
  let identityId;
  const provider = async (props) => {
    options.logger?.debug?.("ec2-wasm - fromCognitoIdentityPool");
    if (!identityId) {
      let id = cacheKey && (await cache.getItem(cacheKey));
      if (!id) {
        const out = await call(
          "GetId",
          { IdentityPoolId: identityPoolId, AccountId: accountId, Logins: logins ? await resolveLogins(logins) : undefined },
          { ...options, caller: props?.callerClientConfig },
        );
        id = out.IdentityId ?? fail("identity ID");
        if (cacheKey) Promise.resolve(cache.setItem(cacheKey, id)).catch(() => {});
      }
      identityId = id;
    }
    return fromCognitoIdentity({ ...options, identityId })(props);
  };
  return (props) =>
    provider(props).catch((e) => {
      identityId = undefined;
      if (cacheKey) Promise.resolve(cache.removeItem(cacheKey)).catch(() => {});
      throw e;
    });
}
