// Shared by the fault-injection tests: the stub process, the two clients, and what a run observed.
import { test } from "node:test";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";
// The SDK reads retry settings and profiles from the environment and ~/.aws: neutralize them, so both
// clients run with exactly the configuration each test gives (this module loads before any client).
for (const k of ["AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_PROFILE", "AWS_DEFAULTS_MODE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_EC2"]) delete process.env[k];
process.env.AWS_CONFIG_FILE = "/nonexistent/ec2-wasm-faults/config";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/ec2-wasm-faults/credentials";
const sdk = await import("@aws-sdk/client-ec2");
// EC2_FAULTS_IMPL=<module path> swaps in another build (to check that the tests catch a change).
const wasm = await import(process.env.EC2_FAULTS_IMPL ? pathToFileURL(resolve(process.env.EC2_FAULTS_IMPL)).href : "../../pkg/dist/node.mjs");

export const IMPLS = { sdk, wasm };
export const CREDENTIALS = { accessKeyId: "AKIDFAULTS", secretAccessKey: "fault-injection-secret" };
export const INPUT = { VolumeId: "vol-1234567890abcdef0" };

/** Starts tests/faults/stub-server.mjs in its own process; `stop()` kills it by PID. */
export async function startStubProcess() {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./stub-server.mjs", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [first] = await Promise.race([
    once(lines, "line"),
    once(child, "exit").then(([code]) => {
      throw new Error(`stub process exited with ${code} before listening`);
    }),
  ]);
  const { control } = JSON.parse(first);
  const base = `http://127.0.0.1:${control}`;
  const pid = child.pid;
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const out = await r.json();
    if (!r.ok) throw new Error(`stub ${path}: ${out.error}`);
    return out;
  };
  return {
    pid,
    /** A fresh server: `{ endpoint, log(), close() }`. */
    async session(cfg) {
      const { id, port } = await call("POST", "/session", cfg);
      return {
        endpoint: `http://127.0.0.1:${port}`,
        log: () => call("GET", `/log/${id}`),
        close: () => call("POST", `/close/${id}`),
      };
    },
    async stop() {
      lines.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit");
        process.kill(pid, "SIGTERM");
        await exited;
      }
    },
  };
}

/** What the caller of `send` sees: the result, or the error's name, `$fault` and `$metadata`. */
export function outcome(r) {
  if (r.ok) {
    const m = r.value.$metadata;
    return { ok: true, SnapshotId: r.value.SnapshotId, httpStatusCode: m.httpStatusCode, attempts: m.attempts, totalRetryDelay: m.totalRetryDelay };
  }
  const e = r.error;
  const m = e?.$metadata ?? {};
  return {
    ok: false,
    name: e?.name,
    $fault: e?.$fault,
    code: e?.code,
    httpStatusCode: m.httpStatusCode,
    attempts: m.attempts,
    totalRetryDelay: m.totalRetryDelay,
    clockSkewCorrected: m.clockSkewCorrected,
  };
}

export async function settle(p) {
  const t = performance.now();
  try {
    return { ok: true, value: await p, ms: performance.now() - t };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - t };
  }
}

/** ec2-wasm's transports in Node: node:http (the default) and fetch (chosen with FetchHttpHandler). */
export const TRANSPORTS = ["node:http", "fetch"];
let transport = "node:http";

/** Defines the test once per transport, named "… [ec2-wasm on node:http]" and "… [ec2-wasm on fetch]". */
export function testBoth(name, fn) {
  for (const t of TRANSPORTS) {
    test(`${name} [ec2-wasm on ${t}]`, async (ctx) => {
      transport = t;
      try {
        await fn(ctx, t);
      } finally {
        transport = "node:http";
      }
    });
  }
}

/**
 * A client of `impl` against `endpoint`. ec2-wasm's uses the transport of the running test: on fetch,
 * the requestHandler options (if any) go to a FetchHttpHandler instead.
 */
export function makeClient(impl, endpoint, extra = {}) {
  const { EC2Client, FetchHttpHandler } = IMPLS[impl];
  const config = { region: "us-east-1", endpoint, credentials: CREDENTIALS, ...extra };
  if (impl === "wasm" && transport === "fetch") {
    const rh = config.requestHandler;
    config.requestHandler = new FetchHttpHandler(rh && typeof rh.handle !== "function" ? rh : {});
  }
  return new EC2Client(config);
}

export const send = (client, options) => client.send(new IMPLS[client instanceof sdk.EC2Client ? "sdk" : "wasm"].CreateSnapshotCommand({ ...INPUT }), options);

/**
 * Runs `calls` sends one after the other, with a fresh client of each implementation against its own
 * session of the same scenario; both implementations run at the same time. `drive(client, impl)` can
 * replace the sends. Returns { sdk, wasm }, each { results: [outcome], raw, requests, ms }.
 */
export async function runBoth(stub, scenario, { config = {}, calls = 1, drive } = {}) {
  const one = async (impl) => {
    const session = await stub.session(scenario);
    try {
      const client = makeClient(impl, session.endpoint, typeof config === "function" ? config(impl) : config);
      const t = performance.now();
      const raw = [];
      if (drive) raw.push(...(await drive(client, impl)));
      else for (let i = 0; i < calls; i++) raw.push(await settle(send(client)));
      const ms = performance.now() - t;
      const { requests, maxInFlight } = await session.log();
      client.destroy?.();
      return { results: raw.map(outcome), raw, requests, maxInFlight, ms };
    } finally {
      await session.close();
    }
  };
  const [s, w] = await Promise.all([one("sdk"), one("wasm")]);
  return { sdk: s, wasm: w };
}

/** Replaces Math.random with a constant for the duration of `fn`. */
export async function withRandom(value, fn) {
  const original = Math.random;
  Math.random = () => value;
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}

/** `floor(random × min(base × 2^i, 20000))` summed over the retries: the SDK's totalRetryDelay. */
export function expectedDelay(random, bases) {
  return bases.reduce((sum, base, i) => sum + Math.floor(random * Math.min(base * 2 ** i, 20000)), 0);
}

/** x-amz-date (`20240101T000000Z`) as epoch ms. */
export function amzDateMs(s) {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(s ?? "");
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}
