// Lists a wasm module's data segments (size, name from the "name" section if present, and a preview of
// the printable strings inside), to see what .rodata holds. Usage: node bench/profile/wasm-data.mjs x.wasm
import { readFileSync } from "node:fs";

export function dataSegments(buf, top = 12) {
const lines = [];
let p = 8;
const u32 = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80);
  return r >>> 0;
};
const segments = [];
const names = new Map();
while (p < buf.length) {
  const id = buf[p++];
  const size = u32();
  const end = p + size;
  if (id === 11) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      const flags = u32();
      if (flags === 2) u32();
      if (flags !== 1) { while (buf[p] !== 0x0b) p++; p++; } // skip the offset expression (const + end)
      const len = u32();
      segments.push({ index: i, bytes: buf.subarray(p, p + len) });
      p += len;
    }
  } else if (id === 0) {
    const nlen = u32();
    const name = buf.subarray(p, p + nlen).toString();
    p += nlen;
    if (name === "name") {
      while (p < end) {
        const sub = buf[p++];
        const sublen = u32();
        const subend = p + sublen;
        if (sub === 9) {
          const count = u32();
          for (let i = 0; i < count; i++) {
            const idx = u32();
            const l = u32();
            names.set(idx, buf.subarray(p, p + l).toString());
            p += l;
          }
        }
        p = subend;
      }
    }
  }
  p = end;
}
segments.sort((a, b) => b.bytes.length - a.bytes.length);
for (const s of segments.slice(0, top)) {
  const strings = Buffer.from(s.bytes).toString("latin1").match(/[\x20-\x7e]{6,}/g) ?? [];
  const printable = strings.reduce((n, x) => n + x.length, 0);
  lines.push(`${String(s.bytes.length).padStart(7)} B  ${names.get(s.index) ?? `segment ${s.index}`}  (${printable} B in printable runs)`);
  lines.push(`          ${strings.slice(0, 8).map((x) => JSON.stringify(x.slice(0, 48))).join(" ")}`);
}
lines.push(`total data: ${segments.reduce((n, s) => n + s.bytes.length, 0)} B in ${segments.length} segments`);
return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(dataSegments(readFileSync(process.argv[2]), Number(process.argv[3] ?? 12)));
