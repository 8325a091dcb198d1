// Child processes of the benchmark: the server, per-section Node processes, workerd. Every child is killed
// by its PID when the benchmark exits, however it exits.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const live = new Set();
let hooked = false;
function hook() {
  if (hooked) return;
  hooked = true;
  const killAll = () => {
    for (const c of live) {
      try {
        process.kill(c.pid, "SIGKILL");
      } catch {}
    }
    live.clear();
  };
  process.on("exit", killAll);
  for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]]) {
    process.once(sig, () => {
      killAll();
      process.exit(code);
    });
  }
}

/** Starts a long-running child; resolves once `ready(stdoutSoFar)` returns a value (that value). */
export function startChild(cmd, args, { ready, timeoutMs = 30_000, ...opts } = {}) {
  hook();
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
  live.add(child);
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8").on("data", (d) => (err = (err + d).slice(-20_000)));
  const exited = new Promise((r) => child.on("exit", (code, signal) => (live.delete(child), r({ code, signal }))));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, "SIGTERM");
      } catch {}
      const t = setTimeout(() => {
        try {
          process.kill(child.pid, "SIGKILL");
        } catch {}
      }, 3000);
      await exited;
      clearTimeout(t);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(" ")}: not ready after ${timeoutMs} ms\n${out}\n${err}`)), timeoutMs);
    child.stdout.on("data", (d) => {
      out += d;
      const v = ready ? ready(out) : true;
      if (v) {
        clearTimeout(timer);
        resolve({ child, value: v, stop, stderr: () => err });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(" ")} exited (${code}) before it was ready\n${out}\n${err}`));
    });
  });
}

/** Runs a Node section script to completion; returns the JSON it emitted (bench/lib/emit.mjs). */
export function runJson(args, { timeoutMs = 600_000, onLine, env } = {}) {
  hook();
  const dir = mkdtempSync(path.join(tmpdir(), "ec2-wasm-bench-"));
  const file = path.join(dir, "result.json");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...(env ?? process.env), BENCH_RESULT_FILE: file } });
    live.add(child);
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d) => {
      err += d;
      if (onLine) for (const l of d.split("\n")) if (l.trim()) onLine(l);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {}
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      live.delete(child);
      clearTimeout(timer);
      let result = null;
      try {
        if (existsSync(file)) result = JSON.parse(readFileSync(file, "utf8"));
      } catch {}
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} failed (${code ?? signal})\n${err.slice(-4000)}`));
      if (result === null) return reject(new Error(`node ${args.join(" ")}: no result file\n${out.slice(-2000)}\n${err.slice(-2000)}`));
      resolve(result);
    });
  });
}
