// The retry loop: decisions come from the core's RetryStrategy; this loop only waits, counts and
// queues sends for adaptive mode's send window.
import { INTERNAL, retryFailure, retryStep } from "./calls.mjs";
import {
  OP_RETRY_ABANDON,
  OP_RETRY_ACQUIRE,
  OP_RETRY_BEGIN,
  OP_RETRY_ERROR,
  OP_RETRY_FREE_SLOTS,
  OP_RETRY_SUCCESS,
  STRATEGY_CLOCK_OFFSET as CLOCK_OFFSET,
  STRATEGY_MODE as MODE,
  TOKEN_ATTEMPTS as ATTEMPTS,
  TOKEN_SKEW_CORRECTED as SKEW_CORRECTED,
  TOKEN_TOTAL_DELAY as TOTAL_DELAY,
} from "./contract.generated.mjs";
import { ServiceException, abortError } from "./errors.mjs";
import { sleep, uuid } from "./platform.mjs";
import { hasAge, retryHintMs, serverDateMs } from "./retry-headers.mjs";
import { withRetryStrategy } from "./retry-strategy.mjs";

/**
 * Runs attempts until one succeeds or the core's strategy says stop. `attemptFn(attempt, max,
 * invocationId, signingTimeMs)` resolves to `{ output, response }`. `client` is the EC2Client: its
 * config, `_maxAttempts()`, `_retry()` and `_state`.
 */
export async function withRetries(client, attemptFn, abortSignal) {
  const cfg = client.config;
  // A user's retryStrategy replaces the core's (as in the SDK, retryMode then does nothing).
  const userStrategy = cfg.retryStrategy ? await cfg.retryStrategy() : undefined;
  if (userStrategy) return withRetryStrategy(client, userStrategy, attemptFn, abortSignal);
  const maxAttempts = await client._maxAttempts();
  const st = client._retry(maxAttempts);
  const s = client._state;
  const tok = s.tokenTemplate.slice();
  const invocationId = uuid();
  // Adaptive mode's send window (src/retry/send_window.rs): the acquire step answers Infinity while it
  // is full; the sends waiting for it queue on the client and are woken as attempts end.
  const waiters = s.waiters;
  const wake = () => {
    if (waiters.length === 0) return;
    const free = retryStep(OP_RETRY_FREE_SLOTS, st, tok, "");
    for (let n = Math.min(free, waiters.length); n > 0; n--) waiters.shift()();
  };
  const sendSlot = () =>
    new Promise((resolve, reject) => {
      if (abortSignal?.aborted) return reject(abortError(abortSignal));
      const onAbort = () => {
        const i = waiters.indexOf(ready);
        if (i >= 0) waiters.splice(i, 1);
        reject(abortError(abortSignal));
      };
      const ready = () => {
        abortSignal?.removeEventListener?.("abort", onAbort);
        resolve();
      };
      waiters.push(ready);
      abortSignal?.addEventListener?.("abort", onAbort, { once: true });
    });
  // Standard mode never waits for a send token (no limiter, no send window): skip the call.
  const acquire = st[MODE] === 0 ? () => 0 : () => retryStep(OP_RETRY_ACQUIRE, st, tok, "", Date.now());
  let inFlight = false;
  try {
    for (;;) {
      for (let wait = acquire(); wait > 0; wait = acquire()) {
        await (wait === Infinity ? sendSlot() : sleep(wait, abortSignal));
      }
      inFlight = true;
      st[CLOCK_OFFSET] = cfg.systemClockOffset;
      const signingTime = retryStep(OP_RETRY_BEGIN, st, tok, "", Date.now());
      const attempt = tok[ATTEMPTS];
      try {
        const out = await attemptFn(attempt, maxAttempts, invocationId, signingTime);
        const h = out.response?.headers ?? {};
        const date = serverDateMs(h);
        retryStep(OP_RETRY_SUCCESS, st, tok, "", date == null ? 0 : 1, date ?? 0, hasAge(h) ? 1 : 0, Date.now());
        inFlight = false;
        wake();
        cfg.systemClockOffset = st[CLOCK_OFFSET];
        out.output.$metadata.attempts = attempt;
        out.output.$metadata.totalRetryDelay = tok[TOTAL_DELAY];
        return out;
      } catch (err) {
        if (!err || typeof err !== "object" || err.name === "AbortError" || err[INTERNAL] || abortSignal?.aborted) {
          throw abortSignal?.aborted ? abortError(abortSignal) : err;
        }
        const res = err.$response;
        const service = err instanceof ServiceException;
        const now = Date.now();
        const date = serverDateMs(res?.headers);
        const delay = retryFailure(
          OP_RETRY_ERROR,
          st,
          tok,
          err.$transport ? String(err.$transport) : "Other",
          service ? String(err.name ?? "") : "",
          service ? String(err.message ?? "") : "",
          res?.statusCode ?? 0,
          retryHintMs(res?.headers, now),
          date == null ? 0 : 1,
          date ?? 0,
          hasAge(res?.headers) ? 1 : 0,
          Math.random(),
          now,
        );
        inFlight = false;
        wake();
        cfg.systemClockOffset = st[CLOCK_OFFSET];
        if (delay < 0) {
          err.$metadata ??= {};
          err.$metadata.attempts = attempt;
          err.$metadata.totalRetryDelay = tok[TOTAL_DELAY];
          if (tok[SKEW_CORRECTED] === 1) err.$metadata.clockSkewCorrected = true;
          delete err.$transport;
          throw err;
        }
        await sleep(delay, abortSignal);
      }
    }
  } finally {
    if (inFlight) {
      try {
        retryStep(OP_RETRY_ABANDON, st, tok, "");
        wake();
      } catch {}
    }
  }
}
