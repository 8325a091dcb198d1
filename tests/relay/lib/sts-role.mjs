// Temporary credentials of an IAM role holding `policy`, from moto's STS (tests/relay/lib/sts_role.py):
// what a Cognito identity pool hands its guests, in Cognito's names (AccessKeyId, SecretKey,
// SessionToken, Expiration in epoch seconds). moto enforces the policy on every call made with them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runChild } from "../../support/processes.mjs";

const PYTHON = fileURLToPath(new URL("../../../.venv/bin/python", import.meta.url));
const STS_ROLE = fileURLToPath(new URL("./sts_role.py", import.meta.url));
/** The IAM policy the README gives a console's identity pool role. */
export const CONSOLE_POLICY = readFileSync(new URL("../../../examples/relay-worker/console-role-policy.json", import.meta.url), "utf8");

export async function roleCredentials(moto, policy = CONSOLE_POLICY) {
  const name = `console-guest-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const r = await runChild(PYTHON, [STS_ROLE, moto.endpoint, moto.region, name, policy], {
    timeoutMs: 30_000,
    env: { ...process.env, AWS_ACCESS_KEY_ID: moto.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.secretAccessKey, AWS_SESSION_TOKEN: "", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
  });
  if (r.code !== 0) throw new Error(`sts_role.py failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout);
}
