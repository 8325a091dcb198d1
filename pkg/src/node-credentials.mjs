// Node only: the SDK's default credential provider chain (@aws-sdk/credential-provider-node
// defaultProvider), in its order: environment (skipped when a profile is named), shared files
// (static keys, role_arn + source_profile through STS AssumeRole, web identity, credential_process),
// credential_process, web identity token file, then the container endpoint or instance metadata.
// A link that does not apply throws with `tryNextLink`; the first other error ends the chain, as in
// the SDK. Errors never carry a secret or a file's contents.
import { readFile } from "node:fs/promises";
import { env, knownProfiles, profileName, setting } from "./node-config-files.mjs";
import { assumeRole, assumeRoleWithWebIdentity } from "./node-sts.mjs";

/** @smithy/core's CredentialsProviderError: `tryNextLink` (default true) lets the chain go on. */
export function providerError(message, tryNextLink = true, name = "CredentialsProviderError") {
  const e = new Error(message);
  e.name = name;
  e.tryNextLink = tryNextLink;
  return e;
}

const ssoKeys = ["sso_start_url", "sso_account_id", "sso_session", "sso_region", "sso_role_name"];

// ---- environment -----------------------------------------------------------------------------

function fromEnv() {
  const accessKeyId = env("AWS_ACCESS_KEY_ID");
  const secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
  if (!accessKeyId || !secretAccessKey) throw providerError("Unable to find environment variable credentials.");
  const c = { accessKeyId, secretAccessKey };
  if (env("AWS_SESSION_TOKEN")) c.sessionToken = env("AWS_SESSION_TOKEN");
  if (env("AWS_CREDENTIAL_EXPIRATION")) c.expiration = new Date(env("AWS_CREDENTIAL_EXPIRATION"));
  if (env("AWS_ACCOUNT_ID")) c.accountId = env("AWS_ACCOUNT_ID");
  return c;
}

// ---- shared files ------------------------------------------------------------------------------

const isStatic = (p) => typeof p?.aws_access_key_id === "string" && typeof p.aws_secret_access_key === "string";
const staticCredentials = (p) => ({
  accessKeyId: p.aws_access_key_id,
  secretAccessKey: p.aws_secret_access_key,
  ...(p.aws_session_token ? { sessionToken: p.aws_session_token } : {}),
  ...(p.aws_account_id ? { accountId: p.aws_account_id } : {}),
});
const isAssumeRole = (p) => typeof p?.role_arn === "string" && ((typeof p.source_profile === "string") !== (typeof p.credential_source === "string"));

async function resolveProfile(name, profiles, ctx, visited = {}) {
  const p = profiles[name];
  if (Object.keys(visited).length > 0 && isStatic(p)) return staticCredentials(p);
  if (isAssumeRole(p)) {
    if (p.source_profile !== undefined && p.source_profile in visited) {
      throw providerError(`Detected a cycle attempting to resolve credentials for profile ${profileName(ctx.profile)}. Profiles visited: ${Object.keys(visited).join(", ")}`);
    }
    let source;
    if (p.source_profile !== undefined) {
      source = await resolveProfile(p.source_profile, profiles, ctx, { ...visited, [p.source_profile]: true });
    } else if (p.credential_source === "Environment") {
      source = fromEnv();
    } else if (p.credential_source === "Ec2InstanceMetadata") {
      source = await fromInstanceMetadata(ctx)();
    } else if (p.credential_source === "EcsContainer") {
      source = await fromContainer(ctx)();
    } else {
      throw providerError(`Unsupported credential source in profile ${name}. Got ${p.credential_source}, expected EcsContainer or Ec2InstanceMetadata or Environment.`);
    }
    if (p.mfa_serial) throw providerError(`Profile ${name} requires multi-factor authentication, but no MFA code callback was provided.`, false);
    return assumeRole(source, p, ctx);
  }
  if (isStatic(p)) return staticCredentials(p);
  if (typeof p?.web_identity_token_file === "string" && typeof p.role_arn === "string") {
    return webIdentity({ tokenFile: p.web_identity_token_file, roleArn: p.role_arn, roleSessionName: p.role_session_name }, ctx);
  }
  if (typeof p?.credential_process === "string") return processCredentials(name, profiles);
  if (p && ssoKeys.some((k) => typeof p[k] === "string")) {
    // Not done here: IAM Identity Center needs the SSO token cache and the SSO service.
    throw providerError(`Profile ${name} is an IAM Identity Center (SSO) profile, which ec2-wasm does not resolve; use @aws-sdk/credential-provider-sso's fromSSO as the credentials option.`, false);
  }
  throw providerError(`Could not resolve credentials using profile: [${name}] in configuration/credentials file(s).`);
}

const fromIni = (ctx) => async () => resolveProfile(profileName(ctx.profile), await knownProfiles(), ctx);

// ---- credential_process ----------------------------------------------------------------------

