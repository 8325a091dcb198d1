// Node only: the two STS calls the credential chain makes (AssumeRole for `role_arn` profiles,
// AssumeRoleWithWebIdentity for web identity tokens). The Query body is written here and signed by
// the core's SigV4 signer (with the signing name `sts`); the response is read for the
// five fields the chain needs. The operations are not in the shape tables on purpose: the tables
// are shared by every bundle, and these calls only exist in Node (see README, "Configuration and
// credentials").
import { contextOf, signLines } from "./calls.mjs";
import { xAmzUserAgent } from "./config.mjs";
import { configuredEndpoint, profileName, setting } from "./node-config-files.mjs";

const STS_VERSION = "2011-06-15";
// @aws-sdk/nested-clients/sts: the role assumer's region when neither the profile nor the client has one.
const STS_DEFAULT_REGION = "us-east-1";

// RFC 3986 unreserved characters stay; everything else is percent-encoded (the Query protocol).
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const XML_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function xmlText(xml, tag) {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  if (!m) return undefined;
  return m[1].replace(/&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e],
  );
}

/** The STS region: the profile's or the client's, else AWS_REGION, the profile's `region`, us-east-1. */
export async function stsRegion(region, profile) {
  return region || (await setting("AWS_REGION", "region", profile)) || STS_DEFAULT_REGION;
}

async function stsEndpoint(region, profile) {
  const configured = await configuredEndpoint("STS", profile);
  if (configured) return configured.replace(/\/?$/, "/");
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://sts.${region}.${suffix}/`;
}

function stsError(status, text) {
  const code = xmlText(text, "Code");
  const message = xmlText(text, "Message") ?? `STS responded with HTTP ${status}`;
  const e = new Error(message);
  e.name = code ?? "STSServiceException";
  e.$fault = status >= 500 ? "server" : "client";
  e.$metadata = { httpStatusCode: status, requestId: xmlText(text, "RequestId") };
  return e;
}

/**
 * Calls STS `action` with `params` (strings), signed with `credentials` unless `unsigned`
 * (AssumeRoleWithWebIdentity is an anonymous call). Resolves to the credentials in its result.
 */
export async function stsCall(action, params, { region, profile, credentials, unsigned, logger }) {
  const r = await stsRegion(region, profile);
  const url = await stsEndpoint(r, profile);
  const body = [`Action=${action}`, `Version=${STS_VERSION}`, ...Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${enc(String(v))}`)].join("&");
  let headers = { "content-type": "application/x-www-form-urlencoded" };
  if (!unsigned) {
    const context = contextOf(url, r, xAmzUserAgent(undefined, undefined), undefined, credentials);
    // Host is signed (as the SDK signs it) and then left to fetch, which sends the same value.
    const lines = signLines("sts", context, "POST", url, { host: new URL(url).host, ...headers }, body, Date.now());
    headers = {};
    for (let i = 0; i + 1 < lines.length; i += 2) if (lines[i] !== "host" && lines[i] !== "content-length") headers[lines[i]] = lines[i + 1];
  }
  logger?.debug?.(`ec2-wasm credentials: STS ${action} at ${new URL(url).host}`);
  const res = await fetch(url, { method: "POST", headers, body, redirect: "manual" });
  const text = await res.text();
  if (res.status !== 200) throw stsError(res.status, text);
  const accessKeyId = xmlText(text, "AccessKeyId");
  const secretAccessKey = xmlText(text, "SecretAccessKey");
  if (!accessKeyId || !secretAccessKey) throw stsError(res.status, "<Message>STS returned no credentials</Message>");
  const expiration = xmlText(text, "Expiration");
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: xmlText(text, "SessionToken"),
    ...(expiration ? { expiration: new Date(expiration) } : {}),
  };
}

/** AssumeRole as the SDK's role assumer calls it for a `role_arn` profile. */
export function assumeRole(sourceCredentials, profileData, { region, profile, logger }) {
  return stsCall(
    "AssumeRole",
    {
      RoleArn: profileData.role_arn,
      RoleSessionName: profileData.role_session_name || `aws-sdk-js-${Date.now()}`,
      ExternalId: profileData.external_id,
      DurationSeconds: parseInt(profileData.duration_seconds || "3600", 10),
    },
    { region: profileData.region ?? region, profile: profileName(profile), credentials: sourceCredentials, logger },
  );
}

/** AssumeRoleWithWebIdentity (unsigned) for a token file and role. */
export function assumeRoleWithWebIdentity({ roleArn, roleSessionName, token }, { region, profile, logger }) {
  return stsCall(
    "AssumeRoleWithWebIdentity",
    { RoleArn: roleArn, RoleSessionName: roleSessionName || `aws-sdk-js-session-${Date.now()}`, WebIdentityToken: token },
    { region, profile, unsigned: true, logger },
  );
}

