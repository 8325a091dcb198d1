// A CORS relay for EC2 as a Cloudflare Worker. The browser signs each EC2 request with its own
// (e.g. Cognito) credentials for the real EC2 host; this Worker forwards it unchanged to that host and
// adds the CORS headers EC2 does not send. It holds no credentials and adds no privilege: what reaches
// EC2 is exactly what the page signed. It is never an open proxy:
//   - only `POST /` with a form body up to MAX_BODY_BYTES, signed with SigV4 for the service `ec2`;
//   - the target is EC2's regional endpoint of the region in the signature's credential scope, and
//     only ALLOWED_REGIONS are served;
//   - only requests (and preflights) from ALLOWED_ORIGINS;
//   - only the signature and the headers it covers are forwarded (cookies, Origin, Referer never are).
// Configuration (wrangler.toml [vars]): ALLOWED_ORIGINS, ALLOWED_REGIONS (comma-separated),
// MAX_BODY_BYTES (default 65536), EC2_ENDPOINT (a URL template with {region}; only for tests or private
// endpoints, default https://ec2.{region}.amazonaws.com).

// What a browser sends with an EC2 call from ec2-wasm or @aws-sdk/client-ec2 (preflight allow-list).
const REQUEST_HEADERS = ["authorization", "content-type", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "x-amz-user-agent", "amz-sdk-invocation-id", "amz-sdk-request"];
// What a page must be able to read from EC2's response (request ids, clock skew correction).
const EXPOSE = ["x-amzn-requestid", "x-amz-request-id", "x-amz-id-2", "date", "content-length", "content-type"].join(", ");
// EC2 Query requests are small; CreateSnapshot with 50 tags is about 6 KB.
const DEFAULT_MAX_BODY_BYTES = 65536;
// `AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=<hex>`
const AUTH = /^AWS4-HMAC-SHA256 Credential=[A-Za-z0-9]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=[0-9a-f]{64}$/;

const list = (v) => String(v ?? "").split(",").map((s) => s.trim()).filter(Boolean);

function refuse(status, message, cors, extra = {}) {
  return new Response(`relay: ${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", ...cors, ...extra } });
}

/** EC2's endpoint for `region`: EC2_ENDPOINT's template, else the public regional endpoint. */
export function upstreamFor(region, env) {
  const template = env.EC2_ENDPOINT || `https://ec2.{region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
  return new URL("/", template.replaceAll("{region}", region)).href;
}

/** The body, refused past `max` bytes whatever Content-Length says. */
async function readCapped(request, max) {
  const reader = request.body?.getReader();
  const chunks = [];
  let total = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function relay(request, env, upstreamFetch = fetch) {
  const origin = request.headers.get("origin");
  if (!origin || !list(env.ALLOWED_ORIGINS).includes(origin)) {
    return refuse(403, `origin ${JSON.stringify(origin ?? "(none)")} is not allowed`, {});
  }
  const cors = { "access-control-allow-origin": origin, vary: "Origin" };
  const url = new URL(request.url);
  if (url.pathname !== "/" || url.search) return refuse(404, "only POST / is relayed (no other path, no query)", cors);

  if (request.method === "OPTIONS") {
    const method = request.headers.get("access-control-request-method");
    if (method !== "POST") return refuse(405, `only POST is relayed, not ${method ?? "(none)"}`, cors, { allow: "POST, OPTIONS" });
    const asked = list(request.headers.get("access-control-request-headers")?.toLowerCase());
    const extra = asked.filter((h) => !REQUEST_HEADERS.includes(h));
    if (extra.length) return refuse(403, `headers not relayed: ${extra.join(", ")}`, cors);
    return new Response(null, {
      status: 204,
      headers: { ...cors, "access-control-allow-methods": "POST", "access-control-allow-headers": REQUEST_HEADERS.join(", "), "access-control-max-age": "600" },
    });
  }
  if (request.method !== "POST") return refuse(405, `only POST is relayed, not ${request.method}`, cors, { allow: "POST, OPTIONS" });
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) {
    return refuse(415, "only form bodies (application/x-www-form-urlencoded) are relayed", cors);
  }
  const max = Number(env.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
  if (Number(request.headers.get("content-length")) > max) return refuse(413, `bodies over ${max} bytes are not relayed`, cors);

  const auth = AUTH.exec(request.headers.get("authorization") ?? "");
  if (!auth) return refuse(403, "only requests signed with SigV4 (an Authorization header) are relayed", cors);
  const [, region, service, signed] = auth;
  if (service !== "ec2") return refuse(403, `only EC2 is relayed, the request is signed for ${JSON.stringify(service)}`, cors);
  if (!list(env.ALLOWED_REGIONS).includes(region)) return refuse(403, `region ${JSON.stringify(region)} is not allowed`, cors);
  const names = signed.split(";");
  if (!names.includes("host")) return refuse(403, "the signature must cover the host header", cors);

  const body = await readCapped(request, max);
  if (body === null) return refuse(413, `bodies over ${max} bytes are not relayed`, cors);
  // The signature and exactly the headers it covers; fetch sets host and content-length to the values signed.
  const headers = new Headers({ authorization: request.headers.get("authorization") });
  for (const name of names) {
    if (name === "host" || name === "content-length") continue;
    const value = request.headers.get(name);
    if (value === null) return refuse(400, `signed header ${name} is missing`, cors);
    headers.set(name, value);
  }
  let upstream;
  try {
    upstream = await upstreamFetch(upstreamFor(region, env), { method: "POST", headers, body, redirect: "manual" });
  } catch (error) {
    return refuse(502, `EC2 did not answer: ${error.message}`, cors);
  }
  const out = new Headers();
  for (const [k, v] of upstream.headers) if (!k.startsWith("access-control-") && k !== "set-cookie") out.set(k, v);
  for (const [k, v] of Object.entries({ ...cors, "access-control-expose-headers": EXPOSE })) out.set(k, v);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}

export default { fetch: (request, env) => relay(request, env) };
