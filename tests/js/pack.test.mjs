// `npm pack` of pkg/, installed into an empty folder, imports (ESM and CommonJS) and works. The tarball's
// exact contents, types and metadata are checked by tests/publish/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startStub } from "./stub.mjs";

const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));

test("npm pack → npm install in an empty folder → import and require work", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ec2-wasm-pack-"));
  const stub = await startStub(() => undefined);
  try {
    execFileSync("npm", ["pack", pkgDir, "--pack-destination", dir, "--silent"], { stdio: ["ignore", "pipe", "inherit"] });
    const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    assert.ok(tgz, "npm pack produced a tarball");
    const listing = execFileSync("tar", ["-tzf", join(dir, tgz)], { encoding: "utf8" });
    for (const f of ["package/dist/ec2_wasm_bg.wasm", "package/dist/node.mjs", "package/dist/node.cjs", "package/dist/web.mjs", "package/dist/workerd.mjs", "package/dist/index.d.ts",
      "package/dist/index.d.cts", "package/README.md", "package/LICENSE", "package/CHANGELOG.md"]) {
      assert.ok(listing.includes(f), `${f} is in the tarball`);
    }
    assert.ok(!listing.includes("package/src/"), "sources stay out of the tarball");
    const app = join(dir, "app");
    execFileSync("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", join(dir, tgz)], { cwd: app, stdio: "inherit" });
    const esm = `import { EC2Client, CreateSnapshotCommand } from "ec2-wasm";
const c = new EC2Client({ region: "us-east-1", endpoint: process.argv[2], credentials: { accessKeyId: "a", secretAccessKey: "b" } });
const out = await c.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
console.log(out.SnapshotId);`;
    const cjs = `const { EC2Client, CreateSnapshotCommand } = require("ec2-wasm");
const c = new EC2Client({ region: "us-east-1", endpoint: process.argv[2], credentials: { accessKeyId: "a", secretAccessKey: "b" } });
c.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })).then((o) => console.log(o.SnapshotId), (e) => { console.error(e); process.exit(1); });`;
    writeFileSync(join(app, "esm.mjs"), esm);
    writeFileSync(join(app, "cjs.cjs"), cjs);
    for (const f of ["esm.mjs", "cjs.cjs"]) {
      // Async: the stub lives in this process and must keep answering while the child runs.
      const { stdout } = await promisify(execFile)(process.execPath, [f, stub.endpoint], { cwd: app, encoding: "utf8", timeout: 30_000 });
      const printed = stdout.trim();
      assert.equal(printed, "snap-066877671789bd71b", f);
    }
    assert.equal(stub.requests.length, 2);
  } finally {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
