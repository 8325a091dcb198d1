// The servers behind `make demo`, also used by tests/demo: moto with signature verification (an IAM
// key and a volume made), the CORS proxy a browser needs in front of it, and the console page (www/ +
// pkg/dist) whose /demo/config.json carries the endpoint, region, key and volume to prefill.
//
//   node scripts/demo/stack.mjs --state DIR [--aws REGION]
// starts everything, writes DIR/state.env (shell assignments for scripts/demo.sh) and runs until
// SIGINT/SIGTERM or until its parent dies; moto is killed by PID on the way out (tests/support/processes.mjs).
// With --aws, no emulator: only the page, prefilled with the region.
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startMoto } from "../../tests/support/moto.mjs";
import { startCorsProxy } from "../../tests/support/cors-proxy.mjs";
import { startWebServer } from "./web-server.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The console page; `config` (optional) prefills it. */
export function startConsoleServer({ config } = {}) {
  return startWebServer({ www: path.join(ROOT, "www"), dist: path.join(ROOT, "pkg", "dist"), config });
}

/**
 * moto + CORS proxy + console page. Resolves { moto, proxy, console, config, stop() }; `moto` is what
 * tests/support/moto.mjs startMoto() returns (endpoint, keys, volumeId, describeSnapshot…).
 */
export async function startDemoStack() {
  const moto = await startMoto();
  let proxy;
  try {
    proxy = await startCorsProxy(moto.endpoint);
    const config = {
      region: moto.region,
      endpoint: proxy.endpoint,
      accessKeyId: moto.accessKeyId,
      secretAccessKey: moto.secretAccessKey,
      volumeId: moto.volumeId,
      note:
        `Endpoint ${proxy.endpoint} is a CORS proxy in front of moto, a local EC2 emulator that checks ` +
        `every signature. The access key is a fresh IAM user's and ${moto.volumeId} a fresh 8 GiB volume.`,
    };
    const site = await startConsoleServer({ config });
    return {
      moto,
      proxy,
      console: site,
      config,
      async stop() {
        await site.stop();
        await proxy.stop();
        await moto.stop();
      },
    };
  } catch (error) {
    await proxy?.stop();
    await moto.stop();
    throw error;
  }
}

/** Single-quoted for sh: the only character that needs care is ' itself. */
const shellQuote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;

async function main() {
  const { values } = parseArgs({ options: { state: { type: "string" }, aws: { type: "string" } } });
  if (!values.state) throw new Error("usage: stack.mjs --state DIR [--aws REGION]");
  const parent = process.ppid;
  let vars;
  if (values.aws) {
    const site = await startConsoleServer({ config: { region: values.aws, note: `Region ${values.aws} from AWS_REGION. Enter your own keys; they stay in this tab.` } });
    vars = { DEMO_CONSOLE_URL: site.url, DEMO_STACK_PID: process.pid };
  } else {
    const stack = await startDemoStack();
    vars = {
      DEMO_MOTO_ENDPOINT: stack.moto.endpoint,
      DEMO_PROXY_ENDPOINT: stack.proxy.endpoint,
      DEMO_CONSOLE_URL: stack.console.url,
      DEMO_REGION: stack.moto.region,
      DEMO_ACCESS_KEY_ID: stack.moto.accessKeyId,
      DEMO_SECRET_ACCESS_KEY: stack.moto.secretAccessKey,
      DEMO_VOLUME_ID: stack.moto.volumeId,
      DEMO_STACK_PID: process.pid,
    };
  }
  const file = path.join(values.state, "state.env");
  writeFileSync(`${file}.tmp`, Object.entries(vars).map(([k, v]) => `${k}=${shellQuote(v)}\n`).join(""), { mode: 0o600 });
  renameSync(`${file}.tmp`, file); // appears whole: demo.sh polls for it

  // If demo.sh is killed outright (no trap runs), do not outlive it.
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
  }, 1000).unref();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`demo stack: ${error.stack ?? error}`);
    process.exit(1);
  });
}
