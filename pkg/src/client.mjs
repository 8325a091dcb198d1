// ec2-wasm's EC2Client, which behaves like @aws-sdk/client-ec2's over the Rust core (ec2_wasm.js +
// .wasm), and the package's public exports. Without user middleware one core call builds and signs
// each attempt; with it, the SDK's middleware stack runs around the built-ins.
import { abortError, namedError } from "./errors.mjs";
import { IS_BROWSER, WASM_FAILURE, env } from "./platform.mjs";
import { NO_TOKEN, build, contextOf, inputJson, resolveEndpoint, retryStep, serialize } from "./calls.mjs";
import { MiddlewareStack } from "./middleware.mjs";
import { operationOf } from "./command.mjs";
import { OPERATIONS } from "./shapes.generated.mjs";
import { API_VERSION, BODY_LIMITS, OP_RETRY_CALL, OP_RETRY_NEW, STRATEGY_LEN, TOKEN_LEN, VERSION } from "./contract.generated.mjs";
import { CONTEXT, checkCredentials, envCredentials, memoizeCredentials } from "./credentials.mjs";
import { DEFAULT_MAX_ATTEMPTS, PLATFORM_DEFAULTS, appIdPart, endpointToString, normalizeProvider, xAmzUserAgent } from "./config.mjs";
import { deserialize } from "./response.mjs";
import { fetchAttempt } from "./transport.mjs";
import { withRetries } from "./retry-loop.mjs";
import { BUILTIN, BUILTIN_COUNT, SEND, deserializerMiddleware, installBuiltins, normalizeResponse, requestUrl, serializerMiddleware } from "./builtins.mjs";

export { EC2ServiceException, ServiceException } from "./errors.mjs";
export { HttpRequest } from "./builtins.mjs";
export { Command } from "./command.mjs";
export * from "./commands.generated.mjs";
export { SSEType, SnapshotLocationEnum, SnapshotState, StorageTier, TransferType } from "./shapes.generated.mjs";
export { MiddlewareStack, VERSION };
export { paginateDescribeSnapshots } from "./paginate.mjs";
export { WaiterState } from "./waiter.mjs";
export { waitForSnapshotCompleted, waitUntilSnapshotCompleted } from "./wait-snapshot.mjs";
export { fromCognitoIdentity, fromCognitoIdentityPool } from "./cognito.mjs";
export { FetchHttpHandler, NodeHttpHandler } from "./handlers.mjs";

/** The EC2 client. Config keys are those of @aws-sdk/client-ec2. */
const ABORTED = Symbol("aborted");

/**
 * `call` (a credentials provider's promise), or an AbortError as soon as `signal` fires. The SDK waits
 * for the provider whatever the signal says, and its provider cache shares that call with every later
 * send: one provider call that never settles would hang the client for good. Here the abandoned call is
 * dropped from the cache (`forget`), so the next send asks the provider again.
 */
function untilAborted(call, signal, provider) {
  if (!signal || typeof call?.then !== "function") return call;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      provider.forget?.(call);
      reject({ [ABORTED]: true, error: abortError(signal) });
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener?.("abort", onAbort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener?.("abort", onAbort));
  });
}

