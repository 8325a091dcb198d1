// One credential-chain scenario in its own process (tests/js/credential-chain.test.mjs): the
// environment and HOME are the scenario's. `node credential-chain-child.mjs sdk|wasm [profile]` sends
// DescribeSnapshots with a client built from nothing but the environment (and `profile` when given),
// then prints `{ ok, name?, message? }` as JSON.
const [impl, profile] = process.argv.slice(2);
const m = impl === "sdk" ? await import("@aws-sdk/client-ec2") : await import("ec2-wasm");
const client = new m.EC2Client({ ...(profile ? { profile } : {}), maxAttempts: 1 });
try {
  await client.send(new m.DescribeSnapshotsCommand({ MaxResults: 5 }));
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, name: e?.name, message: String(e?.message).slice(0, 300) }));
}
