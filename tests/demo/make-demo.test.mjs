// `make demo` from a clean copy of the tree — the files a clone of the current working tree has (git's
// tracked and unignored files), nothing built — run until the Node example has printed its snapshot and
// the console is served, then stopped: once with Ctrl-C (SIGINT to the whole process group, as a
// terminal sends it) and once with SIGTERM to make alone (make passes it to scripts/demo.sh, whose trap
// stops the servers by PID). Afterwards no process it started may be left, and its ports must be closed.
//
// Installed dependencies and the cargo cache are given to the copy, as a CI cache would be: node_modules
// and target/ copied, .venv linked (scripts/setup.sh only ever creates it when missing).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import { runChild } from "../support/processes.mjs";
import { OUT, ROOT, envFor } from "./lib/examples.mjs";

const CLONE = path.join(OUT, `clone-${process.pid}`);

before(() => {
  rmSync(CLONE, { recursive: true, force: true });
  mkdirSync(CLONE, { recursive: true });
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(CLONE, file)), { recursive: true });
    cpSync(from, path.join(CLONE, file), { preserveTimestamps: true, verbatimSymlinks: true });
  }
  assert.ok(!existsSync(path.join(CLONE, "pkg", "dist")), "pkg/dist is not part of a clone");
  assert.ok(existsSync(path.join(CLONE, "scripts", "demo.sh")));

  // the caches a CI job would restore; node_modules is copied, never linked, so that a reinstall in the
  // copy could never touch the tree's own
  execFileSync("cp", ["-a", path.join(ROOT, "node_modules"), path.join(CLONE, "node_modules")]);
  symlinkSync(path.join(ROOT, ".venv"), path.join(CLONE, ".venv"));
  mkdirSync(path.join(CLONE, "target"));
  for (const dir of ["release", "wasm32-unknown-unknown"]) {
    if (existsSync(path.join(ROOT, "target", dir))) execFileSync("cp", ["-a", path.join(ROOT, "target", dir), path.join(CLONE, "target", dir)]);
  }
});

after(() => {
  rmSync(CLONE, { recursive: true, force: true });
});

/** Processes whose environment carries `marker`: everything `make demo` started, however deep. */
function processesWith(marker) {
  const found = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (/^\d+ \(.*\) [ZX] /s.test(stat)) continue; // a zombie has exited
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`DEMO_TEST_MARKER=${marker}`)) continue;
      found.push({ pid: Number(pid), cmd: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim() });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

