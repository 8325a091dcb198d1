// THE switch that says which implementation every end-to-end test runs:
//   EC2_IMPL=sdk  (default) the real @aws-sdk/client-ec2 — Node imports it directly, the other runtimes get an
//                 esbuild ESM bundle of it made now into tests/out/ (proves the harness without pkg/);
//   EC2_IMPL=wasm the ec2-wasm package in pkg/ (EC2_PKG_DIR overrides the folder, for trying the harness on
//                 another package), located the way each runtime locates a package: Node, Deno and Bun
//                 resolve the bare name "ec2-wasm" through tests/out/node_modules/ec2-wasm -> pkg/ with their
//                 own export conditions; Chromium and workerd, which have no package resolution, get the entry
//                 chosen from pkg/package.json "exports" with the conditions a bundler/wrangler would use.
import { existsSync, mkdirSync, readFileSync, readlinkSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const OUT = path.join(ROOT, "tests", "out");
export const SCENARIO = path.join(ROOT, "tests", "e2e", "scenario.mjs");

export const IMPL = process.env.EC2_IMPL || "wasm";
if (IMPL !== "sdk" && IMPL !== "wasm") {
  throw new Error(`EC2_IMPL must be "sdk" or "wasm", not ${JSON.stringify(IMPL)}`);
}
export const PKG_DIR = path.resolve(ROOT, process.env.EC2_PKG_DIR || "pkg");
export const PACKAGE_NAME = "ec2-wasm";

// @aws-sdk/* warns on every Node < 22 process; the noise hides test output (inherited by child processes)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Export conditions per runtime, in the order that runtime (or its usual bundler) applies them. */
export const CONDITIONS = {
  browser: ["browser", "import", "default"],
  workerd: ["workerd", "worker", "browser", "import", "default"],
};

function out(...parts) {
  const file = path.join(OUT, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Writes a file only when its content differs (several test files may prepare the same stub). */
function writeStub(file, text) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return file;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return file;
}

function readPackageJson() {
  const file = path.join(PKG_DIR, "package.json");
  if (!existsSync(file)) {
    throw new Error(`EC2_IMPL=wasm but ${file} does not exist: build the package first (make pkg)`);
  }
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  if (pkg.name !== PACKAGE_NAME) throw new Error(`${file}: name is ${JSON.stringify(pkg.name)}, not "${PACKAGE_NAME}"`);
  return pkg;
}

/** tests/out/node_modules/ec2-wasm -> PKG_DIR, so that stubs in tests/out resolve the bare name "ec2-wasm". */
function linkPackage() {
  readPackageJson();
  const link = out("node_modules", PACKAGE_NAME);
  const target = path.relative(path.dirname(link), PKG_DIR);
  let current = null;
  try {
    current = readlinkSync(link);
  } catch {
    // missing
  }
  if (current !== target) {
    const tmp = `${link}.${process.pid}.tmp`;
    symlinkSync(target, tmp, "dir");
    renameSync(tmp, link); // atomic replace, safe when test files run concurrently
  }
  return link;
}

/**
 * The entry that `exports` selects for `conditions` (subpath "."), relative to the package folder.
 * Enough of the Node algorithm for a package's own map: sugar form, nested conditions, arrays, "default".
 */
export function resolveExports(pkg, conditions) {
  let target = pkg.exports;
  if (target === undefined) throw new Error(`${PACKAGE_NAME}/package.json has no "exports" map`);
  if (target !== null && typeof target === "object" && !Array.isArray(target) && Object.keys(target).some((k) => k.startsWith("."))) {
    target = target["."];
  }
  const pick = (t) => {
    if (typeof t === "string") return t;
    if (Array.isArray(t)) {
      for (const item of t) {
        const r = pick(item);
        if (r) return r;
      }
      return null;
    }
    if (t !== null && typeof t === "object") {
      for (const [key, value] of Object.entries(t)) {
        if (key === "default" || conditions.includes(key)) {
          const r = pick(value);
          if (r) return r;
        }
      }
    }
    return null;
  };
  const entry = pick(target);
  if (!entry) throw new Error(`${PACKAGE_NAME}: "exports" has no entry for conditions ${conditions.join(", ")}`);
  if (!entry.startsWith("./")) throw new Error(`${PACKAGE_NAME}: export target ${entry} must start with "./"`);
  return entry.slice(2);
}

// The SDK's browser build parses XML with DOMParser, which Deno, Bun and workerd lack: for them, keep the
// browser build but swap in the SDK's own pure-JS parser (what its Node build uses).
const pureJsXmlParser = {
  name: "pure-js-xml-parser",
  setup(build) {
    build.onResolve({ filter: /^\.\/xml-parser(\.js)?$/ }, (args) =>
      /[\\/]@aws-sdk[\\/]xml-builder[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), "xml-parser.js") } : undefined,
    );
  },
};