async function processCredentials(name, profiles) {
  const p = profiles[name];
  if (!p) throw providerError(`Profile ${name} could not be found in shared credentials file.`);
  const command = p.credential_process;
  if (command === undefined) throw providerError(`Profile ${name} did not contain credential_process.`);
  let stdout;
  try {
    // node:child_process (with net and dgram) is loaded only for a profile that has a credential_process.
    const { exec } = await import("node:child_process");
    stdout = await new Promise((resolve, reject) => exec(command, (err, out) => (err ? reject(err) : resolve(out))));
  } catch (e) {
    // The message names the command and its exit, never its output (which may hold the secret).
    throw providerError(`Profile ${name} credential_process failed${typeof e?.code === "number" ? ` with exit code ${e.code}` : ""}.`);
  }
  let data;
  try {
    data = JSON.parse(String(stdout).trim());
  } catch {
    throw providerError(`Profile ${name} credential_process returned invalid JSON.`);
  }
  if (data.Version !== 1) throw providerError(`Profile ${name} credential_process did not return Version 1.`);
  if (data.AccessKeyId === undefined || data.SecretAccessKey === undefined) throw providerError(`Profile ${name} credential_process returned invalid credentials.`);
  if (data.Expiration && new Date(data.Expiration) < new Date()) throw providerError(`Profile ${name} credential_process returned expired credentials.`);
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    ...(data.SessionToken ? { sessionToken: data.SessionToken } : {}),
    ...(data.Expiration ? { expiration: new Date(data.Expiration) } : {}),
    ...(data.AccountId ? { accountId: data.AccountId } : {}),
  };
}

const fromProcess = (ctx) => async () => processCredentials(profileName(ctx.profile), await knownProfiles());

// ---- web identity --------------------------------------------------------------------------------

async function webIdentity({ tokenFile, roleArn, roleSessionName }, ctx) {
  let token;
  try {
    token = await readFile(tokenFile, "utf8");
  } catch (e) {
    throw providerError(`Web identity token file could not be read (${e?.code ?? "error"}).`);
  }
  return assumeRoleWithWebIdentity({ roleArn, roleSessionName, token }, ctx);
}

const fromTokenFile = (ctx) => async () => {
  const tokenFile = env("AWS_WEB_IDENTITY_TOKEN_FILE");
  const roleArn = env("AWS_ROLE_ARN");
  if (!tokenFile || !roleArn) throw providerError("Web identity configuration not specified");
  return webIdentity({ tokenFile, roleArn, roleSessionName: env("AWS_ROLE_SESSION_NAME") }, ctx);
};

// ---- container endpoint (ECS, EKS Pod Identity) ------------------------------------------------

// @aws-sdk/credential-provider-http: plain http only to loopback or the container hosts.
function checkContainerUrl(url) {
  if (url.protocol === "https:") return;
  const h = url.hostname;
  if (h === "169.254.170.2" || h === "169.254.170.23" || h === "[fd00:ec2::23]" || h === "localhost" || h === "[::1]") return;
  const parts = h.split(".");
  if (parts.length === 4 && parts[0] === "127" && parts.slice(1).every((x) => /^\d+$/.test(x) && Number(x) <= 255)) return;
  throw providerError(`URL not accepted. It must either be HTTPS or match one of the following:
  - loopback CIDR 127.0.0.0/8 or [::1/128]
  - ECS container host 169.254.170.2
  - EKS container host 169.254.170.23 or [fd00:ec2::23]`);
}

const CONTAINER_TIMEOUT_MS = 1000;
const CONTAINER_RETRIES = 3;

function fromContainer(ctx) {
  return async () => {
    const relative = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const full = env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (!relative && !full) throw providerError("No HTTP credential provider host provided.\nSet AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.");
    const url = new URL(relative ? `http://169.254.170.2${relative}` : full);
    checkContainerUrl(url);
    const once = async () => {
      const headers = {};
      const tokenFile = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
      const token = tokenFile ? await readFile(tokenFile, "utf8") : env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
      if (token) {
        if (token.includes("\r\n")) throw providerError("Authorization token contains invalid \\r\\n sequence.");
        headers.Authorization = token;
      }
      let res;
      try {
        res = await fetch(url, { headers, signal: AbortSignal.timeout(CONTAINER_TIMEOUT_MS), redirect: "manual" });
      } catch (e) {
        throw providerError(`Container credentials endpoint: ${e?.cause?.code ?? e?.name ?? "request failed"}`);
      }
      const text = await res.text();
      if (res.status !== 200) throw providerError(`Server responded with status: ${res.status}`);
      let j;
      try {
        j = JSON.parse(text);
      } catch {
        j = {};
      }
      if (typeof j.AccessKeyId !== "string" || typeof j.SecretAccessKey !== "string" || typeof j.Token !== "string" || typeof j.Expiration !== "string") {
        throw providerError("HTTP credential provider response not of the required format, an object matching: { AccessKeyId: string, SecretAccessKey: string, Token: string, Expiration: string(rfc3339) }");
      }
      return { accessKeyId: j.AccessKeyId, secretAccessKey: j.SecretAccessKey, sessionToken: j.Token, expiration: new Date(j.Expiration) };
    };
    for (let i = 0; i < CONTAINER_RETRIES; i++) {
      try {
        return await once();
      } catch {
        await new Promise((r) => setTimeout(r, CONTAINER_TIMEOUT_MS));
      }
    }
    return once();
  };
}

