// The SDK's waiter engine (@smithy/core/client, formerly @smithy/util-waiter): option checks, the
// polling loop with exponential backoff and jitter, abort, and the errors a `waitUntil*` throws.
// A waiter supplies `check(client, input)` resolving to `{ state, reason }`.
import { namedError } from "./errors.mjs";

/** A waiter's outcome (the SDK's `WaiterState` enum). */
export const WaiterState = { ABORTED: "ABORTED", FAILURE: "FAILURE", SUCCESS: "SUCCESS", RETRY: "RETRY", TIMEOUT: "TIMEOUT" };

const SERVICE_DEFAULTS = { minDelay: 2, maxDelay: 120 };
const ABORTED_SEEN = "AbortController signal aborted.";
const LATE = Symbol("late");

// The wait's own clock is monotonic where the platform has one (every runtime this package supports):
// the SDK measures maxWaitTime with Date.now(), so a wall clock set back an hour mid-wait makes its wait an
// hour longer, and one set forward ends it at once. Signing still uses the wall clock (it must).
const perf = globalThis.performance;
const now = typeof perf?.now === "function" ? () => perf.now() : () => Date.now();

/** JSON with the SDK's replacer: any object met a second time becomes "[Circular]". */
function stringify(value) {
  const seen = new WeakSet();
  return JSON.stringify(value, (_, v) => {
    if (typeof v === "object" && v !== null) {
      if (seen.has(v)) return "[Circular]";
      seen.add(v);
    }
    return v;
  });
}

function validate(o) {
  const p = "WaiterConfiguration.";
  if (o.maxWaitTime <= 0) throw new Error(`${p}maxWaitTime must be greater than 0`);
  if (o.minDelay <= 0) throw new Error(`${p}minDelay must be greater than 0`);
  if (o.maxDelay <= 0) throw new Error(`${p}maxDelay must be greater than 0`);
  if (o.maxWaitTime <= o.minDelay) {
    throw new Error(`${p}maxWaitTime [${o.maxWaitTime}] must be greater than ${p}minDelay [${o.minDelay}] for this waiter`);
  }
  if (o.maxDelay < o.minDelay) {
    throw new Error(`${p}maxDelay [${o.maxDelay}] must be greater than ${p}minDelay [${o.minDelay}] for this waiter`);
  }
}

/** The key a poll's result is counted under in `observedResponses` ("200: OK", "400: <message>"…). */
function describe(reason) {
  const status = reason?.$response?.statusCode ?? reason?.$metadata?.httpStatusCode;
  if (reason?.$responseBodyText) return `${status ? status + ": " : ""}Deserialization error for body: ${reason.$responseBodyText}`;
  if (status) return reason?.$response || reason?.message ? `${status}: ${reason?.message}` : `${status}: OK`;
  return String(reason?.message ?? stringify(reason) ?? "Unknown");
}

/** The delay before poll `attempt + 1`: doubling from minDelay, jittered, capped; clipped near the deadline. */
function backoff(minMs, maxMs, attempt, deadline) {
  if (attempt > Math.log(maxMs / minMs) / Math.log(2) + 1) return maxMs;
  const capped = Math.min(minMs * 2 ** (attempt - 1), maxMs);
  const ms = minMs + Math.random() * (capped - minMs);
  if (now() + ms > deadline) return Math.max(0, deadline - now() - 500);
  return ms;
}

/** After a minute of polling, warns once when 403s dominate (to the client's logger, else the console). */
function warn403(observed, client) {
  const keys = Object.keys(observed);
  let n = 0;
  for (const k of keys) if (k.startsWith("403:")) n += observed[k] | 0;
  const logger = client?.config?.logger;
  const log = typeof logger?.warn === "function" && !logger.constructor?.name?.includes?.("NoOpLogger") ? logger : console;
  if (n >= 3 || keys[keys.length - 1]?.startsWith("403:")) {
    log.warn("@smithy/util-waiter WARN - 403 status code encountered during waiter polling.");
  }
}

/**
 * One poll, or LATE when the deadline passes first; the poll's request is then aborted. (The SDK awaits
 * every poll to its end, so a hanging credentials provider or a stalled response holds its waiter past
 * maxWaitTime for as long as it hangs.)
 */
async function pollBefore(deadline, run) {
  const abort = new AbortController();
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - now()), LATE);
  });
  const polling = run(abort.signal);
  try {
    const result = await Promise.race([polling, late]);
    if (result === LATE) {
      abort.abort();
      polling.catch(() => {}); // settles later, unobserved
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

async function poll({ minDelay, maxDelay, maxWaitTime, abortController, client, abortSignal }, input, check) {
  const observed = {};
  const count = (key) => {
    observed[key] |= 0;
    observed[key] += 1;
  };
  const [minMs, maxMs] = [minDelay * 1000, maxDelay * 1000];
  const deadline = now() + maxWaitTime * 1000;
  const warnAt = now() + 60_000;
  let warned = false;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      const ms = backoff(minMs, maxMs, attempt, deadline);
      if (abortController?.signal?.aborted || abortSignal?.aborted) {
        count(ABORTED_SEEN);
        return { state: WaiterState.ABORTED, observedResponses: observed };
      }
      if (now() + ms > deadline) return { state: WaiterState.TIMEOUT, observedResponses: observed };
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    const polled = await pollBefore(deadline, (signal) => check(client, input, signal));
    if (polled === LATE) return { state: WaiterState.TIMEOUT, observedResponses: observed };
    const { state, reason } = polled;
    if (reason) count(describe(reason));
    if (state !== WaiterState.RETRY) return { state, reason, final: reason, observedResponses: observed };
    if (!warned && now() >= warnAt) {
      warn403(observed, client);
      warned = true;
    }
  }
}

/** Settles `{ state: ABORTED }` when the signal fires (a listener, or `onabort` for old signals). */
function onAbort(signal) {
  let listener;
  const aborted = new Promise((resolve) => {
    listener = () => resolve({ state: WaiterState.ABORTED });
    if (typeof signal.addEventListener === "function") signal.addEventListener("abort", listener);
    else signal.onabort = listener;
  });
  const clear = () => {
    if (typeof signal.removeEventListener === "function") signal.removeEventListener("abort", listener);
  };
  return { aborted, clear };
}

/**
 * Polls until `check` leaves RETRY, the wait times out or a signal aborts. As in the SDK, an abort
 * settles the result at once while the loop finishes its current sleep and poll in the background.
 */
export async function createWaiter(options, input, check) {
  const params = { ...SERVICE_DEFAULTS, ...options };
  validate(params);
  const exits = [poll(params, input, check)];
  const clears = [];
  for (const signal of [options.abortSignal, options.abortController?.signal]) {
    if (!signal) continue;
    const { aborted, clear } = onAbort(signal);
    clears.push(clear);
    exits.push(aborted);
  }
  const result = await Promise.race(exits);
  for (const clear of clears) clear();
  return result;
}

/** A waiter's result, or the SDK's error for it: AbortError, TimeoutError, else a plain Error. */
export function checkExceptions(result) {
  if (result.state === WaiterState.ABORTED) {
    throw namedError("AbortError", stringify({ ...result, reason: "Request was aborted" }));
  }
  if (result.state === WaiterState.TIMEOUT) {
    throw namedError("TimeoutError", stringify({ ...result, reason: "Waiter has timed out" }));
  }
  if (result.state !== WaiterState.SUCCESS) throw new Error(stringify(result));
  return result;
}
