// Child processes and ports for the end-to-end tests: free ports picked at run time, children killed by PID
// when the test stops them, and also when this process exits or is interrupted.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const children = new Set();
let hooked = false;

function killAll() {
  for (const child of children) {
    try {
      process.kill(child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  children.clear();
}

function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAll);
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ]) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running child. Returns { child, output(), stop() }; output() is everything it printed so
 * far (for error messages). stop() kills it by PID and resolves when it has exited.
 */
export function startChild(command, args, options = {}) {
  hookExit();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  children.add(child);
  let output = "";
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.setEncoding("utf8").on("data", keep);
  child.stderr.setEncoding("utf8").on("data", keep);
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
    child.on("error", (error) => {
      children.delete(child);
      keep(`\n[spawn error] ${error.message}\n`);
      resolve({ code: null, signal: null, error });
    });
  });
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(child.pid, "SIGTERM");
        } catch {
          // already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }, 3000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/**
 * Runs a command to completion (killed after timeoutMs). Resolves { code, signal, stdout, stderr }; never
 * rejects for a non-zero exit, so the caller can put the output in its assertion message.
 */
export function runChild(command, args, { timeoutMs = 60_000, input, ...options } = {}) {
  hookExit();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], ...options });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]\n`;
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: null, signal: null, stdout, stderr: `${stderr}\n[spawn error] ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input ?? "");
  });
}

/** Polls fn() until it resolves truthy or timeoutMs passes; `alive()` returning false aborts early. */
export async function waitFor(what, fn, { timeoutMs = 20_000, intervalMs = 50, alive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${what}: process exited while waiting`);
    try {
      if (await fn()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms${lastError ? ` (${lastError.message})` : ""}`);
}
