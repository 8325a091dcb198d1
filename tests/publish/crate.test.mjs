// The Rust crate as the crate registry would take it: `cargo package --list` against an allow-list (the
// sources, the manifest, README, LICENSE and CHANGELOG; no JS package, tests, vectors, examples, fuzzing,
// benchmarks), every tracked source file included, and the metadata the registry and docs.rs read, with the
// registry's keyword rules that a dry run does not check. The build of the packaged crate alone is proven by
// `cargo publish --dry-run` in scripts/check-publish.sh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

// Files cargo writes into every package itself, then ours.
const CARGO_MADE = [".cargo_vcs_info.json", "Cargo.toml.orig", "Cargo.lock"];
const ALLOWED = [...CARGO_MADE, "Cargo.toml", "README.md", "LICENSE", "CHANGELOG.md"];
const KEPT_OUT = ["tests/", "pkg/", "www/", "examples/", "fuzz/", "bench/", "benches/", "scripts/", "node_modules/", ".ci/", ".cargo/"];

// --allow-dirty: only listing, and the list is what is checked; cargo publish --dry-run runs without it.
const listed = run("cargo", ["package", "--list", "--allow-dirty", "--quiet"]).split("\n").filter(Boolean);

test("cargo package --list: src/**, Cargo.toml, README.md, LICENSE, CHANGELOG.md and nothing else", () => {
  const stray = listed.filter((f) => !f.startsWith("src/") && !ALLOWED.includes(f));
  assert.deepEqual(stray, [], "files outside the allow-list");
  for (const prefix of KEPT_OUT) assert.ok(!listed.some((f) => f.startsWith(prefix)), `nothing under ${prefix}`);
  for (const f of ["Cargo.toml", "README.md", "LICENSE", "CHANGELOG.md", "src/lib.rs"]) assert.ok(listed.includes(f), `${f} is packaged`);
});

test("every tracked file under src/ is packaged (the build needs no file left out)", () => {
  const tracked = run("git", ["ls-files", "src"]).split("\n").filter(Boolean);
  assert.ok(tracked.length > 10);
  const missing = tracked.filter((f) => !listed.includes(f));
  assert.deepEqual(missing, []);
});

test("crate metadata: description, repository, documentation, readme, keywords, categories, docs.rs targets", () => {
  const meta = JSON.parse(run("cargo", ["metadata", "--no-deps", "--format-version", "1"]));
  const pkg = meta.packages.find((p) => p.name === "ec2-wasm");
  assert.ok(pkg.description.length > 20 && pkg.description.length < 200);
  assert.match(pkg.repository, /^https:\/\//);
  assert.match(pkg.documentation, /^https:\/\//);
  assert.equal(pkg.readme, "README.md");
  assert.equal(pkg.license, "Apache-2.0");
  // The registry's rules: at most 5 keywords, each at most 20 ASCII characters, starting with a letter.
  assert.ok(pkg.keywords.length >= 1 && pkg.keywords.length <= 5, `${pkg.keywords.length} keywords`);
  for (const k of pkg.keywords) assert.match(k, /^[a-zA-Z][a-zA-Z0-9_+-]{0,19}$/, `keyword ${k}`);
  // At most 5 categories, written as the registry's slugs (lower case words joined by - and ::).
  assert.ok(pkg.categories.length >= 1 && pkg.categories.length <= 5);
  for (const c of pkg.categories) assert.match(c, /^[a-z][a-z-]*(::[a-z][a-z-]*)*$/, `category ${c}`);
  const docs = pkg.metadata?.docs?.rs;
  assert.ok(docs, "[package.metadata.docs.rs]");
  assert.equal(docs["default-target"], "wasm32-unknown-unknown");
  assert.ok(docs.targets.includes("wasm32-unknown-unknown"), "docs.rs builds the wasm32 docs");
});
