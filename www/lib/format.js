// Pure formatting and error classification for the console: no DOM, so Node can test it directly.

/** Labels and order of the CreateSnapshot output members (the `Snapshot` shape of the EC2 API). */
export const OUTPUT_MEMBERS = [
  ["SnapshotId", "Snapshot ID"],
  ["VolumeId", "Volume ID"],
  ["State", "State"],
  ["StateMessage", "State message"],
  ["Progress", "Progress"],
  ["StartTime", "Started"],
  ["CompletionTime", "Completed"],
  ["CompletionDurationMinutes", "Completion duration"],
  ["VolumeSize", "Volume size"],
  ["FullSnapshotSizeInBytes", "Full snapshot size"],
  ["Description", "Description"],
  ["OwnerId", "Owner account"],
  ["OwnerAlias", "Owner alias"],
  ["Encrypted", "Encrypted"],
  ["KmsKeyId", "KMS key"],
  ["DataEncryptionKeyId", "Data encryption key"],
  ["SseType", "Server-side encryption"],
  ["StorageTier", "Storage tier"],
  ["RestoreExpiryTime", "Restore expires"],
  ["TransferType", "Transfer type"],
  ["AvailabilityZone", "Availability Zone"],
  ["OutpostArn", "Outpost ARN"],
  ["Tags", "Tags"],
];

const BINARY_UNITS = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** 1610612736 -> "1.5 GiB"; exact below 1 KiB ("512 bytes"). */
export function formatBytes(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return String(bytes);
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${n.toLocaleString("en-US")} ${n === 1 ? "byte" : "bytes"}`;
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${Number(value.toFixed(digits)).toLocaleString("en-US")} ${BINARY_UNITS[unit]}`;
}

/**
 * One output member as display text: `{ text, title?, datetime? }`. Times in the viewer's local time
 * (toLocaleString), with the exact ISO instant kept for the `<time datetime>` attribute.
 */
export function formatMember(name, value, locale) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { text: "invalid date" };
    return { text: value.toLocaleString(locale), datetime: value.toISOString(), title: value.toISOString() };
  }
  switch (name) {
    case "VolumeSize":
      return { text: `${value} GiB` };
    case "FullSnapshotSizeInBytes":
      return { text: formatBytes(value), title: `${Number(value).toLocaleString("en-US")} bytes` };
    case "CompletionDurationMinutes":
      return { text: `${value} min` };
    case "Encrypted":
      return { text: value ? "Yes" : "No" };
  }
  if (value === null || value === undefined) return { text: "—" };
  if (typeof value === "object") return { text: JSON.stringify(value) };
  return { text: String(value) };
}

/**
 * The members of an output in display order: the known ones first, then anything newer the service
 * sent. `absent` lists the known members this response did not carry.
 */
export function outputRows(output) {
  const rows = [];
  const absent = [];
  const known = new Set();
  for (const [name, label] of OUTPUT_MEMBERS) {
    known.add(name);
    if (output[name] === undefined) absent.push(name);
    else rows.push({ name, label, value: output[name] });
  }
  for (const name of Object.keys(output)) {
    if (name === "$metadata" || known.has(name) || output[name] === undefined) continue;
    rows.push({ name, label: name, value: output[name] });
  }
  return { rows, absent };
}

/** A thrown value that never left the page: the package refused the input or the config. */
export function isLocalError(error) {
  return ["ValidationError", "ConfigurationError", "CredentialsProviderError"].includes(error?.name) && !error?.$metadata?.httpStatusCode;
}

/** True when no HTTP response came back: refused connection, DNS, CORS, offline. */
export function isNetworkError(error) {
  if (!error || error.$metadata?.httpStatusCode) return false;
  return error.name === "TimeoutError" || error.name === "TypeError" || error.name === "NetworkError";
}

/**
 * Where a ValidationError points in the form, from the member path the package puts on the error as
 * `error.field` ("VolumeId", "TagSpecifications[0].Tags[1].Key").
 */
