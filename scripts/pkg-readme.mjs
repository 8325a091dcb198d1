// The npm package's README, cut from the repository's README.md: every part between
// `<!-- npm-readme:begin -->` and `<!-- npm-readme:end -->`, in order. One text, two readers: the root
// README stays the only copy anyone edits. scripts/build-pkg.sh writes it beside pkg/dist, and
// tests/publish/ checks that the packed tarball carries exactly this text.
//
//   node scripts/pkg-readme.mjs OUT.md     writes the README
//   import { pkgReadme } from "./pkg-readme.mjs"   returns it
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BEGIN = "<!-- npm-readme:begin -->";
const END = "<!-- npm-readme:end -->";
const ROOT_README = fileURLToPath(new URL("../README.md", import.meta.url));

/** The npm README made from `source` (the root README's text). Throws on unbalanced markers. */
export function pkgReadme(source = readFileSync(ROOT_README, "utf8")) {
  const parts = [];
  let open = -1;
  const lines = source.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === BEGIN) {
      if (open >= 0) throw new Error(`README.md:${i + 1}: ${BEGIN} inside an open part (opened at line ${open + 1})`);
      open = i;
    } else if (line.trim() === END) {
      if (open < 0) throw new Error(`README.md:${i + 1}: ${END} without a ${BEGIN}`);
      parts.push(lines.slice(open + 1, i).join("\n").trim());
      open = -1;
    }
  }
  if (open >= 0) throw new Error(`README.md:${open + 1}: ${BEGIN} is never closed`);
  if (parts.length === 0) throw new Error(`README.md: no ${BEGIN} … ${END} part`);
  const text = parts.join("\n\n");
  // A relative link or image would point nowhere on the registry's page.
  const relative = text.match(/\]\((?!https?:|mailto:|#)[^)]*\)/);
  if (relative) throw new Error(`README.md: the npm parts link to ${relative[0].slice(1)}; use an absolute URL or plain text`);
  // Anchors inside the npm text must name one of its own headings.
  for (const [, anchor] of text.matchAll(/\]\(#([^)]*)\)/g)) {
    const slugs = [...text.matchAll(/^#+ (.*)$/gm)].map(([, h]) => h.toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-"));
    if (!slugs.includes(anchor)) throw new Error(`README.md: the npm parts link to #${anchor}, a heading they do not hold`);
  }
  return `<!-- Made from the repository's README.md by scripts/pkg-readme.mjs. -->\n${text}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node scripts/pkg-readme.mjs OUT.md");
    process.exit(2);
  }
  writeFileSync(out, pkgReadme());
}
