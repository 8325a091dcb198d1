// Built-in middleware, named and placed as in @aws-sdk/client-ec2 so user middleware can be added
// relative to them, and the SDK's HttpRequest. Per-send state travels in the handler context under SEND.
import { inputJson, serialize, sign } from "./calls.mjs";
import { xAmzUserAgent } from "./config.mjs";
import { CONTEXT } from "./credentials.mjs";
import { IS_BROWSER } from "./platform.mjs";
import { deserialize } from "./response.mjs";
import { withRetries } from "./retry-loop.mjs";
import { readBody } from "./transport.mjs";

const SDK_REQUEST_HEADER = "amz-sdk-request";
const INVOCATION_ID_HEADER = "amz-sdk-invocation-id";
const SIGNING_TIME = Symbol("ec2-wasm.signingTime");

export const SEND = Symbol("ec2-wasm.send");
// Marks the built-in entries; BUILTIN_COUNT is how many installBuiltins adds (for the client's check
// that a stack holds only them).
export const BUILTIN = Symbol("ec2-wasm.builtin");
export let BUILTIN_COUNT = 0;

export const serializerMiddleware = (next, context) => async (args) => {
  const { endpoint, operation } = context[SEND];
  const url = new URL(endpoint);
  const body = serialize(operation, inputJson(args.input));
  const request = new HttpRequest({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`,
    query: {},
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return next({ ...args, request });
};

export const deserializerMiddleware = (next, context) => async (args) => {
  const { response } = await next(args);
  return { response, output: deserialize(context[SEND].operation, response) };
};

export function installBuiltins(stack) {
  const entries = [
    [
      (next, context) => (args) => {
        const { client } = context[SEND];
        const { request } = args;
        const xua = xAmzUserAgent(client.config.customUserAgent);
        request.headers["x-amz-user-agent"] = xua;
        if (!IS_BROWSER) request.headers["user-agent"] = xua;
        return next(args);
      },
      { step: "build", priority: "low", name: "getUserAgentMiddleware", tags: ["SET_USER_AGENT", "USER_AGENT"] },
    ],
    [
      (next, context) => (args) =>
        withRetries(
          context[SEND].client,
          (attempt, max, invocationId, signingTime) => {
            const request = args.request.clone();
            request.headers[INVOCATION_ID_HEADER] = invocationId;
            request.headers[SDK_REQUEST_HEADER] = `attempt=${attempt}; max=${max}`;
            return next({ ...args, request, [SIGNING_TIME]: signingTime });
          },
          context[SEND].abortSignal,
        ),
      { step: "finalizeRequest", priority: "high", name: "retryMiddleware", tags: ["RETRY"] },
    ],
    [
      (next) => (args) => {
        const { request } = args;
        const len = new TextEncoder().encode(request.body ?? "").byteLength;
        request.headers["content-length"] = String(len);
        return next(args);
      },
      { step: "build", priority: "high", name: "contentLengthMiddleware", tags: ["SET_CONTENT_LENGTH", "CONTENT_LENGTH"] },
    ],
    [
      (next) => (args) => {
        const { request } = args;
        request.headers.host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
        return next(args);
      },
      { step: "build", priority: "low", name: "hostHeaderMiddleware", tags: ["HOST"] },
    ],
  ];
  for (const [mw, opts] of entries) stack.add(mw, { ...opts, override: true, [BUILTIN]: true });
  stack.addRelativeTo(
    (next, context) => async (args) => {
      const { client, core: c, abortSignal } = context[SEND];
      await client._credentials(c, abortSignal);
      const { request } = args;
      const time = args[SIGNING_TIME] ?? client._now();
      request.headers = sign(CONTEXT.get(c).context, request.method, requestUrl(request), request.headers, request.body ?? "", time);
      return next(args);
    },
    { relation: "after", toMiddleware: "retryMiddleware", name: "httpSigningMiddleware", tags: ["HTTP_SIGNING"], override: true, [BUILTIN]: true },
  );
  BUILTIN_COUNT = entries.length + 1;
}

/** The URL of an HttpRequest. */
export function requestUrl(r) {
  const port = r.port ? `:${r.port}` : "";
  const q = r.query && Object.keys(r.query).length
    ? "?" + Object.entries(r.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")
    : "";
  return `${r.protocol.replace(/:?$/, ":")}//${r.hostname}${port}${r.path}${q}`;
}

/** A custom requestHandler's response in the transport's shape (lower-case headers, bytes body read with the cap). */
export async function normalizeResponse(r, limit) {
  const headers = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  let body = r.body;
  if (typeof body === "string") body = new TextEncoder().encode(body);
  else if (body && typeof body.getReader === "function") body = await readBody(new Response(body), limit);
  else if (body && !(body instanceof Uint8Array) && typeof body[Symbol.asyncIterator] === "function") {
    const chunks = [];
    for await (const c of body) chunks.push(typeof c === "string" ? new TextEncoder().encode(c) : c);
    body = await readBody(new Response(new Blob(chunks)), limit);
  }
  return { statusCode: r.statusCode, reason: r.reason, headers, body: body ?? new Uint8Array() };
}

/** The SDK's HttpRequest shape, for middleware. */
export class HttpRequest {
  static name = "HttpRequest";
  constructor(o) {
    this.method = o.method ?? "GET";
    this.protocol = o.protocol ?? "https:";
    this.hostname = o.hostname ?? "localhost";
    this.port = o.port;
    this.path = o.path ?? "/";
    this.query = o.query ?? {};
    this.headers = o.headers ?? {};
    this.body = o.body;
  }
  clone() {
    return new HttpRequest({ ...this, headers: { ...this.headers }, query: { ...this.query } });
  }
  static isInstance(r) {
    return r && typeof r === "object" && typeof r.method === "string" && typeof r.headers === "object";
  }
}
