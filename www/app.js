// The console page: reads the form, sends CreateSnapshot with ec2-wasm, shows the result card or the
// error panel. Credentials live in the inputs and in the config object of one send, nowhere else:
// no storage, no cookies, no URL. With a Cognito identity pool they live in one provider's closure
// (lib/connection.js); only the identity id is stored, as the AWS SDK stores it.
import { createTagsEditor, clearFieldErrors, readForm, showFieldErrors } from "./lib/form.js";
import { errorPanel, snapshotCard } from "./lib/result.js";
import { explainError, isLocalError, validationTarget } from "./lib/format.js";
import { createFollowPanel } from "./lib/follow.js";
import { createSnapshotsTable } from "./lib/snapshots.js";
import { connect, forgetCognito } from "./lib/connection.js";

const form = document.getElementById("snapshot-form");
const submit = document.getElementById("submit");
const cancel = document.getElementById("cancel");
const progress = document.getElementById("progress");
const outcome = document.getElementById("outcome");
const tags = createTagsEditor(document.getElementById("tags"));
const table = createSnapshotsTable(document.getElementById("snapshots"), { onPick: (id) => followFromForm(id) });
const panel = createFollowPanel(document.getElementById("follow"), { onSnapshot: (s) => table.update(s) });

/** The ec2-wasm module, once loaded. */
let sdk = null;
/** The AbortController of the send in flight. */
let inFlight = null;

function setProgress(text, state = "idle") {
  progress.textContent = text;
  progress.dataset.state = state;
}

function setBusy(busy) {
  // aria-disabled rather than disabled: the button keeps keyboard focus while the request runs.
  submit.setAttribute("aria-disabled", String(busy));
  submit.textContent = busy ? "Creating snapshot…" : "Create snapshot";
  form.setAttribute("aria-busy", String(busy));
  cancel.hidden = !busy;
}

function showOutcome(node) {
  outcome.replaceChildren(...(node ? [node] : []));
}

/** Where a ConfigurationError belongs: the package names the setting in its message. */
function configProblem(error) {
  const message = error.message ?? String(error);
  if (/endpoint/i.test(message)) return { field: "endpoint", message };
  if (/region/i.test(message)) return { field: "region", message };
  if (error.name === "CredentialsProviderError") return { field: form.querySelector("#identity-pool-id").value.trim() ? "identityPoolId" : "accessKeyId", message };
  return { field: null, message };
}

async function send(event) {
  event.preventDefault();
  if (!sdk || inFlight) return;
  const read = readForm(form, tags);
  const { input, problems } = read;
  if (problems.length) {
    showFieldErrors(form, tags, problems);
    setProgress(`Not sent: ${problems.length === 1 ? "one field needs" : `${problems.length} fields need`} attention.`, "invalid");
    return;
  }
  clearFieldErrors(form);

  const { sdk: api, config } = connect(sdk, read);
  const client = new api.EC2Client(config);
  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  const target = config.endpoint ?? `EC2 in ${config.region}`;
  setProgress(`${input.DryRun ? "Dry run: sending" : "Sending"} CreateSnapshot to ${target}…`, "busy");
  const started = performance.now();
  try {
    const output = await client.send(new api.CreateSnapshotCommand(input), { abortSignal: controller.signal });
    const elapsedMs = performance.now() - started;
    showOutcome(snapshotCard(output, { elapsedMs }));
    setProgress(`Snapshot ${output.SnapshotId} created (${output.State ?? "state unknown"}).`, "done");
    // a client of its own for each: this send's client is destroyed below
    panel.follow(api, config, output.SnapshotId);
    table.reset();
    table.load(api, config, output.VolumeId ?? input.VolumeId);
  } catch (error) {
    const elapsedMs = performance.now() - started;
    if (isLocalError(error)) {
      // Refused by the package before anything was sent: show it at the field it names.
      const problem = error.name === "ValidationError" ? { ...validationTarget(error.field), message: error.message } : configProblem(error);
      showOutcome(null);
      showFieldErrors(form, tags, [problem]);
      setProgress("Not sent: the SDK rejected the input.", "invalid");
    } else {
      showOutcome(errorPanel(error, { elapsedMs }));
      const { tone, title } = explainError(error);
      setProgress(tone === "success" ? `${title}.` : `Failed: ${title}.`, tone === "success" ? "done" : "failed");
    }
  } finally {
    client.destroy();
    inFlight = null;
    setBusy(false);
  }
}

