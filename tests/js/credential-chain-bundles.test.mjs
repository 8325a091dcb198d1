// The Node credential chain stays in the Node bundles, and secrets read by it never reach an error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runChild } from "../support/processes.mjs";

const DIST = new URL("../../pkg/dist/", import.meta.url);
const read = (f) => readFileSync(new URL(f, DIST), "utf8");
// Strings only the Node-only modules (pkg/src/node-*.mjs) contain.
const NODE_ONLY = [/["']node:[a-z_/]+["']/, /child_process/, /credential_process/, /AWS_CONTAINER_CREDENTIALS_FULL_URI/, /AssumeRoleWithWebIdentity/, /security-credentials/];

test("the web and workerd bundles contain no Node-only import or credential-chain code", () => {
  for (const f of ["web.mjs", "workerd.mjs"]) {
    const text = read(f);
    for (const re of NODE_ONLY) assert.doesNotMatch(text, re, `${f} matches ${re}`);
  }
});

test("the Node bundles (ESM and CommonJS) carry the chain", () => {
  for (const f of ["node.mjs", "node.cjs"]) {
    const text = read(f);
    for (const re of NODE_ONLY) assert.match(text, re, `${f} lacks ${re}`);
  }
});

const CHILD = fileURLToPath(new URL("./credential-chain-child.mjs", import.meta.url));
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

async function wasmChild(env) {
  const r = await runChild(process.execPath, [CHILD, "wasm"], {
    timeoutMs: 30_000,
    cwd: fileURLToPath(new URL(".", import.meta.url)),
    env: { PATH: process.env.PATH, NODE_NO_WARNINGS: "1", AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true", ...env },
  });
  assert.equal(r.code, 0, r.stderr);
  return { result: JSON.parse(r.stdout.trim().split("\n").pop()), all: r.stdout + r.stderr };
}

test("secrets from a credential_process or a credentials file never appear in errors or output", async () => {
  const h = mkdtempSync(join(tmpdir(), "ec2-wasm-secrets-"));
  try {
    mkdirSync(join(h, ".aws"));
    const bad = join(h, "bad.cjs");
    // Output that is not JSON, and a failing process that prints the secret on stderr.
    // Each script leaves a mark, so the test knows the process really ran.
    const mark = (name) => `require("node:fs").appendFileSync(${JSON.stringify(join(h, "ran"))}, "${name}\\n");`;
    writeFileSync(bad, `${mark("bad")} console.log("AccessKeyId=AKIA SecretAccessKey=${SECRET}");\n`);
    const failing = join(h, "failing.cjs");
    writeFileSync(failing, `${mark("failing")} console.error("${SECRET}"); process.exit(3);\n`);
    const wrongVersion = join(h, "v2.cjs");
    writeFileSync(wrongVersion, `${mark("v2")} console.log(JSON.stringify({ Version: 2, AccessKeyId: "AKIA", SecretAccessKey: "${SECRET}" }));\n`);
    writeFileSync(
      join(h, ".aws/config"),
      `[profile bad]\ncredential_process = ${process.execPath} ${bad}\n[profile failing]\ncredential_process = ${process.execPath} ${failing}\n[profile v2]\ncredential_process = ${process.execPath} ${wrongVersion}\n`,
    );
    // A credentials-file profile with a secret and no key id: not a usable profile.
    writeFileSync(join(h, ".aws/credentials"), `[partial]\naws_secret_access_key = ${SECRET}\n`);
    // As in the SDK, a failing credential_process lets the chain go on, so each ends with the
    // chain's last error (the link's own message goes to logger.debug, also without the secret).
    for (const profile of ["bad", "failing", "v2", "partial"]) {
      const { result, all } = await wasmChild({ HOME: h, AWS_PROFILE: profile });
      assert.equal(result.ok, false, profile);
      assert.equal(result.name, "CredentialsProviderError", profile);
      assert.equal(result.message, "Could not load credentials from any providers", profile);
      assert.ok(!all.includes(SECRET), `${profile}: the secret leaked: ${all}`);
    }
    // Each process ran twice: once as the profile's credential_process, once as the chain's own link.
    assert.deepEqual(readFileSync(join(h, "ran"), "utf8").trim().split("\n"), ["bad", "bad", "failing", "failing", "v2", "v2"]);
  } finally {
    rmSync(h, { recursive: true, force: true });
  }
});
