// Starts moto_server on a free port on 127.0.0.1 with signature verification ON, an IAM user with an
// allow-all policy and its access key, and one EBS volume. See ../../../shared/SETUP.md ("The EC2 emulator").
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, runChild, startChild, waitFor } from "./processes.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const VENV_BIN = new URL("../../.venv/bin/", import.meta.url);
const MOTO_SERVER = fileURLToPath(new URL("moto_server", VENV_BIN));
const PYTHON = fileURLToPath(new URL("python", VENV_BIN));
const HELPER = fileURLToPath(new URL("./moto_helper.py", import.meta.url));
const REGION = "us-east-1";
const DUMMY = { accessKeyId: "AKIADUMMYSETUP000000", secretAccessKey: "dummy-setup-secret" };

async function helper(endpoint, credentials, args) {
  const result = await runChild(PYTHON, [HELPER, endpoint, REGION, ...args], {
    timeoutMs: 30_000,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: "",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    },
  });
  if (result.code !== 0) {
    throw new Error(`moto_helper.py ${args.join(" ")} failed (${result.code}):\n${result.stderr}${result.stdout}`);
  }
  return JSON.parse(result.stdout);
}

/**
 * @returns {Promise<{endpoint: string, region: string, accessKeyId: string, secretAccessKey: string,
 *   volumeId: string, describeSnapshot(id: string): Promise<object[]>, listSnapshots(volumeId: string): Promise<object[]>, createVolume(size?: number):
 *   Promise<string>, output(): string, stop(): Promise<void>}>}
 */
export async function startMoto() {
  if (!existsSync(MOTO_SERVER)) {
    throw new Error(`${MOTO_SERVER} is missing: run scripts/setup.sh moto`);
  }
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const server = startChild(MOTO_SERVER, ["-H", "127.0.0.1", "-p", String(port)], {
      cwd: ROOT,
    });
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        `moto_server on ${endpoint}`,
        async () => (await fetch(`${endpoint}/moto-api/data.json`)).ok,
        { timeoutMs: 30_000, alive: () => server.child.exitCode === null },
      );
    } catch (error) {
      lastError = new Error(`${error.message}\n${server.output()}`);
      await server.stop();
      continue; // most likely the port was taken in between: try another one
    }
    try {
      return await configure(server, endpoint);
    } catch (error) {
      await server.stop();
      throw new Error(`${error.message}\n--- moto output ---\n${server.output().slice(-4000)}`);
    }
  }
  throw lastError;
}

async function configure(server, endpoint) {
  // Setup calls while auth is still off (any key is accepted).
  const user = `e2e-${Date.now().toString(36)}`;
  const { accessKeyId, secretAccessKey } = await helper(endpoint, DUMMY, ["create-user", user]);
  const credentials = { accessKeyId, secretAccessKey };

  // From now on every request is verified. The body must not be form-encoded.
  const reset = await fetch(`${endpoint}/moto-api/reset-auth`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: "0",
  });
  if (!reset.ok) throw new Error(`reset-auth: HTTP ${reset.status} ${await reset.text()}`);

  const createVolume = async (size = 8) => (await helper(endpoint, credentials, ["create-volume", String(size)])).volumeId;
  const volumeId = await createVolume();

  return {
    endpoint,
    region: REGION,
    accessKeyId,
    secretAccessKey,
    volumeId,
    /** DescribeSnapshots through boto3 with the real key; the array of snapshots as JSON. */
    describeSnapshot: (id) => helper(endpoint, credentials, ["describe-snapshot", id]),
    /** Every snapshot of a volume, through boto3. */
    listSnapshots: (volumeId) => helper(endpoint, credentials, ["list-snapshots", volumeId]),
    /** An IAM role any principal may assume (AssumeRole, AssumeRoleWithWebIdentity), allowed everything: its ARN. */
    createRole: async (name) => (await helper(endpoint, credentials, ["create-role", name])).roleArn,
    createVolume,
    output: server.output,
    stop: server.stop,
  };
}