export function validationTarget(field) {
  if (typeof field !== "string" || field === "") return { field: null };
  const tag = /^TagSpecifications\[\d+\]\.Tags\[(\d+)\](?:\.(Key|Value))?$/.exec(field);
  if (tag) return { field: "tags", tagIndex: Number(tag[1]), tagPart: tag[2] ?? "Key" };
  const top = field.split(/[.[]/)[0];
  const fields = { VolumeId: "volumeId", Description: "description", Location: "location", DryRun: "dryRun", TagSpecifications: "tags" };
  return { field: fields[top] ?? null };
}

/**
 * What to tell the user about an error: `{ tone: "success"|"error", title, hint }`.
 * `DryRunOperation` is EC2's way of saying a dry run would have succeeded.
 */
export function explainError(error) {
  const name = error?.name ?? "Error";
  const attempts = error?.$metadata?.attempts;
  if (name === "DryRunOperation") {
    return {
      tone: "success",
      title: "Dry run succeeded: you have permission",
      hint: "EC2 checked the request and your permissions and created nothing. Turn off Dry run to create the snapshot.",
    };
  }
  if (isNetworkError(error)) {
    return {
      tone: "error",
      title: "Could not reach the endpoint",
      hint:
        "No response came back. Check the endpoint URL and your network. A browser can only call an endpoint " +
        "that allows cross-origin requests: EC2's public endpoints do not, so put a CORS proxy or your own " +
        "backend in front of them (make demo runs one in front of the local emulator).",
    };
  }
  const hints = {
    AuthFailure: "EC2 rejected the signature. Check the access key ID and secret access key (and the session token, if you use temporary credentials), and that this computer's clock is right.",
    SignatureDoesNotMatch: "The signature did not match. Check the secret access key, and that nothing between the page and EC2 rewrites the request.",
    InvalidClientTokenId: "This access key ID does not exist in this partition. Check the access key ID.",
    UnrecognizedClientException: "This access key ID is not recognised. Check the access key ID.",
    ExpiredToken: "The temporary credentials have expired. Get a new access key, secret and session token.",
    RequestExpired: "The request's timestamp is too far from EC2's clock. Check this computer's clock.",
    UnauthorizedOperation:
      "The credentials work, but their IAM policy does not allow ec2:CreateSnapshot on this volume (and ec2:CreateTags when tagging). " +
      "If the message carries an encoded authorization message, decode it with `aws sts decode-authorization-message`.",
    OptInRequired: "This account is not subscribed to EC2 in this region, or the region is not enabled.",
    "InvalidVolume.NotFound": "No volume with this ID exists in this region for this account. Check the volume ID, and pick the region the volume is in.",
    "InvalidVolumeID.Malformed": "This is not a volume ID. Volume IDs look like vol-0123456789abcdef0.",
    IncorrectState: "The volume is not in a state that allows a snapshot (for example, it is being deleted).",
    RequestLimitExceeded: `EC2 is throttling this account's API requests${attempts > 1 ? ` (the client already tried ${attempts} times)` : ""}. Wait a little and try again, and check for other automation calling EC2 in this account.`,
    SnapshotCreationPerVolumeRateExceeded: "Snapshots of one volume must be created at least 15 seconds apart. Wait a moment and try again.",
    ResourceLimitExceeded: "The account has reached its snapshot limit in this region. Delete unused snapshots or ask for a higher quota.",
    InvalidParameterValue: "EC2 refused one of the values. The message says which one.",
    MissingParameter: "EC2 expected a parameter the request did not carry. The message says which one.",
    AbortError: "You cancelled the request before a response arrived. A snapshot may still have been created: check the volume's snapshots.",
  };
  const serverFault = error?.$fault === "server" || error?.$metadata?.httpStatusCode >= 500;
  const hint =
    hints[name] ??
    (serverFault
      ? "EC2 had a problem on its side. Wait a little and try again."
      : "EC2 refused the request. The message above says why.");
  return { tone: "error", title: name, hint };
}
