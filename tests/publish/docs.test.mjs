// The words that go out with the packages: the npm README cut (scripts/pkg-readme.mjs), and CHANGELOG.md
// kept in step with the versions the npm package and the crate carry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pkgReadme } from "../../scripts/pkg-readme.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const B = "<!-- npm-readme:begin -->";
const E = "<!-- npm-readme:end -->";

test("pkgReadme joins the marked parts in order and leaves the rest out", () => {
  const out = pkgReadme(`# Title\n${B}\n# a\n\none\n${E}\nprivate\n${B}\n## b\n${E}\n`);
  assert.equal(out.split("\n").slice(1).join("\n"), "# a\n\none\n\n## b\n");
  assert.ok(!out.includes("private") && !out.includes("Title"));
});

test("pkgReadme refuses unbalanced markers, no parts, relative links and anchors to headings left out", () => {
  assert.throws(() => pkgReadme(`${B}\nx\n`), /README\.md:1: .* is never closed/);
  assert.throws(() => pkgReadme(`x\n${E}\n`), /README\.md:2: .* without a/);
  assert.throws(() => pkgReadme(`${B}\n${B}\n${E}\n`), /README\.md:2: .* inside an open part/);
  assert.throws(() => pkgReadme("no markers\n"), /no .* part/);
  assert.throws(() => pkgReadme(`${B}\nsee [the layout](docs/LAYOUT.md)\n${E}\n`), /link to \(docs\/LAYOUT\.md\)/);
  assert.throws(() => pkgReadme(`${B}\n## Here\nsee [there](#there)\n${E}\n## There\n`), /#there, a heading they do not hold/);
  assert.ok(pkgReadme(`${B}\n## Here\nsee [here](#here) and [site](https://example.org/)\n${E}\n`).includes("[here](#here)"));
});

test("the root README has npm parts that the cut accepts", () => {
  const text = pkgReadme();
  assert.match(text, /^<!-- [^\n]* -->\n# ec2-wasm\n/);
  assert.ok(text.length < readFileSync(`${ROOT}README.md`, "utf8").length, "the npm README leaves the repository's parts out");
  assert.ok(!text.includes("make test-size") && !text.includes("## Layout"), "build and layout notes stay in the repository");
});

test("CHANGELOG.md: Keep a Changelog shape, an Unreleased section and the version both packages carry", () => {
  const log = readFileSync(`${ROOT}CHANGELOG.md`, "utf8");
  const npmVersion = JSON.parse(readFileSync(`${ROOT}pkg/package.json`, "utf8")).version;
  const meta = JSON.parse(execFileSync("cargo", ["metadata", "--no-deps", "--format-version", "1"], { cwd: ROOT, encoding: "utf8" }));
  const crateVersion = meta.packages.find((p) => p.name === "ec2-wasm").version;
  assert.equal(npmVersion, crateVersion, "pkg/package.json and Cargo.toml carry one version");
  assert.match(log, /^# Changelog\n/);
  const versions = [...log.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map(([, v, d]) => ({ v, d }));
  assert.equal(versions[0]?.v, "Unreleased", "the first section is Unreleased");
  assert.ok(versions.slice(1).every(({ d }) => d), "every released version has a date");
  assert.ok(versions.some(({ v }) => v === npmVersion), `a section for ${npmVersion}`);
  for (const { v } of versions) assert.match(log, new RegExp(`^\\[${v.replace(/\./g, "\\.")}\\]: \\S+$`, "m"), `a link for [${v}]`);
  for (const section of log.split(/^## /m).slice(1)) {
    for (const [, kind] of section.matchAll(/^### (.*)$/gm)) {
      assert.ok(["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"].includes(kind), `### ${kind}`);
    }
  }
});
