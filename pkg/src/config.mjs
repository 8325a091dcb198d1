// The client's configuration: @aws-sdk/client-ec2's config keys resolved to the `client.config`
// object (values as providers), the endpoint as a string, and the x-amz-user-agent.
import { envCredentials, memoizeCredentials } from "./credentials.mjs";
import { namedError } from "./errors.mjs";
import { env } from "./platform.mjs";
import { API_VERSION, USER_AGENT_METADATA, USER_AGENT_SDK, USER_AGENT_SERVICE, VERSION } from "./contract.generated.mjs";

const DEFAULT_MAX_ATTEMPTS = 3;

/** A value as a provider (a function resolving to it); a function is one already. */
function normalizeProvider(value) {
  if (typeof value === "function") return value;
  const p = () => Promise.resolve(value);
  return p;
}

/** The endpoint config (a string, URL, endpoint object or `{ url }`) as a string. */
export function endpointToString(ep) {
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

/** The x-amz-user-agent (the user-agent too, outside browsers), customUserAgent included. */
export function xAmzUserAgent(customUserAgent) {
  return `${USER_AGENT_SDK}/${VERSION} ua/${USER_AGENT_METADATA} api/${USER_AGENT_SERVICE}#${VERSION} lang/js${userAgentParts(customUserAgent)}`;
}

/** `client.config` for the constructor's configuration. */
export function resolveConfig(configuration) {
  const c = { ...configuration };
  const region = c.region ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
  const logger = c.logger ?? { debug() {}, info() {}, warn() {}, error() {} };
  const rh = c.requestHandler;
  const handlerOptions = rh && typeof rh.handle !== "function" ? rh : {};
  const credentialSource = c.credentials ?? envCredentials();
  const resolvedCredentials = memoizeCredentials(credentialSource);
  let systemClockOffset = Number(c.systemClockOffset ?? 0) || 0;
  const config = {
    apiVersion: API_VERSION,
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
  return config;
}
