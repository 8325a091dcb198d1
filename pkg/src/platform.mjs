// Small platform helpers (no `window`: these run in browsers, workers, Node, Deno and Bun).
import { abortError, namedError } from "./errors.mjs";

export const g = globalThis;
export const IS_BROWSER = typeof g.document !== "undefined" || typeof g.importScripts === "function";

export function uuid() {
  if (typeof g.crypto?.randomUUID === "function") return g.crypto.randomUUID();
  const b = new Uint8Array(16);
  g.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function sleep(ms, signal) {
  if (!(ms > 0)) return signal?.aborted ? Promise.reject(abortError(signal)) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError(signal));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener?.("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener?.("abort", onAbort, { once: true });
  });
}

export function env(name) {
  try {
    return g.process?.env?.[name];
  } catch {
    return undefined;
  }
}

// Why the module could not be instantiated (web entry only): every send rejects with it, so a page
// whose Content-Security-Policy refuses WebAssembly still loads and says what to change.
export let WASM_FAILURE;
export function wasmFailed(e) {
  const text = String(e?.message ?? e);
  const csp = /Content.Security.Policy|CSP|unsafe-eval/i.test(text);
  WASM_FAILURE = namedError(
    "WebAssemblyUnavailableError",
    csp
      ? `ec2-wasm cannot compile its WebAssembly module: the page's Content-Security-Policy refuses it. Add 'wasm-unsafe-eval' to script-src (e.g. script-src 'self' 'wasm-unsafe-eval'). (${text})`
      : `ec2-wasm could not load its WebAssembly module: ${text}`,
    { cause: e },
  );
}

