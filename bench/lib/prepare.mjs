// Freezes the build under test and builds everything the benchmark runs:
// - bench/out/pkg: a copy of pkg/ (package.json + dist/), so a `make pkg` running meanwhile (other work on
//   this tree) cannot change the files between sections; bench/node_modules/ec2-wasm links to it, so Node
//   scripts in bench/ import "ec2-wasm" exactly as a user would (the package's "node" export).
// - bench/out/core-src: the wasm-bindgen glue and JS shell that scripts/build-pkg.sh leaves in
//   target/pkg-tmp, plus the bench-only entries; bench/out/core/node-bench.mjs is built from them.
// - bench/out/site: the Chromium pages and their esbuild bundles (browser conditions).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { BENCH, OUT, ROOT, linkPackage } from "./size.mjs";

const TMP = path.join(ROOT, "target", "pkg-tmp");

function need(file, what) {
  if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing (${what}): run \`make pkg\` first`);
}

export async function prepare(log = console.error) {
  need(path.join(ROOT, "pkg", "dist", "ec2_wasm_bg.wasm"), "the package");
  need(path.join(TMP, "ec2_wasm.js"), "the wasm-bindgen glue the bench-only entry is built from");
  for (const d of ["pkg", "core-src", "core", "site", "size", "workerd"]) rmSync(path.join(OUT, d), { recursive: true, force: true });

  // 1. the package, frozen
  const pkg = path.join(OUT, "pkg");
  mkdirSync(pkg, { recursive: true });
  cpSync(path.join(ROOT, "pkg", "package.json"), path.join(pkg, "package.json"));
  cpSync(path.join(ROOT, "pkg", "dist"), path.join(pkg, "dist"), { recursive: true });
  const link = path.join(BENCH, "node_modules", "ec2-wasm");
  mkdirSync(path.dirname(link), { recursive: true });
  let cur = null;
  try {
    cur = readlinkSync(link);
  } catch {}
  if (cur !== "../out/pkg") {
    rmSync(link, { force: true, recursive: true });
    symlinkSync("../out/pkg", link);
  }
  const wasmFile = path.join(pkg, "dist", "ec2_wasm_bg.wasm");
  const wasmBytes = readFileSync(wasmFile);

  // 2. the bench-only core entry, from target/pkg-tmp
  const src = path.join(OUT, "core-src");
  mkdirSync(src, { recursive: true });
  for (const f of readdirSync(TMP)) if (/\.(m?js)$/.test(f)) cpSync(path.join(TMP, f), path.join(src, f));
  // the module before wasm-opt, with its names: what the profile step feeds to twiggy
  cpSync(path.join(TMP, "ec2_wasm_bg.wasm"), path.join(src, "ec2_wasm_bg.pre-opt.wasm"));
  for (const f of readdirSync(path.join(BENCH, "entries"))) cpSync(path.join(BENCH, "entries", f), path.join(src, f));
  let glue = readFileSync(path.join(src, "ec2_wasm.js"), "utf8");
  if (/function __wbg_get_imports\(/.test(glue) && !/export \{[^}]*__wbg_get_imports/.test(glue)) {
    glue += "\nexport { __wbg_get_imports };\n"; // bench copy only: lets a page time new WebAssembly.Instance alone
    writeFileSync(path.join(src, "ec2_wasm.js"), glue);
  }
  // The glue must belong to the same build as pkg/dist's wasm: same import names (they carry hashes).
  const wanted = WebAssembly.Module.imports(new WebAssembly.Module(wasmBytes)).map((i) => i.name);
  const missing = wanted.filter((n) => !glue.includes(n));
  if (missing.length) {
    throw new Error(`target/pkg-tmp/ec2_wasm.js does not match pkg/dist/ec2_wasm_bg.wasm (imports ${missing.slice(0, 3).join(", ")} not in the glue): run \`make pkg\` again`);
  }
  const core = path.join(OUT, "core");
  mkdirSync(core, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(src, "node-bench.mjs")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node18",
    minify: true,
    keepNames: true,
    legalComments: "none",
    logLevel: "error",
    outfile: path.join(core, "node-bench.mjs"),
  });
  cpSync(wasmFile, path.join(core, "ec2_wasm_bg.wasm"));

  // 3. the Chromium site
  const site = path.join(OUT, "site");
  mkdirSync(path.join(site, "pkg"), { recursive: true });
  cpSync(wasmFile, path.join(site, "ec2_wasm_bg.wasm"));
  cpSync(path.join(ROOT, "tests/vectors/model/samples/create-snapshot-response.xml"), path.join(site, "sample.xml"));
  cpSync(path.join(pkg, "dist", "web.mjs"), path.join(site, "pkg", "web.mjs"));
  cpSync(wasmFile, path.join(site, "pkg", "ec2_wasm_bg.wasm"));
  const linkDir = linkPackage(pkg);
  const aliases = { "bench-core": path.join(src, "web-bench.mjs") };
  for (const page of ["percall", "micro", "inst"]) {
    await esbuild.build({
      entryPoints: [path.join(BENCH, "browser", `${page}.mjs`)],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      keepNames: true,
      legalComments: "none",
      logLevel: "error",
      define: { "process.env.NODE_ENV": '"production"' },
      outfile: path.join(site, `${page}.js`),
      plugins: [
        {
          name: "bench-resolve",
          setup(build) {
            const NESTED = Symbol("nested");
            build.onResolve({ filter: /^(bench-core|ec2-wasm)$/ }, (args) => {
              if (aliases[args.path]) return { path: aliases[args.path] };
              if (args.pluginData === NESTED) return undefined;
              return build.resolve(args.path, { kind: args.kind, resolveDir: linkDir, pluginData: NESTED }).then((r) => (r.errors.length ? { errors: r.errors } : { path: r.path }));
            });
          },
        },
      ],
    });
    writeFileSync(path.join(site, `${page}.html`), `<!doctype html><meta charset="utf-8"><title>${page}</title><script type="module" src="./${page}.js"></script>\n`);
  }
  writeFileSync(path.join(site, "import.html"), `<!doctype html><meta charset="utf-8"><title>import</title>\n`);
  log(`prepared: package ${wasmBytes.length} B wasm (frozen in bench/out/pkg), bench-only core entry, Chromium site`);
  return { pkg, core: path.join(core, "node-bench.mjs"), site, wasmFile };
}
