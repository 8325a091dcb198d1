// The form: the tags editor, reading the fields into client config + command input, and showing
// per-field errors (aria-invalid + aria-describedby, focus on the first one).
import { h } from "./dom.js";

/** Form field name -> the element that carries the error (an input, or a fieldset for groups). */
const FIELD_ELEMENTS = {
  region: "region",
  endpoint: "endpoint",
  signingHost: "signing-host",
  identityPoolId: "identity-pool-id",
  cognitoEndpoint: "cognito-endpoint",
  accessKeyId: "access-key-id",
  secretAccessKey: "secret-access-key",
  sessionToken: "session-token",
  volumeId: "volume-id",
  description: "description",
  tags: "tags",
  location: "location",
  dryRun: "dry-run",
};

/** The tags editor: rows of Key/Value inputs with a Remove button each, and an "Add tag" button. */
export function createTagsEditor(fieldset) {
  const list = fieldset.querySelector("#tag-list");
  const empty = fieldset.querySelector("#tags-empty");
  const addButton = fieldset.querySelector("#add-tag");

  const renumber = () => {
    const rows = [...list.children];
    rows.forEach((row, i) => {
      const n = i + 1;
      row.querySelector(".tag-key").setAttribute("aria-label", `Tag ${n} key`);
      row.querySelector(".tag-value").setAttribute("aria-label", `Tag ${n} value`);
      row.querySelector(".tag-remove").setAttribute("aria-label", `Remove tag ${n}`);
    });
    empty.hidden = rows.length > 0;
  };

  const add = (key = "", value = "") => {
    const keyInput = h("input", { class: "tag-key", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "Key", maxlength: "128", "aria-describedby": "tags-error" });
    const valueInput = h("input", { class: "tag-value", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "Value", maxlength: "256", "aria-describedby": "tags-error" });
    keyInput.value = key;
    valueInput.value = value;
    const remove = h("button", { type: "button", class: "tag-remove secondary" }, "Remove");
    const row = h("li", { class: "tag-row" }, keyInput, valueInput, remove);
    remove.addEventListener("click", () => {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      renumber();
      (next?.querySelector(".tag-key") ?? addButton).focus();
    });
    list.append(row);
    renumber();
    return row;
  };

  addButton.addEventListener("click", () => add().querySelector(".tag-key").focus());
  renumber();

  return {
    add,
    /** Every row as { key, value, row } (trimmed). */
    rows: () =>
      [...list.children].map((row) => ({
        row,
        key: row.querySelector(".tag-key").value.trim(),
        value: row.querySelector(".tag-value").value.trim(),
      })),
    /** The input of row `index` (0-based), part "Key" or "Value". */
    input: (index, part = "Key") => list.children[index]?.querySelector(part === "Value" ? ".tag-value" : ".tag-key") ?? null,
  };
}

const text = (form, id) => form.querySelector(`#${id}`).value.trim();

/**
 * Reads the form: `{ config, input, problems, connection }`. `config` is EC2ClientConfig (credentials live only
 * in this object and in the inputs), `input` is CreateSnapshot's input with empty fields left out, so
 * that the package's own validation speaks for them ("VolumeId: is required"). `problems` are the
 * simple checks the package cannot make before it has a region and credentials.
 */
export function readForm(form, tags) {
  const problems = [];
  const region = text(form, "region");
  const endpoint = text(form, "endpoint");
  const accessKeyId = text(form, "access-key-id");
  // Secrets are taken as typed: a trailing space is part of a wrong secret, not something to hide.
  const secretAccessKey = form.querySelector("#secret-access-key").value;
  const sessionToken = text(form, "session-token");

  const identityPoolId = text(form, "identity-pool-id");
  const cognitoEndpoint = text(form, "cognito-endpoint");
  const signingHost = text(form, "signing-host");

  if (!region) problems.push({ field: "region", message: "Enter a region, for example us-east-1." });
  if (identityPoolId) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f-]+$/.test(identityPoolId)) problems.push({ field: "identityPoolId", message: "An identity pool ID looks like us-east-1:0a1b2c3d-4e5f-…" });
  } else {
    if (!accessKeyId) problems.push({ field: "accessKeyId", message: "Enter an access key ID, or an identity pool ID." });
    if (!secretAccessKey) problems.push({ field: "secretAccessKey", message: "Enter the secret access key." });
  }
  if (signingHost && !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(signingHost)) problems.push({ field: "signingHost", message: "A host name, with a port if needed: ec2.us-east-1.amazonaws.com" });

  const tagList = [];
  tags.rows().forEach(({ key, value }, i) => {
    if (!key && !value) return; // an empty row is ignored
    if (!key) problems.push({ field: "tags", tagIndex: i, tagPart: "Key", message: `Tag ${i + 1}: enter a key, or remove the row.` });
    tagList.push({ Key: key, Value: value });
  });

  const config = {
    region,
    ...(identityPoolId ? {} : { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }),
    ...(endpoint ? { endpoint } : {}),
  };
  // The Cognito pool (app.js turns it into a credentials provider) and the relay's signing host.
  const connection = {
    cognito: identityPoolId ? { identityPoolId, region: identityPoolId.split(":")[0], ...(cognitoEndpoint ? { endpoint: cognitoEndpoint } : {}) } : null,
    signingHost: signingHost || null,
  };

  const volumeId = text(form, "volume-id");
  const description = form.querySelector("#description").value;
  const location = form.querySelector('input[name="location"]:checked')?.value ?? "";
  const input = {
    VolumeId: volumeId || undefined,
    ...(description.trim() ? { Description: description } : {}),
    ...(tagList.length ? { TagSpecifications: [{ ResourceType: "snapshot", Tags: tagList }] } : {}),
    ...(location ? { Location: location } : {}),
    ...(form.querySelector("#dry-run").checked ? { DryRun: true } : {}),
  };
  return { config, input, problems, connection };
}

/** Clears every field error. */
export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute("aria-invalid");
  for (const el of form.querySelectorAll(".field-error")) {
    el.textContent = "";
    el.hidden = true;
  }
}

/**
 * Shows problems next to their fields ({ field, message, tagIndex?, tagPart? }; field null -> the
 * form-level error) and moves focus to the first one.
 */
export function showFieldErrors(form, tags, problems) {
  clearFieldErrors(form);
  let first = null;
  for (const p of problems) {
    const id = FIELD_ELEMENTS[p.field] ?? "form";
    const box = form.querySelector(`#${id}-error`);
    box.textContent = box.textContent ? `${box.textContent} ${p.message}` : p.message;
    box.hidden = false;
    let target = form.querySelector(`#${id}`);
    if (p.field === "tags" && p.tagIndex !== undefined) target = tags.input(p.tagIndex, p.tagPart) ?? target;
    if (p.field === "location") target = form.querySelector('input[name="location"]:checked') ?? form.querySelector('input[name="location"]');
    if (target && target.tagName !== "FIELDSET" && target.tagName !== "FORM") target.setAttribute("aria-invalid", "true");
    first ??= target;
  }
  (first && first.tagName !== "FORM" ? first : form.querySelector("#form-error"))?.focus();
}
