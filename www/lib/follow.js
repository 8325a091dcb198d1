// The follow panel: waits for one snapshot with waitUntilSnapshotCompleted and shows its progress bar,
// state and elapsed time, with a "Stop following" button (an AbortController).
import { formatElapsed, stateTitle } from "./follow-format.js";

/** Short delays for a console; the waiter requires minDelay > 0, maxDelay ≥ minDelay, maxWaitTime > minDelay. */
export const FOLLOW_TIMING = { minDelay: 2, maxDelay: 10, maxWaitTime: 3600 };

export function createFollowPanel(root, { onSnapshot = () => {} } = {}) {
  const title = root.querySelector("[data-role=follow-title]");
  const id = root.querySelector("[data-role=follow-id]");
  const bar = root.querySelector("[role=progressbar]");
  const fill = bar.querySelector(".bar-fill");
  const state = root.querySelector("[data-role=follow-state]");
  const elapsed = root.querySelector("[data-role=follow-elapsed]");
  const message = root.querySelector("[data-role=follow-message]");
  const stop = root.querySelector("[data-role=follow-stop]");
  let current = null; // { controller, timer, started }

  function setPercent(value) {
    if (value === undefined) {
      bar.removeAttribute("aria-valuenow");
      bar.setAttribute("aria-valuetext", "unknown");
      return;
    }
    bar.setAttribute("aria-valuenow", String(value));
    bar.setAttribute("aria-valuetext", `${value}%`);
    fill.style.width = `${value}%`;
    root.querySelector("[data-role=follow-percent]").textContent = `${value}%`;
  }

  function setState(name, text = name) {
    root.dataset.state = name;
    title.textContent = stateTitle(name);
    state.textContent = text;
    state.className = `badge state-${name}`;
  }

  function tick() {
    if (current) elapsed.textContent = formatElapsed(performance.now() - current.started);
  }

  function finish(name, text, detail = "") {
    clearInterval(current?.timer);
    tick();
    current = null;
    setState(name, text);
    message.textContent = detail;
    message.hidden = !detail;
    stop.hidden = true;
  }

  /** Follows `snapshotId` with a client made from `config`; resolves when the wait settles. */
  async function follow(sdk, config, snapshotId) {
    if (current) {
      clearInterval(current.timer);
      current.controller.abort();
    }
    const controller = new AbortController();
    const me = { controller, started: performance.now(), timer: 0 };
    current = me;
    me.timer = setInterval(tick, 1000);
    root.hidden = false;
    id.textContent = snapshotId;
    message.hidden = true;
    stop.hidden = false;
    fill.style.width = "0%";
    root.querySelector("[data-role=follow-percent]").textContent = "…";
    bar.removeAttribute("aria-valuenow");
    setState("pending", "waiting for the first answer");
    tick();
    let last = null;
    const client = new sdk.EC2Client(config);
    try {
      await sdk.waitUntilSnapshotCompleted(
        {
          client,
          ...FOLLOW_TIMING,
          abortSignal: controller.signal,
          onProgress(snapshots, info) {
            if (current !== me) return;
            last = snapshots[0] ?? null;
            if (!last) return setState("pending", "not listed yet");
            setPercent(info.progress[0]);
            setState(last.State ?? "pending", last.State ?? "unknown");
            tick();
            onSnapshot(last);
          },
        },
        { SnapshotIds: [snapshotId] },
      );
      if (current === me) finish("completed", "completed");
    } catch (error) {
      if (current !== me) return; // another follow took over
      if (error?.name === "AbortError") finish("stopped", "not followed", "The snapshot goes on; only this page stopped asking.");
      else if (error?.name === "TimeoutError") finish("timeout", last?.State ?? "unknown", `Not completed after ${formatElapsed(FOLLOW_TIMING.maxWaitTime * 1000)}.`);
      else if (last?.State === "error") finish("error", "error", last.StateMessage || "EC2 gave no StateMessage.");
      else finish("error", "unknown", String(error?.message ?? error));
    } finally {
      client.destroy();
    }
  }

  stop.addEventListener("click", () => current?.controller.abort());
  return { follow, stop: () => current?.controller.abort() };
}
