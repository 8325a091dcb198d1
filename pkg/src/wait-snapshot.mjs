// The SnapshotCompleted waiter (botocore's waiters-2 model, as @aws-sdk/client-ec2 generates it):
// polls DescribeSnapshots every 15–120 s. Plus an ec2-wasm extension: `onProgress`.
import { DescribeSnapshotsCommand } from "./commands.generated.mjs";
import { WaiterState, checkExceptions, createWaiter } from "./waiter.mjs";

const DEFAULTS = { minDelay: 15, maxDelay: 120 };
const PERCENT = /^(\d{1,3}(?:\.\d+)?)%$/;

/** `"37%"` → 37; anything that is not a percentage from 0 to 100 → undefined. */
export function percent(progress) {
  const m = typeof progress === "string" ? PERCENT.exec(progress) : null;
  const n = m ? Number(m[1]) : NaN;
  return n >= 0 && n <= 100 ? n : undefined;
}

/**
 * The acceptors: SUCCESS when there is at least one snapshot and every State is "completed", FAILURE
 * when any is "error", RETRY otherwise, a missing `Snapshots` and every service error included.
 */
function acceptors(output) {
  let states;
  try {
    states = [].concat(...output.Snapshots).map((s) => s.State);
  } catch {
    return WaiterState.RETRY;
  }
  if (states.length > 0 && states.every((s) => s === "completed")) return WaiterState.SUCCESS;
  if (states.some((s) => s === "error")) return WaiterState.FAILURE;
  return WaiterState.RETRY;
}

/** One poll: DescribeSnapshots, then `onProgress` (unless the wait was aborted), then the acceptors. */
function checker(params) {
  const onProgress = params?.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new TypeError("onProgress: must be a function");
  }
  const signals = [params?.abortSignal, params?.abortController?.signal];
  let polls = 0;
  return async (client, input, deadlineSignal) => {
    let output;
    polls += 1;
    try {
      output = await client.send(new DescribeSnapshotsCommand(input), { abortSignal: deadlineSignal });
    } catch (e) {
      return { state: WaiterState.RETRY, reason: e };
    }
    if (onProgress && !deadlineSignal?.aborted && !signals.some((s) => s?.aborted)) {
      const snapshots = Array.isArray(output?.Snapshots) ? output.Snapshots : [];
      onProgress(snapshots, { progress: snapshots.map((s) => percent(s?.Progress)), polls, output });
    }
    return { state: acceptors(output), reason: output };
  };
}

/** @deprecated Use waitUntilSnapshotCompleted: this one resolves to the result in every case. */
export async function waitForSnapshotCompleted(params, input) {
  return createWaiter({ ...DEFAULTS, ...params }, input, checker(params));
}

/** Waits until every snapshot is `completed`; throws on `error`, timeout or abort. */
export async function waitUntilSnapshotCompleted(params, input) {
  return checkExceptions(await createWaiter({ ...DEFAULTS, ...params }, input, checker(params)));
}
