// Reads the subset of TOML that examples/worker/wrangler.toml uses — `key = "string"`, `key = ["a", …]`,
// `[section]`, comments — so the workerd config the test writes follows the example's own settings.
export function parseWranglerToml(text) {
  const out = {};
  let section = out;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#")) continue;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (header) {
      section = out[header[1]] ??= {};
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!kv) throw new Error(`wrangler.toml line ${i + 1}: not understood by this reader: ${raw}`);
    // basic strings and arrays of them are valid JSON as written in this file
    section[kv[1]] = JSON.parse(kv[2]);
  }
  return out;
}
