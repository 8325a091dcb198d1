// The npm tarball as users get it (`npm pack pkg/`, then `npm install` of the .tgz in an empty folder): what it
// holds, that its README, LICENSE and types are copies of their one source, and that TypeScript in each
// resolution mode, Deno and Bun find the entry and declarations meant for them. Needs pkg/dist (make pkg).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pkgReadme } from "../../scripts/pkg-readme.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const QUIET = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" };

// What a user needs and nothing else: the four runtime entries, the module they load, both type flavours,
// and the words: README, LICENSE, CHANGELOG.
const EXPECTED_FILES = [
  "CHANGELOG.md",
  "LICENSE",
  "README.md",
  "dist/ec2_wasm_bg.wasm",
  "dist/index.d.cts",
  "dist/index.d.ts",
  "dist/node.cjs",
  "dist/node.mjs",
  "dist/web.mjs",
  "dist/workerd.mjs",
  "package.json",
];

let dir, installed, app, files, manifest;

before(() => {
  assert.ok(existsSync(join(ROOT, "pkg", "dist", "index.d.cts")), "pkg/dist is not built: run make pkg");
  dir = mkdtempSync(join(tmpdir(), "ec2-wasm-publish-"));
  execFileSync("npm", ["pack", join(ROOT, "pkg"), "--pack-destination", dir, "--silent"], { stdio: ["ignore", "pipe", "inherit"] });
  const tgz = join(dir, readdirSync(dir).find((f) => f.endsWith(".tgz")));
  files = execFileSync("tar", ["-tzf", tgz], { encoding: "utf8" }).split("\n").filter(Boolean).map((f) => f.replace(/^package\//, "")).sort();
  app = join(dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", tgz], { cwd: app, stdio: "inherit" });
  installed = join(app, "node_modules", "ec2-wasm");
  manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const read = (p) => readFileSync(join(installed, p), "utf8");

test("the tarball holds the runtime files, both type flavours, README, LICENSE, CHANGELOG and package.json, nothing else", () => {
  assert.deepEqual(files, EXPECTED_FILES);
});

test("README.md is the root README's npm parts, with install, example, runtimes, limits and CORS/CSP", () => {
  const readme = read("README.md");
  assert.equal(readme, pkgReadme(), "the packed README differs from scripts/pkg-readme.mjs's output: run make pkg");
  for (const part of ["npm install ec2-wasm", "```js", "## Runtimes", "## Limits", "CORS", "Content-Security-Policy", "## License"]) {
    assert.ok(readme.includes(part), `the npm README has ${part}`);
  }
});

test("LICENSE is the repository's Apache-2.0 text", () => {
  const license = read("LICENSE");
  assert.equal(license, readFileSync(join(ROOT, "LICENSE"), "utf8"));
  assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
  assert.match(license, /END OF TERMS AND CONDITIONS/);
  assert.equal(manifest.license, "Apache-2.0");
});

test("CHANGELOG.md is the repository's", () => {
  assert.equal(read("CHANGELOG.md"), readFileSync(join(ROOT, "CHANGELOG.md"), "utf8"));
});

test("index.d.ts and index.d.cts are both pkg/src/index.d.ts", () => {
  const source = readFileSync(join(ROOT, "pkg", "src", "index.d.ts"), "utf8");
  assert.equal(read("dist/index.d.ts"), source);
  const cts = read("dist/index.d.cts");
  assert.match(cts, /^\/\/ [^\n]*\n/);
  assert.equal(cts.slice(cts.indexOf("\n") + 1), source);
});

test("package.json: repository, homepage, bugs, keywords, and engines matching the Node bundles' target", () => {
  assert.equal(manifest.repository.type, "git");
  assert.match(manifest.repository.url, /^git\+https:\/\/[^/]+\/[\w.-]+\/[\w.-]+\.git$/);
  assert.equal(manifest.repository.directory, "pkg");
  for (const url of [manifest.homepage, manifest.bugs.url]) assert.match(url, /^https:\/\//);
  assert.ok(manifest.keywords.length >= 3 && manifest.keywords.every((k) => typeof k === "string" && k === k.toLowerCase()));
  assert.ok(manifest.description.length > 20);
  // esbuild's --target=nodeNN in the build is the oldest Node the bundles are written for.
  const build = readFileSync(join(ROOT, "scripts", "build-pkg.sh"), "utf8");
  const targets = new Set([...build.matchAll(/--target=node(\d+)/g)].map(([, n]) => n));
  assert.equal(targets.size, 1, `one Node target in build-pkg.sh, got ${[...targets]}`);
  assert.equal(manifest.engines.node, `>=${[...targets][0]}`);
});

test("exports: types first in every branch, deno and bun before node, every path in the tarball", () => {
  const root = manifest.exports["."];
  const keys = Object.keys(root);
  for (const k of ["deno", "bun", "workerd"]) assert.ok(keys.indexOf(k) < keys.indexOf("node"), `${k} comes before node (Deno and Bun match node too)`);
  const paths = [];
  (function walk(node, where) {
    if (typeof node === "string") return paths.push([where, node]);
    const ks = Object.keys(node);
    if (ks.includes("types")) assert.equal(ks[0], "types", `${where}: types comes first`);
    if (ks.includes("default")) assert.equal(ks.at(-1), "default", `${where}: default comes last`);
    for (const k of ks) walk(node[k], `${where}.${k}`);
  })(root, "exports['.']");
  for (const p of [manifest.main, manifest.module, manifest.types]) paths.push(["top level", p]);
  for (const [where, p] of paths) assert.ok(files.includes(p.replace(/^\.\//, "")), `${where}: ${p} is in the tarball`);
  // require gets the CommonJS flavour of the types, import the ES module one.
  assert.deepEqual(root.node.require, { types: "./dist/index.d.cts", default: "./dist/node.cjs" });
  assert.deepEqual(root.node.import, { types: "./dist/index.d.ts", default: "./dist/node.mjs" });
});

// A usage that only type-checks against the real declarations: with `any` the expect-error line fails.
const USAGE = `import { CreateSnapshotCommand, EC2Client, waitUntilSnapshotCompleted } from "ec2-wasm";
import type { CreateSnapshotCommandOutput } from "ec2-wasm";
export async function snap(client: EC2Client): Promise<string | undefined> {
  const out: CreateSnapshotCommandOutput = await client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
  await waitUntilSnapshotCompleted({ client, maxWaitTime: 60 }, { SnapshotIds: [out.SnapshotId ?? ""] });
  return out.SnapshotId;
}
// @ts-expect-error VolumeId is a string
new CreateSnapshotCommand({ VolumeId: 1 });
`;

function tsc(name, files, compilerOptions) {
  const config = join(app, `tsconfig.${name}.json`);
  const base = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false };
  writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files }));
  try {
    return execFileSync(join(BIN, "tsc"), ["-p", config, "--listFiles"], { cwd: app, encoding: "utf8" });
  } catch (e) {
    assert.fail(`tsc -p ${config}:\n${e.stdout}${e.stderr}`);
  }
}

test("TypeScript: node10, node16/nodenext from CommonJS and from ESM, and bundler each type-check against the right file", () => {
  writeFileSync(join(app, "usage.cts"), USAGE);
  writeFileSync(join(app, "usage.mts"), USAGE);
  writeFileSync(join(app, "usage.ts"), USAGE);
  const dts = join(installed, "dist", "index.d.ts");
  const dcts = join(installed, "dist", "index.d.cts");
  const cases = [
    ["node16-cjs", ["usage.cts"], { module: "node16", moduleResolution: "node16" }, dcts, dts],
    ["nodenext-esm", ["usage.mts"], { module: "nodenext", moduleResolution: "nodenext" }, dts, dcts],
    ["bundler", ["usage.ts"], { module: "esnext", moduleResolution: "bundler" }, dts, dcts],
    ["node10", ["usage.ts"], { module: "commonjs", moduleResolution: "node10" }, dcts, dts],
  ];
  for (const [mode, input, options, wanted, unwanted] of cases) {
    const listed = tsc(mode, input, options).split("\n").map((l) => l.trim());
    assert.ok(listed.includes(wanted), `${mode}: reads ${wanted}`);
    assert.ok(!listed.includes(unwanted), `${mode}: does not read ${unwanted}`);
  }
});

test("Deno: resolves dist/web.mjs, loads the module, and type-checks the usage against the package's types", () => {
  const deno = join(BIN, "deno");
  assert.ok(existsSync(deno), "node_modules/.bin/deno (the deno dev dependency)");
  writeFileSync(join(app, "resolve.mjs"), `import * as m from "ec2-wasm";\nconsole.log(import.meta.resolve("ec2-wasm"), typeof m.EC2Client);\n`);
  const out = execFileSync(deno, ["run", "--allow-read", "--no-prompt", "resolve.mjs"], { cwd: app, encoding: "utf8", env: QUIET });
  assert.match(out.trim(), /\/node_modules\/ec2-wasm\/dist\/web\.mjs function$/);
  execFileSync(deno, ["check", "usage.ts"], { cwd: app, encoding: "utf8", env: QUIET, stdio: ["ignore", "pipe", "pipe"] });
});

test("Bun: resolves dist/node.mjs and loads the module", () => {
  const bun = join(BIN, "bun");
  assert.ok(existsSync(bun), "node_modules/.bin/bun (the bun dev dependency)");
  writeFileSync(join(app, "resolve.mjs"), `import * as m from "ec2-wasm";\nconsole.log(import.meta.resolve("ec2-wasm"), typeof m.EC2Client);\n`);
  const out = execFileSync(bun, ["run", "resolve.mjs"], { cwd: app, encoding: "utf8", env: QUIET });
  assert.match(out.trim(), /\/node_modules\/ec2-wasm\/dist\/node\.mjs function$/);
});

test("Node: import resolves dist/node.mjs, require dist/node.cjs", () => {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e",
    `import { createRequire } from "node:module"; const r = createRequire(process.cwd() + "/");
     console.log(import.meta.resolve("ec2-wasm")); console.log(r.resolve("ec2-wasm"));`], { cwd: app, encoding: "utf8" });
  const [esm, cjs] = out.trim().split("\n");
  assert.match(esm, /\/node_modules\/ec2-wasm\/dist\/node\.mjs$/);
  assert.match(cjs, /\/node_modules\/ec2-wasm\/dist\/node\.cjs$/);
});
