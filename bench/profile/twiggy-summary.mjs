// Groups `twiggy top -f csv` rows of a wasm module into what they belong to (our modules, std pieces,
// wasm-bindgen glue, data), so the size budget can be read at a glance.
// Usage: twiggy top -n 100000 -f csv x.wasm | node bench/profile/twiggy-summary.mjs
import { readFileSync } from "node:fs";

const csv = readFileSync(0, "utf8").trim().split("\n").slice(1);
const rules = [
  ["name section (debug names; not shipped)", /^"+function names|^"+[a-z ]+ names" subsection|subsection/],
  ["data: .rodata (strings, tables)", /^"?data segment/],
  ["wasm-bindgen shims / glue", /shim|wasm_bindgen|__wbindgen|__wbg|externref|^"?(export|import) /],
  ["ec2_wasm::xml (response parser)", /ec2_wasm::xml/],
  ["ec2_wasm::sigv4 + request (signing, URL)", /ec2_wasm::(sigv4|request)/],
  ["ec2_wasm::query (serializer)", /ec2_wasm::query/],
  ["ec2_wasm::retry", /ec2_wasm::retry/],
  ["ec2_wasm::endpoint", /ec2_wasm::endpoint/],
  ["ec2_wasm::js (JS conversion)", /ec2_wasm::js/],
  ["ec2_wasm::time", /ec2_wasm::time/],
  ["ec2_wasm (other)", /ec2_wasm/],
  ["sha2 / hmac / digest", /sha2|hmac|digest|block_buffer/],
  ["float parsing (core::num::dec2flt) / libm pow", /dec2flt|f64 as core.*FromStr|libm|pow/],
  ["core::fmt, panics, Debug/escape, unicode tables", /core.*fmt|panicking|panic|escape_debug|unicode|Debug|Display|slice_error_fail|str_index_overflow|unwrap_failed|expect_failed/],
  ["allocator (dlmalloc, alloc::raw_vec)", /dlmalloc|__rdl|__rust_(alloc|dealloc|realloc)|raw_vec|alloc::alloc|RawVec|finish_grow/],
  ["core::str / slice / sort / memcpy", /core.*(str|slice|sort|mem|iter)|memcpy|memmove|memset|memcmp|compiler_builtins/],
];
const groups = new Map(rules.map(([k]) => [k, { bytes: 0, items: 0, top: [] }]));
groups.set("other (types, tables, small items)", { bytes: 0, items: 0, top: [] });
let total = 0;
for (const line of csv) {
  const m = line.match(/^(.*),(\d+),([\d.]+),[^,]*,[^,]*$/);
  if (!m) continue;
  const [, name, size] = m;
  if (/Total Rows|and \d+ more/.test(name)) continue;
  const bytes = Number(size);
  total += bytes;
  const key = (rules.find(([, re]) => re.test(name)) ?? ["other (types, tables, small items)"])[0];
  const g = groups.get(key);
  g.bytes += bytes;
  g.items++;
  g.top.push([bytes, name.replace(/^"|"$/g, "").replace(/""/g, '"').replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "")]);
}
console.log("| Part of the module | Bytes | % | Largest items |");
console.log("|---|---:|---:|---|");
for (const [k, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) {
  if (!g.bytes) continue;
  g.top.sort((a, b) => b[0] - a[0]);
  const top = g.top.slice(0, 3).map(([b, n]) => `${n.length > 60 ? n.slice(0, 57) + "…" : n} (${b})`).join("; ");
  console.log(`| ${k} | ${g.bytes} | ${((100 * g.bytes) / total).toFixed(1)} | ${top.replace(/\|/g, "\\|")} |`);
}
console.log(`| **total** | ${total} | 100 | |`);
