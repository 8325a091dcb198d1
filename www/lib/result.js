// The outcome of a send: the result card for a snapshot, or the panel for an error (DryRunOperation
// included, which is EC2 saying "this would have worked").
import { h } from "./dom.js";
import { OUTPUT_MEMBERS, explainError, formatMember, isNetworkError, outputRows } from "./format.js";

const CODE_MEMBERS = new Set(["SnapshotId", "VolumeId", "OwnerId", "KmsKeyId", "DataEncryptionKeyId", "OutpostArn"]);

function valueNode(name, value) {
  const { text, title, datetime } = formatMember(name, value);
  if (datetime) return h("time", { datetime, title }, text);
  if (name === "State") return h("span", { class: `badge state-${String(value).replace(/[^a-z-]/gi, "")}` }, text);
  if (CODE_MEMBERS.has(name)) return h("code", { title }, text);
  return title ? h("span", { title }, text) : text;
}

function tagsTable(tags) {
  if (!tags.length) return h("p", { class: "muted", "data-member": "Tags" }, "No tags.");
  return h(
    "table",
    { class: "tags", "data-member": "Tags" },
    h("caption", {}, `Tags (${tags.length})`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Key"), h("th", { scope: "col" }, "Value"))),
    h(
      "tbody",
      {},
      tags.map((t) => h("tr", {}, h("td", {}, t.Key ?? ""), h("td", {}, t.Value ?? ""))),
    ),
  );
}

function metadataList(metadata, elapsedMs) {
  const rows = [
    ["requestId", "Request ID", metadata?.requestId ?? "none (no response)"],
    ["httpStatusCode", "HTTP status", metadata?.httpStatusCode ?? "—"],
    ["attempts", "Attempts", metadata?.attempts ?? "—"],
  ];
  if (metadata?.totalRetryDelay) rows.push(["totalRetryDelay", "Retry delay", `${metadata.totalRetryDelay} ms`]);
  if (elapsedMs !== undefined) rows.push(["elapsed", "Round trip", `${Math.round(elapsedMs)} ms`]);
  return h(
    "dl",
    { class: "fields compact" },
    rows.map(([key, label, value]) => h("div", { class: "field", "data-meta": key }, h("dt", {}, label), h("dd", {}, key === "requestId" ? h("code", {}, String(value)) : String(value)))),
  );
}

/** The result card for a created snapshot: every member of the output. */
export function snapshotCard(output, { elapsedMs } = {}) {
  const { rows, absent } = outputRows(output);
  const fields = rows.filter((r) => r.name !== "Tags");
  const tags = rows.find((r) => r.name === "Tags");
  return h(
    "article",
    { class: "card card-success", id: "result-card", "aria-labelledby": "result-title" },
    h(
      "header",
      { class: "card-header" },
      h("h2", { id: "result-title", tabindex: "-1" }, "Snapshot created"),
      h("p", { class: "lede" }, h("code", { "data-role": "snapshot-id" }, output.SnapshotId ?? "(no SnapshotId)"), " of ", h("code", {}, output.VolumeId ?? "?")),
    ),
    h(
      "dl",
      { class: "fields" },
      fields.map((r) => h("div", { class: "field", "data-member": r.name }, h("dt", {}, r.label), h("dd", {}, valueNode(r.name, r.value)))),
    ),
    tags ? tagsTable(tags.value) : null,
    h("h3", {}, "Response"),
    metadataList(output.$metadata, elapsedMs),
    absent.length
      ? h(
          "details",
          { class: "absent" },
          h("summary", {}, `Not in this response (${absent.length} of ${OUTPUT_MEMBERS.length} members)`),
          h("p", {}, absent.map((name, i) => [i ? ", " : "", h("code", {}, name)])),
        )
      : null,
  );
}

/** The panel for a rejected send: name, message, request id and what to do. */
export function errorPanel(error, { elapsedMs } = {}) {
  const { tone, title, hint } = explainError(error);
  const name = error?.name ?? "Error";
  return h(
    "section",
    { class: `card card-${tone}`, id: "error-panel", "data-error-name": name, "aria-labelledby": "error-title" },
    h(
      "header",
      { class: "card-header" },
      h("h2", { id: "error-title", tabindex: "-1" }, title),
      tone === "success" || isNetworkError(error) ? h("p", { class: "lede" }, h("code", { "data-role": "error-name" }, name)) : null,
    ),
    h("p", { class: "message", "data-role": "error-message" }, error?.message || "(no message)"),
    metadataList(error?.$metadata, elapsedMs),
    h("p", { class: "hint", "data-role": "hint" }, h("strong", {}, tone === "success" ? "Next: " : "What to do: "), hint),
  );
}
