// Node only (dist/node.mjs and dist/node.cjs import this; the web and workerd bundles never do):
// fills the client's PLATFORM_DEFAULTS with the SDK's Node defaults — the default credential chain,
// and region, endpoint, app id, maxAttempts and retryMode from the environment and the shared config
// file of the profile in use (`profile` config key, AWS_PROFILE, else "default"); and the transport:
// node:http with keep-alive agents, as the SDK's NodeHttpHandler, except in Bun (which loads this entry
// too), where fetch measures faster and stays the default.
import { PLATFORM_DEFAULTS } from "./config.mjs";
import { defaultCredentialChain } from "./node-credentials.mjs";
import { configuredEndpoint, setting } from "./node-config-files.mjs";
import { NodeTransport } from "./transport-node.mjs";

// Each value is looked up once per client (the SDK's loadConfig providers are memoized too), so a
// send costs no file or environment reads.
const once = (fn) => {
  let p;
  return () => (p ??= fn());
};

const IS_BUN = typeof globalThis.Bun !== "undefined" || typeof globalThis.process?.versions?.bun === "string";

Object.assign(PLATFORM_DEFAULTS, {
  // NodeHttpHandler's transport, wherever the handler is chosen explicitly (Bun included).
  nodeTransport: (options) => new NodeTransport(options),
  // A client's attempt function (fetchAttempt's contract; `destroy()` closes what it opened): a
  // handler of this package sends itself (`_ec2wasmAttempt`); a foreign handler (`handle()`) runs through
  // the middleware; else node:http with the client's own agents, except in Bun (the global fetch).
  transport: (rh, options) => {
    if (typeof rh?._ec2wasmAttempt === "function") return (u, h, b, o) => rh._ec2wasmAttempt(u, h, b, o);
    if (typeof rh?.handle === "function" || IS_BUN) return undefined;
    const t = new NodeTransport(options);
    return Object.assign((u, h, b, o) => t.attempt(u, h, b, o), { destroy: () => t.destroy() });
  },
  credentials: (c) => defaultCredentialChain(c),
  region: (c) => once(() => setting("AWS_REGION", "region", c.profile)),
  endpoint: (c) => once(() => configuredEndpoint("EC2", c.profile, c.ignoreConfiguredEndpointUrls)),
  appId: (c) => once(() => setting("AWS_SDK_UA_APP_ID", "sdk_ua_app_id", c.profile)),
  maxAttempts: (c) => once(async () => {
    const v = await setting("AWS_MAX_ATTEMPTS", "max_attempts", c.profile);
    if (v === undefined) return 3;
    const n = parseInt(v, 10);
    if (Number.isNaN(n)) throw Object.assign(new Error(`Value not a number: ${JSON.stringify(v)}`), { name: "ConfigurationError" });
    return n;
  }),
  retryMode: (c) => once(async () => (await setting("AWS_RETRY_MODE", "retry_mode", c.profile)) ?? "standard"),
});
