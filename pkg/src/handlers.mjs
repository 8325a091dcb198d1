// The request handlers a user can give as `requestHandler`, named and shaped as @smithy's
// FetchHttpHandler and NodeHttpHandler (`new NodeHttpHandler({ requestTimeout, httpsAgent })`,
// `create`, `handle`, `destroy`). A Node client given one of these sends through its transport directly
// (no middleware round trip); elsewhere (and for code that calls a handler itself) `handle()` is used. NodeHttpHandler's
// transport is registered by the Node entries (node-defaults.mjs), so node:http stays out of the web
// and workerd bundles; elsewhere constructing one works but sending through it says why it cannot.
// No computed keys or top-level calls here: an app's bundler drops both classes when they are unused.
import { fetchAttempt } from "./transport.mjs";
import { PLATFORM_DEFAULTS } from "./config.mjs";
import { namedError } from "./errors.mjs";
import { requestUrl } from "./builtins.mjs";

class Handler {
  constructor(options) {
    // Options or an async provider of them, as the SDK's handlers take.
    this._options = typeof options === "function" ? options().then((o) => (this._options = o ?? {})) : (options ?? {});
    this.metadata = { handlerProtocol: "http/1.1" };
  }

  /** One attempt for the client: fetchAttempt's contract, with this handler's options filling the gaps. */
  async _ec2wasmAttempt(url, headers, body, opts) {
    let o = this._options;
    if (typeof o?.then === "function") o = await o;
    return this._send(url, headers, body, {
      ...opts,
      requestTimeout: opts.requestTimeout ?? o.requestTimeout,
      throwOnRequestTimeout: opts.throwOnRequestTimeout || Boolean(o.throwOnRequestTimeout),
      logger: o.logger ?? opts.logger,
    });
  }

  /**
   * The SDK's handler interface: sends an HttpRequest, resolves to `{ response }` (the body as bytes, at
   * most `maxBodyBytes`: the client passes its operation's limit; else the package's default).
   */
  async handle(request, { abortSignal, requestTimeout, maxBodyBytes } = {}) {
    const headers = {};
    for (const k in request.headers) {
      const lower = k.toLowerCase();
      if (lower !== "host" && lower !== "content-length") headers[k] = request.headers[k];
    }
    const response = await this._ec2wasmAttempt(requestUrl(request), headers, request.body, { abortSignal, requestTimeout, maxBodyBytes });
    return { response };
  }

  updateHttpClientConfig(key, value) {
    const o = this._options;
    this._options = typeof o?.then === "function" ? o.then((c) => (this._options = { ...c, [key]: value })) : { ...o, [key]: value };
  }

  httpHandlerConfigs() {
    const o = this._options;
    return typeof o?.then === "function" ? {} : o;
  }
}

/** @smithy/fetch-http-handler's FetchHttpHandler: the global fetch (the default in browsers, workers, Deno and Bun). */
export class FetchHttpHandler extends Handler {
  static name = "FetchHttpHandler";
  static create(instanceOrOptions) {
    return typeof instanceOrOptions?.handle === "function" ? instanceOrOptions : new FetchHttpHandler(instanceOrOptions);
  }
  _send(url, headers, body, opts) {
    return fetchAttempt(url, headers, body, opts);
  }
  destroy() {}
}

/**
 * @smithy/node-http-handler's NodeHttpHandler: node:http / node:https with keep-alive agents (the default
 * in Node). `destroy()` closes the agents it created; agents given as `httpAgent`/`httpsAgent` are the
 * caller's to destroy.
 */
export class NodeHttpHandler extends Handler {
  static name = "NodeHttpHandler";
  static create(instanceOrOptions) {
    return typeof instanceOrOptions?.handle === "function" ? instanceOrOptions : new NodeHttpHandler(instanceOrOptions);
  }
  _send(url, headers, body, opts) {
    if (!this.transport) {
      const make = PLATFORM_DEFAULTS.nodeTransport;
      if (!make) return Promise.reject(namedError("ConfigurationError", "requestHandler: NodeHttpHandler needs node:http, which only the package's Node entry loads; use FetchHttpHandler here"));
      this.transport = make(this._options);
    }
    return this.transport.attempt(url, headers, body, opts);
  }
  destroy() {
    this.transport?.destroy();
    this.transport = undefined;
  }
}
