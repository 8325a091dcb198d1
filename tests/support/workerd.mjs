// workerd (the npm package "workerd") for tests, the soak and the bench: one place that writes the capnp
// config and starts `workerd serve`. Every worker's outbound `internet` network may reach 127.0.0.1, where
// moto and the stubs listen.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startChild, waitFor } from "./processes.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WORKERD = path.join(ROOT, "node_modules", ".bin", "workerd");

const q = JSON.stringify; // capnp text strings take the same escapes for what the tests write

/**
 * The capnp text for `workers` ({ name, modules: [{ name, type, file }], bindings?: { NAME: text or
 * { service: "other worker" } },
 * compatibilityDate?, compatibilityFlags? }; `type` is esModule, commonJsModule, wasm, json, text or
 * data; the first module is the entry) served on `sockets` ({ name, port, service }). Module files are
 * written relative to `dir`, where the config goes.
 */
export function workerdConfig(dir, workers, sockets) {
  const worker = (w) => `    (name = ${q(w.name)}, worker = (
      modules = [
${w.modules.map((m) => `        (name = ${q(m.name)}, ${m.type} = embed ${q(path.relative(dir, m.file))}),`).join("\n")}
      ],
      compatibilityDate = ${q(w.compatibilityDate ?? "2025-01-01")},${w.compatibilityFlags?.length ? `\n      compatibilityFlags = ${q(w.compatibilityFlags)},` : ""}
      bindings = [
${Object.entries(w.bindings ?? {}).map(([k, v]) => `        (name = ${q(k)}, ${v?.service ? `service = ${q(v.service)}` : `text = ${q(String(v))}`}),`).join("\n")}
      ],
    )),`;
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
${workers.map(worker).join("\n")}
    # every worker's default globalOutbound: allowed to reach 127.0.0.1
    (name = "internet", network = (allow = ["public", "local"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [
${sockets.map((s) => `    (name = ${q(s.name)}, address = "127.0.0.1:${s.port}", http = (), service = ${q(s.service)}),`).join("\n")}
  ],
);
`;
}

/**
 * Writes `dir`/config.capnp and starts workerd serving `workers` (see workerdConfig; without `sockets`,
 * the first worker is served on one free port), then waits until it answers `ready(url)` (default: any
 * HTTP answer to HEAD). Returns { url, urls (by socket name), child, config, output(), stop() }. A start
 * that fails throws with workerd's output and the config.
 */
export async function startWorkerd({ dir, workers, sockets, args = [], ready, timeoutMs = 30_000 }) {
  const socketList = [];
  for (const s of sockets ?? [{ name: "http", service: workers[0].name }]) socketList.push({ ...s, port: await freePort() });
  const config = workerdConfig(dir, workers, socketList);
  const file = path.join(dir, "config.capnp");
  writeFileSync(file, config);
  const server = startChild(WORKERD, ["serve", file, ...args], { cwd: dir });
  const urls = Object.fromEntries(socketList.map((s) => [s.name, `http://127.0.0.1:${s.port}/`]));
  const url = urls[socketList[0].name];
  const answers = ready ?? (async (u) => (await fetch(u, { method: "HEAD" })).status > 0);
  try {
    await waitFor("workerd", () => answers(url), { timeoutMs, alive: () => server.child.exitCode === null });
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- workerd output ---\n${server.output()}\n--- config ---\n${config}`);
  }
  return { url, urls, child: server.child, config, output: server.output, stop: server.stop };
}
