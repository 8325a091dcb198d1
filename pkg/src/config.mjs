// Config values as the client uses them: values as providers, the endpoint as a string, the
// x-amz-user-agent, and the default maxAttempts.
import { namedError } from "./errors.mjs";
import { USER_AGENT_METADATA, USER_AGENT_SDK, USER_AGENT_SERVICE, VERSION } from "./contract.generated.mjs";

export const DEFAULT_MAX_ATTEMPTS = 3;

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

/** The x-amz-user-agent (the user-agent too, outside browsers), customUserAgent included. */
export function xAmzUserAgent(custom) {
  let parts = "";
  if (typeof custom === "string") parts = ` ${custom}`;
  else if (Array.isArray(custom)) {
    parts = custom
      .map((p) => (Array.isArray(p) ? (p[1] === undefined ? ` ${p[0]}` : ` ${p[0]}/${p[1]}`) : ` ${p}`))
      .join("");
  }
  return `${USER_AGENT_SDK}/${VERSION} ua/${USER_AGENT_METADATA} api/${USER_AGENT_SERVICE}#${VERSION} lang/js${parts}`;
}
