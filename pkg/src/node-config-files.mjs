// Node only (imported by the Node entries through node-defaults.mjs, never by the web or workerd
// bundles): the shared config and credentials files as the SDK reads them (@smithy/core/config
// loadSharedConfigFiles, parseKnownFiles), and the settings taken from them and the environment.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export const env = (name) => process.env[name];

// @smithy/core/config getHomeDir: HOME, USERPROFILE, HOMEPATH (with HOMEDRIVE), then os.homedir().
function homeDir() {
  const { HOME, USERPROFILE, HOMEPATH, HOMEDRIVE = "C:\\" } = process.env;
  if (HOME) return HOME;
  if (USERPROFILE) return USERPROFILE;
  if (HOMEPATH) return `${HOMEDRIVE}${HOMEPATH}`;
  return homedir();
}

const expand = (p) => (p.startsWith("~/") ? join(homeDir(), p.slice(2)) : p);
export const configFilePath = () => expand(env("AWS_CONFIG_FILE") || join(homeDir(), ".aws", "config"));
export const credentialsFilePath = () => expand(env("AWS_SHARED_CREDENTIALS_FILE") || join(homeDir(), ".aws", "credentials"));

/** The profile name in use: the `profile` config key, AWS_PROFILE, else "default". */
export const profileName = (profile) => profile ?? env("AWS_PROFILE") ?? "default";

/**
 * An INI file as the SDK parses it: `{ section: { key: value } }`. Comment lines start with `#` or
 * `;`; an indented `key = value` under a key with an empty value is a sub-property `parent.key`
 * (the `services` sections' `ec2 =` blocks).
 */
export function parseIni(text) {
  const out = {};
  let section;
  let parent;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0].trimEnd();
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      const name = header[1].trim();
      // `__proto__` and friends would reach Object.prototype.
      section = name === "__proto__" ? undefined : (out[name] ??= Object.create(null));
      parent = undefined;
      continue;
    }
    if (!section) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const indented = /^\s/.test(line);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === "" || key === "__proto__") continue;
    if (indented && parent !== undefined) {
      section[`${parent}.${key}`] = value;
    } else if (value === "") {
      parent = key;
    } else {
      parent = undefined;
      section[key] = value;
    }
  }
  return out;
}

// Each file is read once per process and path, as the SDK's loadSharedConfigFiles caches them.
const files = new Map();
function readIni(path) {
  let p = files.get(path);
  if (!p) {
    // A missing or unreadable file is an empty one, as in the SDK.
    p = readFile(path, "utf8").then(parseIni, () => ({}));
    files.set(path, p);
  }
  return p;
}

/**
 * Both files: `{ configFile, credentialsFile }` with the config file's `[profile x]` sections as `x`
 * (and `[services y]` as `services.y`), as @smithy/core's loadSharedConfigFiles returns them.
 */
export async function loadSharedFiles() {
  const [config, credentialsFile] = await Promise.all([readIni(configFilePath()), readIni(credentialsFilePath())]);
  const configFile = {};
  for (const [name, data] of Object.entries(config)) {
    const m = /^(profile|services|sso-session)\s+(.+)$/.exec(name);
    if (m && m[1] === "profile") configFile[m[2].trim()] = data;
    else if (m) configFile[`${m[1]}.${m[2].trim()}`] = data;
    else if (name === "default") configFile.default = data;
  }
  return { configFile, credentialsFile };
}

/** Every profile, the credentials file's keys over the config file's (parseKnownFiles). */
export async function knownProfiles() {
  const { configFile, credentialsFile } = await loadSharedFiles();
  const merged = {};
  for (const file of [configFile, credentialsFile]) {
    for (const [name, data] of Object.entries(file)) merged[name] = { ...merged[name], ...data };
  }
  return merged;
}

/** A setting from the environment, else the profile in the config file (loadConfig's order). */
export async function setting(envName, configKey, profile) {
  const v = env(envName);
  if (v !== undefined) return v;
  const { configFile, credentialsFile } = await loadSharedFiles();
  const name = profileName(profile);
  return { ...credentialsFile[name], ...configFile[name] }[configKey];
}

const truthy = (v) => v !== undefined && v !== "" && v !== "false";

/**
 * The endpoint configured for a service outside the code, as @smithy/core's getEndpointFromConfig:
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's `services` section, the profile's
 * `endpoint_url`; none when `ignoreConfiguredEndpointUrls`, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or
 * the profile's `ignore_configured_endpoint_urls` says so.
 */
export async function configuredEndpoint(serviceId, profile, ignore) {
  if (ignore) return undefined;
  const ignoreEnv = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const { configFile, credentialsFile } = await loadSharedFiles();
  const name = profileName(profile);
  const p = { ...credentialsFile[name], ...configFile[name] };
  if (ignoreEnv !== undefined ? truthy(ignoreEnv) : truthy(p.ignore_configured_endpoint_urls)) return undefined;
  const suffix = serviceId.split(" ").map((w) => w.toUpperCase()).join("_");
  const fromEnv = env(`AWS_ENDPOINT_URL_${suffix}`) || env("AWS_ENDPOINT_URL");
  if (fromEnv) return fromEnv;
  if (p.services) {
    const section = configFile[`services.${p.services}`];
    if (!section) throw Object.assign(new Error(`The services section "${p.services}" specified in the profile is not present in the shared configuration file.`), { name: "Error" });
    const url = section[`${serviceId.split(" ").map((w) => w.toLowerCase()).join("_")}.endpoint_url`];
    if (url) return url;
  }
  return p.endpoint_url || undefined;
}
