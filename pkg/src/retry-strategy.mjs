// A user's `retryStrategy` (config key), run as @smithy/core's retry middleware runs one: the SDK's
// RetryStrategyV2 interface (acquireInitialRetryToken / refreshRetryTokenForRetry / recordSuccess,
// so the SDK's own ConfiguredRetryStrategy and StandardRetryStrategy plug in), or the older
// `retry(next, args)` form. Failures are sorted by the core's classifier (src/retry/classify.rs),
// the one the built-in strategy uses.
import { INTERNAL, NO_TOKEN, retryFailure } from "./calls.mjs";
import { OP_RETRY_CLASSIFY } from "./contract.generated.mjs";
import { ServiceException, abortError } from "./errors.mjs";
import { sleep, uuid } from "./platform.mjs";

const ERROR_TYPES = ["THROTTLING", "TRANSIENT", "SERVER_ERROR", "CLIENT_ERROR"];

/** The SDK's RetryErrorInfo for a failed attempt: `{ error, errorType, retryAfterHint? }`. */
export function retryErrorInfo(err) {
  const res = err.$response;
  const service = err instanceof ServiceException;
  const t = String(err.$transport ?? (err.name === "TimeoutError" ? "TimeoutError" : "Other"));
  const kind = retryFailure(OP_RETRY_CLASSIFY, NO_TOKEN, NO_TOKEN, t, service ? `${err.name}` : "", service ? `${err.message}` : "", res?.statusCode ?? 0);
  const info = { error: err, errorType: ERROR_TYPES[kind] };
  // @smithy/core parseRetryAfterHeader: `retry-after` as seconds, else as a date.
  const h = res?.headers?.["retry-after"];
  if (h) {
    const d = Number.isFinite(+h) ? new Date(Date.now() + h * 1000) : new Date(h);
    if (d.getTime() === d.getTime()) info.retryAfterHint = d;
  }
  return info;
}

/**
 * Runs `attemptFn(attempt, max, invocationId, signingTimeMs)` (resolving to `{ output, response }`)
 * under `strategy` as the SDK's retry middleware does: `amz-sdk-request` counts
 * `getRetryCount() + 1` of `maxAttempts`, the token's delay is slept, and `$metadata.attempts` and
 * `totalRetryDelay` are set on the output or on the last error.
 */
export async function withRetryStrategy(client, strategy, attemptFn, abortSignal) {
  const maxAttempts = await client._maxAttempts();
  const invocationId = uuid();
  const attempt = (n) => attemptFn(n, maxAttempts, invocationId, client._now());
  if (typeof strategy.acquireInitialRetryToken !== "function") {
    let n = 0;
    return strategy.retry(() => attempt(++n), {});
  }
  let token = await strategy.acquireInitialRetryToken("");
  let attempts = 0;
  let totalRetryDelay = 0;
  for (;;) {
    try {
      const out = await attempt(attempts + 1);
      strategy.recordSuccess(token);
      out.output.$metadata.attempts = attempts + 1;
      out.output.$metadata.totalRetryDelay = totalRetryDelay;
      return out;
    } catch (err) {
      if (!err || typeof err !== "object" || err.name === "AbortError" || err[INTERNAL] || abortSignal?.aborted) {
        throw abortSignal?.aborted ? abortError(abortSignal) : err;
      }
      const info = retryErrorInfo(err);
      delete err.$transport;
      try {
        token = await strategy.refreshRetryTokenForRetry(token, info);
      } catch {
        if (abortSignal?.aborted) throw abortError(abortSignal);
        err.$metadata ??= {};
        err.$metadata.attempts = attempts + 1;
        err.$metadata.totalRetryDelay = totalRetryDelay;
        throw err;
      }
      attempts = token.getRetryCount();
      const delay = token.getRetryDelay();
      totalRetryDelay += (token.$retryLog?.acquisitionDelay ?? 0) + delay;
      await sleep(delay, abortSignal);
    }
  }
}