async function eventually(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: ${typeof last === "string" ? last : JSON.stringify(last)}`);
}

/**
 * Runs `make demo` in the copy until the console URL is printed; returns what it printed and started.
 * `stop(how)` ends it ("group-SIGINT" or "make-SIGTERM") and returns its exit.
 */
async function startDemo(t) {
  const marker = randomUUID();
  const started = Date.now();
  const child = spawn("make", ["--no-print-directory", "demo"], {
    cwd: CLONE,
    detached: true, // its own process group, as a shell job in a terminal has
    stdio: ["ignore", "pipe", "pipe"],
    env: envFor({ DEMO_TEST_MARKER: marker }),
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (c) => (output += c));
  child.stderr.setEncoding("utf8").on("data", (c) => (output += c));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  t.after(() => {
    // whatever happens, leave nothing behind
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    for (const p of processesWith(marker)) {
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  const deadline = Date.now() + 150_000;
  let exit = null;
  exited.then((e) => (exit = e));
  while (!/==> console: http:\/\/127\.0\.0\.1:\d+\/\n/.test(output)) {
    if (exit) assert.fail(`make demo exited early (${JSON.stringify(exit)}):\n${output}`);
    if (Date.now() > deadline) assert.fail(`make demo: no console URL after 150 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  t.diagnostic(`make demo: console URL after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const created = /^Created snapshot (snap-[0-9a-f]{8,}) from (vol-[0-9a-f]{8,}) \(8 GiB\)/m.exec(output);
  assert.ok(created, `the Node example printed no snapshot:\n${output}`);
  const field = (name) => new RegExp(`^    ${name}\\s+(\\S+)$`, "m").exec(output)?.[1];
  const info = {
    output: () => output,
    marker,
    snapshotId: created[1],
    volumeId: created[2],
    moto: field("moto"),
    proxy: field("CORS proxy"),
    accessKeyId: field("IAM key"),
    volume: field("volume"),
    console: /==> console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)[1],
    processes: processesWith(marker),
    async stop(how) {
      if (how === "group-SIGINT") process.kill(-child.pid, "SIGINT");
      else process.kill(child.pid, "SIGTERM");
      let timer;
      const result = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r(null), 30_000)))]);
      clearTimeout(timer);
      assert.ok(result, `make demo did not stop within 30 s of ${how}:\n${output}`);
      return result;
    },
  };
  return info;
}

/** The checks on a running demo: the snapshot exists in moto, the console serves the prefilled page. */
async function assertRunning(demo) {
  const out = demo.output();
  assert.ok(out.includes("==> setup (idempotent) and make pkg"), out);
  assert.ok(existsSync(path.join(CLONE, "pkg", "dist", "web.mjs")), `make pkg built nothing:\n${out}`);
  assert.equal(demo.volumeId, demo.volume, out);

  const page = await fetch(demo.console);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>Create an EBS snapshot/);
  const config = await (await fetch(new URL("demo/config.json", demo.console))).json();
  assert.equal(config.accessKeyId, demo.accessKeyId);
  assert.equal(config.endpoint, demo.proxy);
  assert.equal(config.volumeId, demo.volumeId);
  assert.ok(!out.includes(config.secretAccessKey), "the demo printed the secret access key");

  // the snapshot the example printed, read back with boto3 through the demo's own moto
  const read = await runChild(path.join(ROOT, ".venv", "bin", "python"), [path.join(ROOT, "tests", "support", "moto_helper.py"), demo.moto, config.region, "describe-snapshot", demo.snapshotId], {
    env: envFor({ AWS_ACCESS_KEY_ID: config.accessKeyId, AWS_SECRET_ACCESS_KEY: config.secretAccessKey }),
  });
  assert.equal(read.code, 0, read.stderr);
  const [snapshot] = JSON.parse(read.stdout);
  assert.equal(snapshot.SnapshotId, demo.snapshotId);
  assert.equal(snapshot.VolumeId, demo.volumeId);
  assert.deepEqual(snapshot.Tags, [{ Key: "created-by", Value: "ec2-wasm-example-node-esm" }]);

  // what is running: make, the script, the servers' node process, moto
  const cmds = demo.processes.map((p) => p.cmd);
  for (const expected of [/^make .*demo/, /scripts\/demo\.sh/, /node scripts\/demo\/stack\.mjs/, /moto_server -H 127\.0\.0\.1/]) {
    assert.ok(cmds.some((c) => expected.test(c)), `no ${expected} among ${JSON.stringify(cmds, null, 2)}`);
  }
}

/** Alive: in /proc and neither a zombie (Z) nor dead (X). */
function alive(pid) {
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function assertStopped(demo, exit) {
  const ports = [demo.moto, demo.proxy, demo.console].map((u) => Number(new URL(u).port));
  await eventually("processes of the demo still running", () => {
    const left = new Set([...processesWith(demo.marker).map((p) => p.pid), ...demo.processes.map((p) => p.pid).filter(alive)]);
    return left.size === 0 || JSON.stringify(demo.processes.filter((p) => left.has(p.pid)).concat(processesWith(demo.marker)));
  }, 10_000);
  await eventually("ports still open", async () => {
    const open = [];
    for (const port of ports) if (await portOpen(port)) open.push(port);
    return open.length === 0 || `open: ${open.join(", ")}`;
  }, 5_000);
  assert.match(demo.output(), /demo stopped/, `exit ${JSON.stringify(exit)}:\n${demo.output()}`);
}

test("make demo from a clean copy: Ctrl-C stops everything it started", { timeout: 200_000 }, async (t) => {
  const demo = await startDemo(t);
  t.diagnostic(`running: ${demo.processes.map((p) => `${p.pid} ${p.cmd.slice(0, 70)}`).join(" | ")}`);
  await assertRunning(demo);
  const exit = await demo.stop("group-SIGINT");
  await assertStopped(demo, exit);
});

test("make demo: SIGTERM to make alone reaches the script's trap, which stops the servers", { timeout: 200_000 }, async (t) => {
  const demo = await startDemo(t);
  await assertRunning(demo);
  const exit = await demo.stop("make-SIGTERM");
  await assertStopped(demo, exit);
});
