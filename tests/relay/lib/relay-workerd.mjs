// Runs examples/relay-worker in workerd (the npm package "workerd"), configured with text bindings as
// wrangler.toml's [vars] would be, its outbound network allowed to reach 127.0.0.1 (the upstream in tests).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startWorkerd } from "../../support/workerd.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const RELAY_SOURCE = path.join(ROOT, "examples", "relay-worker", "src", "index.js");

/** startRelay({ vars }) -> { url, output(), stop() }; vars: ALLOWED_ORIGINS, ALLOWED_REGIONS, MAX_BODY_BYTES, EC2_ENDPOINT. */
export async function startRelay({ vars }) {
  const dir = path.join(ROOT, "tests", "out", `relay-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const server = await startWorkerd({
    dir,
    workers: [{ name: "relay", modules: [{ name: "index.js", type: "esModule", file: RELAY_SOURCE }], compatibilityDate: "2025-11-01", bindings: vars }],
    args: ["--verbose"],
  });
  const url = server.url.replace(/\/$/, "");
  return {
    url,
    output: server.output,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A middleware that makes a client (ec2-wasm's or @aws-sdk/client-ec2's) sign for `host`, the real EC2
 * endpoint's, while its `endpoint` is the relay: placed just before signing, so every attempt's
 * signature covers it. fetch never sends a Host header of its own choosing, so the relay's URL decides
 * where the request goes and the relay's upstream fetch puts this very host on the wire.
 */
export function signForHost(client, host) {
  client.middlewareStack.addRelativeTo(
    (next) => (args) => {
      args.request.headers.host = host;
      return next(args);
    },
    { relation: "before", toMiddleware: "httpSigningMiddleware", name: "signForEc2Host", override: true },
  );
  return client;
}
