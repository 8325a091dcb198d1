// "Snapshots of this volume": DescribeSnapshots by volume-id, own snapshots only, page by page with the
// paginator, shown newest first. Each page uses a fresh client made from the form's current values.
import { h } from "./dom.js";
import { formatMember } from "./format.js";
import { newestFirst } from "./follow-format.js";

const PAGE_SIZE = 5; // EC2's smallest MaxResults: "More" shows up soon in a demo

export function createSnapshotsTable(root, { onPick }) {
  const body = root.querySelector("tbody");
  const volume = root.querySelector("[data-role=snapshots-volume]");
  const status = root.querySelector("[data-role=snapshots-status]");
  const more = root.querySelector("[data-role=snapshots-more]");
  const fresh = (volumeId = null) => ({ volumeId, token: undefined, snapshots: new Map() });
  let list = fresh();

  function row(s) {
    const { text, datetime, title } = s.StartTime ? formatMember("StartTime", new Date(s.StartTime)) : { text: "—" };
    const state = String(s.State ?? "unknown");
    return h(
      "tr",
      { "data-snapshot-id": s.SnapshotId },
      h("th", { scope: "row" }, h("button", { type: "button", class: "link-button row-button", "aria-label": `Follow ${s.SnapshotId}` }, h("code", {}, s.SnapshotId))),
      h("td", {}, h("span", { class: `badge state-${state.replace(/[^a-z-]/gi, "")}` }, state)),
      h("td", { "data-col": "progress" }, s.Progress ?? "—"),
      h("td", {}, datetime ? h("time", { datetime, title }, text) : text),
      h("td", {}, s.Description ?? ""),
    );
  }

  function render() {
    body.replaceChildren(...newestFirst([...list.snapshots.values()]).map(row));
    const n = list.snapshots.size;
    status.textContent = n ? `${n} snapshot${n === 1 ? "" : "s"}${list.token ? ", more to load" : ""}.` : "No snapshots of this volume.";
    more.hidden = !list.token;
  }

  /** Loads the next page (the first one when `volumeId` is new) with `config`. */
  async function load(sdk, config, volumeId) {
    if (volumeId !== list.volumeId) list = fresh(volumeId);
    const mine = list;
    root.hidden = false;
    volume.textContent = volumeId;
    status.textContent = "Loading…";
    more.setAttribute("aria-disabled", "true");
    const client = new sdk.EC2Client(config);
    const input = { Filters: [{ Name: "volume-id", Values: [volumeId] }], OwnerIds: ["self"] };
    try {
      for await (const page of sdk.paginateDescribeSnapshots({ client, pageSize: PAGE_SIZE, startingToken: mine.token }, input)) {
        if (mine !== list) return;
        for (const s of page.Snapshots ?? []) mine.snapshots.set(s.SnapshotId, s);
        mine.token = page.NextToken;
        break; // one page per click
      }
      render();
    } catch (error) {
      if (mine === list) status.textContent = `Could not list snapshots: ${error?.name ?? "Error"}: ${error?.message ?? error}`;
    } finally {
      client.destroy();
      more.removeAttribute("aria-disabled");
    }
  }

  /** Updates one listed snapshot (from a poll of the follow panel). */
  function update(s) {
    if (!list.snapshots.has(s.SnapshotId)) return;
    list.snapshots.set(s.SnapshotId, { ...list.snapshots.get(s.SnapshotId), ...s });
    render();
  }

  /** Forgets the loaded pages: the next load starts from the first. */
  function reset() {
    list = fresh();
  }

  body.addEventListener("click", (event) => {
    const tr = event.target.closest("tr[data-snapshot-id]");
    if (tr) onPick(tr.dataset.snapshotId);
  });
  return { load, update, reset, volumeId: () => list.volumeId };
}
