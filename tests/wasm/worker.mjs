// The Rust Worker example (examples/worker-rs) in workerd: built for wasm32, bound with wasm-bindgen
// --target web, shrunk with binaryen's wasm-opt -Oz (npm), served by workerd with moto's address and keys
// as bindings; a POST creates a snapshot, which must then exist in moto (read back with boto3).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startWorkerd } from "../support/workerd.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = path.join(ROOT, "examples", "worker-rs");
const TARGET = path.join(ROOT, "target", "worker-rs");
const OUT = path.join(TARGET, "out");
const NAME = "ec2_wasm_worker_rs";

/**
 * Builds the Worker into target/worker-rs/out; returns the gzip -9 size of its optimised wasm. `run(label,
 * command, args, { cwd, env })` runs cargo and resolves to { code }. (Also used by scripts/soak.mjs.)
 */
export async function build(run) {
  const env = { CARGO_TARGET_DIR: TARGET, CARGO_BUILD_JOBS: "2" };
  const built = await run("worker-rs build", "nice", ["-n", "10", "cargo", "build", "--release", "--target", "wasm32-unknown-unknown"], { cwd: EXAMPLE, env });
  if (built.code !== 0) throw new Error(`worker-rs: cargo build failed (${built.code})`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const wasm = path.join(TARGET, "wasm32-unknown-unknown", "release", `${NAME}.wasm`);
  execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", OUT, wasm], { stdio: "inherit" });
  const bg = path.join(OUT, `${NAME}_bg.wasm`);
  const before = statSync(bg).size;
  execFileSync(path.join(ROOT, "node_modules", ".bin", "wasm-opt"), ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", bg, "-o", bg], { stdio: "inherit" });
  copyFileSync(path.join(EXAMPLE, "worker.mjs"), path.join(OUT, "worker.mjs"));
  const bytes = readFileSync(bg);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`worker-rs wasm: ${before} B from wasm-bindgen, ${bytes.length} B after wasm-opt -Oz, ${gzip} B gzip -9`);
  return gzip;
}

/** The built Worker's modules for startWorkerd, its entry first. */
export function workerModules() {
  // wasm-bindgen's inline JS snippets are modules of their own, imported by relative path.
  const snippets = existsSync(path.join(OUT, "snippets"))
    ? readdirSync(path.join(OUT, "snippets"), { recursive: true })
        .filter((f) => f.endsWith(".js"))
        .map((f) => path.posix.join("snippets", f.split(path.sep).join("/")))
    : [];
  const modules = [
    { name: "worker.mjs", type: "esModule", file: path.join(OUT, "worker.mjs") },
    { name: `${NAME}.js`, type: "esModule", file: path.join(OUT, `${NAME}.js`) },
    { name: `${NAME}_bg.wasm`, type: "wasm", file: path.join(OUT, `${NAME}_bg.wasm`) },
    ...snippets.map((f) => ({ name: f, type: "esModule", file: path.join(OUT, f) })),
  ];
  return modules;
}

export async function runWorker({ moto, run }) {
  const gzipBytes = await build(run);
  const modules = workerModules();
  const bindings = {
    AWS_REGION: moto.region,
    EC2_ENDPOINT: moto.endpoint,
    AWS_ACCESS_KEY_ID: moto.accessKeyId,
    AWS_SECRET_ACCESS_KEY: moto.secretAccessKey,
  };
  const workerd = await startWorkerd({ dir: OUT, workers: [{ name: "main", modules, bindings }], args: ["--verbose"] });
  try {
    const base = workerd.url.replace(/\/$/, "");
    const res = await fetch(`${base}/snapshots?volume=${encodeURIComponent(moto.volumeId)}`, { method: "POST" });
    const text = await res.text();
    console.log(`worker-rs answered ${res.status}: ${text}`);
    if (res.status !== 200) throw new Error(`worker-rs: HTTP ${res.status} ${text}\n--- workerd ---\n${workerd.output().slice(-3000)}`);
    const body = JSON.parse(text);
    if (!/^snap-/.test(body.snapshotId ?? "") || body.volumeId !== moto.volumeId) throw new Error(`worker-rs: unexpected answer ${text}`);
    // Read back from moto with boto3 and the real key: the snapshot exists, with the Worker's tag.
    const [found] = await moto.describeSnapshot(body.snapshotId);
    if (found?.SnapshotId !== body.snapshotId || found?.Description !== "from a Rust Worker") {
      throw new Error(`worker-rs: moto does not have ${body.snapshotId}: ${JSON.stringify(found)}`);
    }
    // A bad volume comes back as the EC2 error, through the Worker.
    const bad = await fetch(`${base}/snapshots?volume=vol-0000000000000dead`, { method: "POST" });
    const badBody = await bad.json();
    if (bad.status !== 502 || badBody.error !== "InvalidVolume.NotFound") throw new Error(`worker-rs: bad volume gave ${bad.status} ${JSON.stringify(badBody)}`);
    return { snapshotId: body.snapshotId, gzipBytes };
  } finally {
    await workerd.stop();
  }
}
