// One credential-chain scenario in its own process (tests/js/credential-chain.test.mjs): the
// environment and HOME are the scenario's. `node credential-chain-child.mjs sdk|wasm [profile]` sends
// DescribeSnapshots with a client built from nothing but the environment (and `profile` when given),
// then prints `{ ok, name?, message? }` as JSON. CHAIN_SENDS sends that many times, CHAIN_PAUSE_MS
// apart (the outcome printed is the last one's).
const [impl, profile] = process.argv.slice(2);
const m = impl === "sdk" ? await import("@aws-sdk/client-ec2") : await import("ec2-wasm");
const client = new m.EC2Client({ ...(profile ? { profile } : {}), maxAttempts: 1 });
const sends = Number(process.env.CHAIN_SENDS ?? 1);
let result;
for (let i = 0; i < sends; i++) {
  if (i > 0) await new Promise((r) => setTimeout(r, Number(process.env.CHAIN_PAUSE_MS ?? 0)));
  try {
    await client.send(new m.DescribeSnapshotsCommand({ MaxResults: 5 }));
    result = { ok: true };
  } catch (e) {
    result = { ok: false, name: e?.name, message: String(e?.message).slice(0, 300) };
  }
}
console.log(JSON.stringify(result));
