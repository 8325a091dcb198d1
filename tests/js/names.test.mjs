// The browser and workerd bundles are minified without esbuild's --keep-names (so an app's bundler can
// drop what it does not import): every exported class still carries its name (EC2Client.name,
// err.constructor.name …), as in the Node bundle and in @aws-sdk/client-ec2. Exported functions' names
// are minified there (README: Size).
import assert from "node:assert/strict";
import { test } from "node:test";

const isClass = (v) => typeof v === "function" && /^class\b/.test(Function.prototype.toString.call(v));

test("exported classes keep their names in the web bundle, as in the Node bundle and the SDK", async () => {
  // In Node the web entry's wasm fetch fails (a file: URL); its exports still load (sends would reject).
  const web = await import("../../pkg/dist/web.mjs");
  const node = await import("../../pkg/dist/node.mjs");
  const sdk = await import("@aws-sdk/client-ec2");
  assert.deepEqual(Object.keys(web).sort(), Object.keys(node).sort());
  const classes = Object.entries(web).filter(([, v]) => isClass(v));
  assert.ok(classes.length >= 9, `only ${classes.length} exported classes`);
  for (const [k, v] of classes) {
    assert.equal(v.name, k, `web.mjs export ${k} is named ${v.name}`);
    assert.equal(node[k].name, k, `node.mjs export ${k}`);
    if (k in sdk) assert.equal(sdk[k].name, k, `the SDK's ${k}`);
  }
  assert.equal(new web.EC2Client({ region: "us-east-1" }).constructor.name, "EC2Client");
  assert.equal(new web.DescribeSnapshotsCommand({}).constructor.name, "DescribeSnapshotsCommand");
  assert.equal(new web.EC2ServiceException({ name: "X", $fault: "client", $metadata: {} }).constructor.name, "EC2ServiceException");
});

test("EC2 has a method for every exported command, paginator and waiter, as the SDK's EC2 has", async () => {
  const pkg = await import("../../pkg/dist/node.mjs");
  const sdk = await import("@aws-sdk/client-ec2");
  const want = [];
  for (const k of Object.keys(pkg)) {
    if (k.endsWith("Command") && k !== "Command") want.push(k[0].toLowerCase() + k.slice(1, -"Command".length));
    else if (/^(paginate|waitUntil)[A-Z]/.test(k)) want.push(k);
  }
  const have = Object.getOwnPropertyNames(pkg.EC2.prototype).filter((k) => k !== "constructor");
  assert.deepEqual(have.sort(), want.sort());
  for (const k of have) assert.equal(typeof sdk.EC2.prototype[k], "function", `the SDK's EC2 has no ${k}`);
  assert.ok(new pkg.EC2({ region: "us-east-1" }) instanceof pkg.EC2Client);
});