/** ESM bundle of @aws-sdk/client-ec2 for one runtime, into tests/out/sdk-<name>.mjs. */
export async function bundleSdk(name, { platform = "browser", conditions = [], domParser = true } = {}) {
  const { build } = await import("esbuild");
  const outfile = out(`sdk-${name}.mjs`);
  const tmp = `${outfile}.${process.pid}.tmp.mjs`;
  await build({
    stdin: { contents: 'export * from "@aws-sdk/client-ec2";', resolveDir: ROOT, loader: "js", sourcefile: `sdk-${name}-entry.mjs` },
    bundle: true,
    format: "esm",
    platform,
    conditions,
    target: "es2022",
    outfile: tmp,
    logLevel: "error",
    plugins: domParser ? [] : [pureJsXmlParser],
  });
  renameSync(tmp, outfile);
  return outfile;
}

/** For the in-process Node ESM test: the module namespace and the file it came from. */
export async function importForNode() {
  if (IMPL === "sdk") {
    return { sdk: await import("@aws-sdk/client-ec2"), resolved: import.meta.resolve("@aws-sdk/client-ec2") };
  }
  linkPackage();
  const entry = writeStub(out("node-esm-entry.mjs"), `export * from "${PACKAGE_NAME}";\n`);
  const where = writeStub(out("node-esm-where.mjs"), `export default import.meta.resolve("${PACKAGE_NAME}");\n`);
  const sdk = await import(pathToFileURL(entry).href);
  const { default: resolved } = await import(pathToFileURL(where).href);
  return { sdk, resolved };
}

/** For the CommonJS child: a .cjs file whose module.exports is require(<the implementation>). */
export function cjsEntry() {
  const specifier = IMPL === "sdk" ? "@aws-sdk/client-ec2" : PACKAGE_NAME;
  if (IMPL === "wasm") linkPackage();
  return writeStub(out(`node-cjs-entry-${IMPL}.cjs`), `module.exports = require(${JSON.stringify(specifier)});\n`);
}

/** Deno / Bun: the module file to import, and a module whose default export is the resolved entry URL. */
export async function entryForScriptRuntime(runtime) {
  if (IMPL === "sdk") {
    const file = await bundleSdk(runtime, { platform: "browser", conditions: [runtime], domParser: false });
    const url = pathToFileURL(file).href;
    return { entry: url, where: null, resolved: url };
  }
  linkPackage();
  const entry = writeStub(out(`${runtime}-entry.mjs`), `export * from "${PACKAGE_NAME}";\n`);
  const where = writeStub(out(`${runtime}-where.mjs`), `export default import.meta.resolve("${PACKAGE_NAME}");\n`);
  return { entry: pathToFileURL(entry).href, where: pathToFileURL(where).href, resolved: null };
}

/**
 * Chromium: a folder to serve and the entry inside it. For wasm the whole package folder is served (the entry
 * fetches its .wasm relative to import.meta.url).
 */
export async function entryForBrowser() {
  if (IMPL === "sdk") {
    const file = await bundleSdk("browser", { platform: "browser", conditions: ["browser"] });
    return { dir: OUT, entry: path.basename(file) };
  }
  const pkg = readPackageJson();
  const entry = resolveExports(pkg, CONDITIONS.browser);
  if (!existsSync(path.join(PKG_DIR, entry))) throw new Error(`browser entry ${entry} is missing from ${PKG_DIR}`);
  return { dir: realpathSync(PKG_DIR), entry };
}

/**
 * workerd: the modules to list in the capnp config — { name, type: "esModule"|"wasm"|"json"|"commonJsModule"|"text"|"data", file }
 * — and the module name of the entry. For wasm, the entry's relative static imports are followed, so that the
 * .wasm file it imports is listed as a wasm module (workerd cannot compile wasm from bytes at run time).
 */
export async function modulesForWorkerd() {
  if (IMPL === "sdk") {
    const file = await bundleSdk("workerd", { platform: "browser", conditions: CONDITIONS.workerd.slice(0, 3), domParser: false });
    return { modules: [{ name: "impl/sdk-workerd.mjs", type: "esModule", file }], entryName: "impl/sdk-workerd.mjs" };
  }
  const pkg = readPackageJson();
  const entry = resolveExports(pkg, CONDITIONS.workerd);
  const modules = new Map();
  const visit = (rel) => {
    if (rel.startsWith("../")) throw new Error(`workerd entry imports ${rel}, outside the package folder`);
    const name = `impl/${rel}`;
    if (modules.has(name)) return;
    const file = path.join(PKG_DIR, rel);
    if (!existsSync(file)) throw new Error(`workerd module ${rel} is missing from ${PKG_DIR}`);
    const type = moduleType(rel);
    modules.set(name, { name, type, file });
    if (type !== "esModule") return;
    const source = readFileSync(file, "utf8");
    // static `import … from "./x"`, `export … from "./x"`, `import "./x"` and `import("./x")` with literal specifiers
    const re = /(?:\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\1/g;
    for (const m of source.matchAll(re)) {
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[2])));
    }
  };
  visit(entry);
  return { modules: [...modules.values()], entryName: `impl/${entry}` };
}

function moduleType(rel) {
  if (/\.(m?js)$/.test(rel)) return "esModule";
  if (rel.endsWith(".cjs")) return "commonJsModule";
  if (rel.endsWith(".wasm")) return "wasm";
  if (rel.endsWith(".json")) return "json";
  if (rel.endsWith(".txt")) return "text";
  return "data";
}