export class EC2Client {
  static name = "EC2Client";
  constructor(...[configuration = {}]) {
    const c = { ...configuration };
    // Unset keys fall back as the SDK's do: in Node to its default chains (PLATFORM_DEFAULTS, filled
    // by the Node entries), elsewhere to the environment's AWS_REGION and keys.
    const defaults = PLATFORM_DEFAULTS;
    const region = c.region ?? (defaults.region ? defaults.region(c) : (env("AWS_REGION") ?? env("AWS_DEFAULT_REGION")));
    const logger = c.logger ?? { debug() {}, info() {}, warn() {}, error() {} };
    const rh = c.requestHandler;
    const handlerOptions = rh && typeof rh.handle !== "function" ? rh : {};
    // The attempt function the runtime's entry picks (Node: node:http, or the handler of this package
    // given as requestHandler); none: the global fetch, or a foreign handler's handle() (`foreign`),
    // which runs through the middleware stack.
    const attempt = PLATFORM_DEFAULTS.transport?.(rh, handlerOptions);
    const credentialSource =
      c.credentials ??
      (typeof c.credentialDefaultProvider === "function"
        ? c.credentialDefaultProvider({ ...c, parentClientConfig: c })
        : defaults.credentials
          ? defaults.credentials({ ...c, region: normalizeProvider(region) })
          : envCredentials());
    const endpointSource = c.endpoint ?? defaults.endpoint?.(c);
    const appId = c.userAgentAppId ?? defaults.appId?.(c);
    const resolvedCredentials = memoizeCredentials(credentialSource);
    let systemClockOffset = Number(c.systemClockOffset ?? 0) || 0;
    const config = {
      apiVersion: API_VERSION,
      serviceId: "EC2",
      region: normalizeProvider(region),
      useFipsEndpoint: normalizeProvider(Boolean(c.useFipsEndpoint ?? false)),
      useDualstackEndpoint: normalizeProvider(Boolean(c.useDualstackEndpoint ?? false)),
      endpoint: endpointSource === undefined ? undefined : normalizeProvider(endpointSource),
      tls: c.tls ?? true,
      maxAttempts: normalizeProvider(c.maxAttempts ?? defaults.maxAttempts?.(c) ?? DEFAULT_MAX_ATTEMPTS),
      retryMode: normalizeProvider(c.retryMode ?? defaults.retryMode?.(c) ?? "standard"),
      retryStrategy: c.retryStrategy === undefined ? undefined : async () => c.retryStrategy,
      customUserAgent: c.customUserAgent,
      userAgentAppId: normalizeProvider(appId),
      profile: c.profile,
      logger,
      requestHandler: rh,
      requestTimeout: handlerOptions.requestTimeout ?? c.requestTimeout,
      connectionTimeout: handlerOptions.connectionTimeout,
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
    this.config = config;
    this.middlewareStack = new MiddlewareStack();
    installBuiltins(this.middlewareStack);
    // Not enumerable (defineProperty's default); unset members (core, retry, destroyed …) read as falsy.
    Object.defineProperty(this, "_state", { value: { waiters: [], attempt: attempt ?? fetchAttempt, foreign: !attempt && typeof rh?.handle === "function" } });
  }

  async _maxAttempts() {
    const n = Number(await this.config.maxAttempts());
    if (!Number.isInteger(n) || n < 1) throw namedError("ConfigurationError", `maxAttempts: must be a positive integer, got ${n}`);
    return n;
  }

  _retry(maxAttempts) {
    const s = this._state;
    if (!s.retry || s.retryMax !== maxAttempts) {
      s.retry = new Float64Array(STRATEGY_LEN);
      retryStep(OP_RETRY_NEW, s.retry, NO_TOKEN, s.retryMode ?? "standard", maxAttempts);
      if (!s.tokenTemplate) {
        s.tokenTemplate = new Float64Array(TOKEN_LEN);
        retryStep(OP_RETRY_CALL, NO_TOKEN, s.tokenTemplate, "");
      }
      s.retryMax = maxAttempts;
    }
    return s.retry;
  }

  async _core() {
    const cfg = this.config;
    const [region, fips, dual, ep, mode, appId] = await Promise.all([
      cfg.region(),
      cfg.useFipsEndpoint(),
      cfg.useDualstackEndpoint(),
      cfg.endpoint ? cfg.endpoint() : undefined,
      cfg.retryMode(),
      cfg.userAgentAppId(),
    ]);
    if (region === undefined || region === null || region === "") throw namedError("Error", "Region is missing");
    if (typeof region !== "string") throw namedError("ConfigurationError", "region: must be a string");
    if (mode !== "standard" && mode !== "adaptive" && mode !== "legacy") {
      throw namedError("ConfigurationError", `retryMode: must be "standard" or "adaptive", got ${JSON.stringify(mode)}`);
    }
    const s = this._state;
    if (s.retryMode !== mode) {
      s.retryMode = mode === "legacy" ? "standard" : mode;
      s.retry = null;
    }
    const endpoint = endpointToString(ep);
    const app = appIdPart(appId, cfg.logger);
    const key = `${region}\n${fips}\n${dual}\n${endpoint ?? ""}\n${app ?? ""}`;
    if (s.core && s.coreKey === key) return s.core;
    const [url, signingRegion] = resolveEndpoint(region, Boolean(fips), Boolean(dual), endpoint);
    const xua = xAmzUserAgent(cfg.customUserAgent, app);
    const ua = IS_BROWSER ? undefined : xua;
    s.core = { url, signingRegion: signingRegion || region, xua, ua };
    s.coreKey = key;
    s.endpoint = url;
    return s.core;
  }

  async _credentials(c, abortSignal) {
    const provider = this.config.credentials;
    if (!provider) throw namedError("CredentialsProviderError", "Could not load credentials from any providers");
    let creds;
    try {
      // As the SDK: providers see the client's config (fromCognitoIdentityPool takes its region from it).
      creds = await untilAborted(provider({ callerClientConfig: this.config }), abortSignal, provider);
    } catch (e) {
      if (e?.[ABORTED]) throw e.error;
      const msg = e instanceof Error ? e.message : String(e);
      throw namedError(e?.name && e.name !== "Error" ? e.name : "CredentialsProviderError", msg, { cause: e });
    }
    checkCredentials(creds);
    // Which credentials the core holds is kept outside the client (not even util.inspect with
    // showHidden reaches them from the client object).
    const held = CONTEXT.get(c);
    if (held?.creds !== creds) {
      CONTEXT.set(c, { creds, context: contextOf(c.url, c.signingRegion, c.xua, c.ua, creds) });
    }
    return creds;
  }

  _now() {
    return Date.now() + (this.config.systemClockOffset ?? 0);
  }

  /** True unless the stacks hold exactly the built-ins: then one core call builds and signs. */
  _usesMiddleware(command) {
    const entries = this.middlewareStack._entries();
    const builtinsOnly = entries.length === BUILTIN_COUNT && entries.every((e) => e[BUILTIN]);
    return !builtinsOnly || command.middlewareStack.size() > 0 || this._state.foreign;
  }

  /** Sends a command; resolves to its output with `$metadata`, rejects with the SDK's errors. */
  send(command, optionsOrCb, cb) {
    const options = typeof optionsOrCb === "function" ? {} : (optionsOrCb ?? {});
    const callback = typeof optionsOrCb === "function" ? optionsOrCb : cb;
    const p = this._send(command, options);
    if (typeof callback === "function") {
      p.then((r) => callback(null, r), (e) => callback(e));
      return undefined;
    }
    return p;
  }

  async _send(command, options) {
    if (WASM_FAILURE) throw WASM_FAILURE;
    const operation = operationOf(command);
    if (operation === undefined) {
      throw namedError("TypeError", `ec2-wasm sends its own commands only (${OPERATIONS.map((o) => `${o}Command`).join(", ")})`);
    }
    if (this._state.destroyed) throw namedError("Error", "the client has been destroyed");
    const abortSignal = options.abortSignal;
    if (abortSignal?.aborted) throw abortError(abortSignal);
    const c = await this._core();
    if (!this._usesMiddleware(command)) {
      // Bad input must reject before any network call, including a credential provider's: validate
      // first unless the credentials are a plain object (then `build` below validates, still before fetch).
      const json = inputJson(command.input);
      if (!this.config.credentials?.static) serialize(operation, json);
      await this._credentials(c, abortSignal);
      const fetchOpts = this._fetchOptions(abortSignal, operation);
      return withRetries(
        this,
        async (attempt, max, invocationId, signingTime) => {
          if (attempt > 1) await this._credentials(c, abortSignal);
          const req = build(CONTEXT.get(c).context, operation, json, signingTime, invocationId, attempt, max);
          const response = await this._state.attempt(req.url, req.headers, req.body, fetchOpts);
          return { response, output: deserialize(operation, response) };
        },
        abortSignal,
      ).then((r) => r.output);
    }
    return this._sendWithMiddleware(command, operation, c, options);
  }

  _fetchOptions(abortSignal, operation) {
    return {
      abortSignal,
      maxBodyBytes: BODY_LIMITS[operation],
      requestTimeout: this.config.requestTimeout,
      throwOnRequestTimeout: this.config.throwOnRequestTimeout,
      logger: this.config.logger,
    };
  }

  async _sendWithMiddleware(command, operation, c, options) {
    const abortSignal = options.abortSignal;
    // As in the SDK: the client's stack (built-ins first, then the user's), then the command's, with
    // the serializer and deserializer added for this send.
    const stack = this.middlewareStack.concat(command.middlewareStack);
    stack.add(serializerMiddleware, { step: "serialize", name: "serializerMiddleware", tags: ["SERIALIZER"], override: true });
    stack.add(deserializerMiddleware, { step: "deserialize", name: "deserializerMiddleware", tags: ["DESERIALIZER"], override: true });
    const rh = this.config.requestHandler;
    const fetchOpts = this._fetchOptions(abortSignal, operation);
    const terminal = async (args) => {
      const request = args.request;
      if (this._state.foreign) {
        // The SDK's handlers read abortSignal and requestTimeout; this package's also the body limit.
        const { response } = await rh.handle(request, fetchOpts);
        return { response: await normalizeResponse(response, fetchOpts.maxBodyBytes) };
      }
      const headers = {};
      for (const [k, v] of Object.entries(request.headers)) {
        if (k !== "host" && k !== "content-length") headers[k] = v;
      }
      const response = await this._state.attempt(requestUrl(request), headers, request.body, fetchOpts);
      return { response };
    };
    const handler = stack.resolve(terminal, {
      logger: this.config.logger,
      clientName: "EC2Client",
      commandName: `${operation}Command`,
      [SEND]: { client: this, core: c, abortSignal, endpoint: this._state.endpoint, operation },
    });
    const { output } = await handler({ input: command.input });
    return output;
  }

  /**
   * Releases the client's resources (the keep-alive agents it created; user-supplied agents stay open)
   * and calls the request handler's `destroy()`, as the SDK does; later sends reject.
   */
  destroy() {
    const s = this._state;
    s.attempt.destroy?.();
    this.config.requestHandler?.destroy?.();
    s.core = null;
    s.retry = null;
    s.destroyed = true;
  }
}