/**
 * The form's `{ sdk, config }` (lib/connection.js) for a DescribeSnapshots (following, listing), or null after
 * showing what is missing. Read again for each use: nothing keeps them between clicks.
 */
function connection() {
  const read = readForm(form, tags);
  const missing = read.problems.filter((p) => p.field !== "tags");
  if (!missing.length) return connect(sdk, read);
  showFieldErrors(form, tags, missing);
  setProgress("Not sent: the connection needs attention.", "invalid");
  return null;
}

function followFromForm(snapshotId) {
  const c = sdk && connection();
  if (c) panel.follow(c.sdk, c.config, snapshotId);
}

function listFromForm(volumeId) {
  const c = sdk && connection();
  if (c) table.load(c.sdk, c.config, volumeId);
}

/** make demo serves demo/config.json with the local emulator's endpoint, region, keys and volume. */
async function prefill() {
  let demo;
  try {
    const res = await fetch("demo/config.json", { cache: "no-store", credentials: "same-origin" });
    if (!res.ok || !res.headers.get("content-type")?.includes("json")) return;
    demo = await res.json();
  } catch {
    return; // not served by make demo: nothing to prefill
  }
  const fields = {
    region: demo.region,
    endpoint: demo.endpoint,
    "access-key-id": demo.accessKeyId,
    "secret-access-key": demo.secretAccessKey,
    "volume-id": demo.volumeId,
    "identity-pool-id": demo.identityPoolId,
    "cognito-endpoint": demo.cognitoEndpoint,
    "signing-host": demo.signingHost,
  };
  for (const [id, value] of Object.entries(fields)) {
    // .value, never the value attribute: the secret stays out of the DOM's markup.
    if (typeof value === "string" && !form.querySelector(`#${id}`).value) form.querySelector(`#${id}`).value = value;
  }
  const banner = document.getElementById("demo-banner");
  banner.querySelector("[data-role=demo-text]").textContent = demo.note ?? "Prefilled by make demo.";
  banner.hidden = false;
}

async function loadSdk() {
  try {
    sdk = await import("ec2-wasm");
  } catch (error) {
    const box = document.getElementById("load-error");
    box.querySelector("[data-role=detail]").textContent = String(error?.message ?? error);
    box.hidden = false;
    submit.textContent = "Unavailable";
    return;
  }
  submit.disabled = false;
  submit.textContent = "Create snapshot";
}

form.addEventListener("submit", send);
const snapshots = document.getElementById("snapshots");
snapshots.querySelector("[data-role=snapshots-more]").addEventListener("click", (e) => {
  if (e.currentTarget.getAttribute("aria-disabled") !== "true") listFromForm(table.volumeId());
});
snapshots.querySelector("[data-role=snapshots-refresh]").addEventListener("click", () => {
  const volumeId = table.volumeId();
  table.reset();
  listFromForm(volumeId);
});
cancel.addEventListener("click", () => inFlight?.abort());
document.getElementById("forget-credentials").addEventListener("click", () => {
  for (const id of ["access-key-id", "secret-access-key", "session-token"]) form.querySelector(`#${id}`).value = "";
  forgetCognito();
  panel.stop(); // its client holds the keys
  setProgress("Credentials cleared from the page.");
  form.querySelector("#access-key-id").focus();
});

await Promise.all([loadSdk(), prefill()]);
if (sdk) document.documentElement.dataset.ready = "true";