// ---- instance metadata (IMDS) ------------------------------------------------------------------

const IMDS_TIMEOUT_MS = 1000;
const IMDS_CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

async function imdsEndpoint(ctx) {
  const configured = await setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint", ctx.profile);
  if (configured) return configured.replace(/\/$/, "");
  const mode = (await setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode", ctx.profile)) ?? "IPv4";
  if (mode === "IPv6") return "http://[fd00:ec2::254]";
  if (mode !== "IPv4") throw providerError(`Unsupported endpoint mode: ${mode}. Select from IPv4,IPv6`);
  return "http://169.254.169.254";
}

async function imdsRequest(base, path, { method = "GET", headers = {} } = {}) {
  let res;
  try {
    res = await fetch(`${base}${path}`, { method, headers, signal: AbortSignal.timeout(IMDS_TIMEOUT_MS), redirect: "manual" });
  } catch (e) {
    const timeout = e?.name === "TimeoutError";
    throw providerError(timeout ? "TimeoutError from instance metadata service" : "Unable to connect to instance metadata service", true, "ProviderError");
  }
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) {
    throw Object.assign(providerError("Error response received from instance metadata service", true, "ProviderError"), { statusCode: res.status });
  }
  return text;
}

function fromInstanceMetadata(ctx) {
  // After a 403/404/405 answer to the token request, IMDSv1 is used from then on (as the SDK does).
  let v1Only = false;
  return async () => {
    const base = await imdsEndpoint(ctx);
    let headers = {};
    if (!v1Only) {
      try {
        const token = await imdsRequest(base, "/latest/api/token", { method: "PUT", headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" } });
        headers = { "x-aws-ec2-metadata-token": token };
      } catch (e) {
        if (e.statusCode === 400) throw Object.assign(e, { message: "EC2 Metadata token request returned error" });
        if ([403, 404, 405].includes(e.statusCode)) v1Only = true;
      }
    }
    if (!headers["x-aws-ec2-metadata-token"]) {
      const disabled = await setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled", ctx.profile);
      if (disabled !== undefined && disabled !== "" && disabled !== "false") {
        throw providerError("AWS EC2 Metadata v1 fallback has been blocked by AWS SDK configuration.", true, "InstanceMetadataV1FallbackError");
      }
    }
    const role = (await imdsRequest(base, IMDS_CREDENTIALS_PATH, { headers })).trim();
    let j;
    try {
      j = JSON.parse(await imdsRequest(base, IMDS_CREDENTIALS_PATH + role, { headers }));
    } catch (e) {
      if (e?.name === "ProviderError") throw e;
      j = {};
    }
    if (typeof j.AccessKeyId !== "string" || typeof j.SecretAccessKey !== "string" || typeof j.Token !== "string" || typeof j.Expiration !== "string") {
      throw providerError("Invalid response received from instance metadata service.");
    }
    return {
      accessKeyId: j.AccessKeyId,
      secretAccessKey: j.SecretAccessKey,
      sessionToken: j.Token,
      expiration: new Date(j.Expiration),
      ...(j.AccountId ? { accountId: j.AccountId } : {}),
    };
  };
}

function remote(ctx) {
  return async () => {
    if (env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || env("AWS_CONTAINER_CREDENTIALS_FULL_URI")) return fromContainer(ctx)();
    const disabled = env("AWS_EC2_METADATA_DISABLED");
    if (disabled && disabled !== "false") throw providerError("EC2 Instance Metadata Service access disabled");
    return imds();
  };
  // One IMDS provider per chain, so its IMDSv1 decision is kept between refreshes.
  function imds() {
    ctx.imds ??= fromInstanceMetadata(ctx);
    return ctx.imds();
  }
}

// ---- the chain -----------------------------------------------------------------------------------

/**
 * The default chain for a client config (`profile`, `region` as a provider, `logger`). The client
 * memoizes it (credentials.mjs): as observed from @aws-sdk/client-ec2, a send made when the
 * credentials are within 5 minutes of expiry waits for one shared refresh (the SDK's client-level
 * identity cache, not memoizeChain's background refresh, decides).
 */
export function defaultCredentialChain(config) {
  const ctx = { profile: config.profile, logger: config.logger, region: undefined, regionSource: config.region };
  const links = [
    async () => {
      if (config.profile ?? env("AWS_PROFILE")) throw providerError("AWS_PROFILE is set, skipping fromEnv provider.");
      return fromEnv();
    },
    fromIni(ctx),
    fromProcess(ctx),
    fromTokenFile(ctx),
    remote(ctx),
  ];
  const chain = async () => {
    try {
      ctx.region = typeof ctx.regionSource === "function" ? await ctx.regionSource() : ctx.regionSource;
    } catch {
      ctx.region = undefined;
    }
    let last;
    for (const link of links) {
      try {
        return await link();
      } catch (e) {
        last = e;
        if (!e?.tryNextLink) throw e;
      }
    }
    if (last) config.logger?.debug?.(`ec2-wasm credentials: last link failed: ${last.message}`);
    throw providerError("Could not load credentials from any providers", false);
  };
  return chain;
}
