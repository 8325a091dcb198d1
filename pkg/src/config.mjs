// Config values as the client uses them: values as providers, the endpoint as a string, the
// x-amz-user-agent (with userAgentAppId's `app/…` part), the default maxAttempts, and the hooks a
// runtime's entry fills with its defaults (NODE_DEFAULTS: Node's credential chain, shared config files).
import { namedError } from "./errors.mjs";
import { USER_AGENT_METADATA, USER_AGENT_SDK, USER_AGENT_SERVICE, VERSION } from "./contract.generated.mjs";

export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Defaults a runtime's entry installs (dist/node.mjs and node.cjs only, so no Node module reaches the
 * web or workerd bundles): `credentials(config)` → the SDK's default credential provider chain,
 * `region(config)`, `endpoint(config)` and `appId(config)` → providers read from the environment and
 * the shared config files; `transport(requestHandler, handlerOptions)` → the client's transport
 * (an attempt function as fetchAttempt, with `destroy()`: node:http, not in Bun) and `nodeTransport(options)` → NodeHttpHandler's. Empty elsewhere: there the environment's
 * keys and AWS_REGION are used, and fetch is the transport.
 */
export const PLATFORM_DEFAULTS = {};

// @aws-sdk/core's user-agent middleware: characters outside these are replaced by "-"; app ids over
// 50 characters are sent but warned about.
const UA_VALUE_ESCAPE = /[^!$%&'*+\-.^_`|~\w#]/g;
const APP_ID_MAX = 50;

/** userAgentAppId's resolved value as the SDK sends it (`undefined`: no `app/` part). */
export function appIdPart(appId, logger) {
  if (appId === undefined || appId === null || appId === "") return undefined;
  if (typeof appId !== "string") {
    logger?.warn?.("userAgentAppId must be a string or undefined.");
    return undefined;
  }
  if (appId.length > APP_ID_MAX) logger?.warn?.(`The provided userAgentAppId exceeds the maximum length of ${APP_ID_MAX} characters.`);
  return `app/${appId.replace(UA_VALUE_ESCAPE, "-")}`;
}

/** A value as a provider (a function resolving to it); a function is one already. */
export function normalizeProvider(value) {
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

/** The x-amz-user-agent (the user-agent too, outside browsers): the app id part, then customUserAgent. */
export function xAmzUserAgent(custom, app) {
  let parts = app ? ` ${app}` : "";
  if (typeof custom === "string") parts += ` ${custom}`;
  else if (Array.isArray(custom)) {
    parts += custom
      .map((p) => (Array.isArray(p) ? (p[1] === undefined ? ` ${p[0]}` : ` ${p[0]}/${p[1]}`) : ` ${p}`))
      .join("");
  }
  return `${USER_AGENT_SDK}/${VERSION} ua/${USER_AGENT_METADATA} api/${USER_AGENT_SERVICE}#${VERSION} lang/js${parts}`;
}
