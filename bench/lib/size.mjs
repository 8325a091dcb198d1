// Bundles "an app doing one CreateSnapshot" per contender with esbuild, for the browser and for Workers,
// and measures what a user ships: the JS bundle plus every .wasm file it loads, raw, gzip -9 and brotli.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { constants, brotliCompressSync, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

export const ROOT = path.resolve(new URL("../../", import.meta.url).pathname);
export const BENCH = path.join(ROOT, "bench");
export const OUT = path.join(BENCH, "out");
export const APPS = { "ec2-wasm": "ec2-wasm.mjs", "@aws-sdk/client-ec2": "sdk.mjs", aws4fetch: "aws4fetch.mjs", "fetch floor": "floor.mjs" };

/** esbuild settings per target. Workers: what wrangler applies (platform browser, conditions workerd, worker, browser; .wasm imports stay modules). */
const LINKED = Symbol("linked");

export const TARGETS = {
  browser: { platform: "browser", conditions: [] },
  workers: { platform: "browser", conditions: ["workerd", "worker", "browser"], external: ["*.wasm"] },
};

let gzipCli;
/** gzip -9 (the gzip program, as scripts/build-pkg.sh reports it; zlib level 9 where gzip is missing). */
export function gzipSize(buf) {
  if (gzipCli === undefined) {
    try {
      execFileSync("gzip", ["--version"], { stdio: "ignore" });
      gzipCli = true;
    } catch {
      gzipCli = false;
    }
  }
  if (gzipCli) return execFileSync("gzip", ["-9", "-n", "-c"], { input: buf, maxBuffer: 64 << 20 }).length;
  return gzipSync(buf, { level: 9 }).length;
}
export const gzipTool = () => (gzipCli ? "gzip -9 -n" : "node:zlib gzip level 9");

/** brotli at maximum quality (11) and window (24), node:zlib. */
export function brotliSize(buf) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
}

export const sizes = (buf) => ({ raw: buf.length, gzip: gzipSize(buf), brotli: brotliSize(buf) });

/** A directory whose node_modules/ec2-wasm points at `pkgDir`, so "ec2-wasm" resolves there. */
export function linkPackage(pkgDir) {
  const name = path.relative(ROOT, pkgDir).replace(/[^\w]+/g, "_") || "root";
  const dir = path.join(OUT, "links", name);
  const link = path.join(dir, "node_modules", "ec2-wasm");
  mkdirSync(path.dirname(link), { recursive: true });
  let current = null;
  try {
    current = readlinkSync(link);
  } catch {}
  if (current !== pkgDir) {
    rmSync(link, { force: true });
    symlinkSync(pkgDir, link);
  }
  return dir;
}

/** Bundles bench/apps/<app> for `target` into outDir; returns { js, wasm: [files], bytes... }. */
export async function bundleApp(contender, target, { pkgDir = path.join(ROOT, "pkg"), outDir, app = APPS[contender] }) {
  const t = TARGETS[target];
  const linkDir = linkPackage(pkgDir);
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${app.replace(/\.mjs$/, "")}.${target}.js`);
  const result = await esbuild.build({
    entryPoints: [path.join(BENCH, "apps", app)],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: t.platform,
    conditions: t.conditions,
    mainFields: t.mainFields,
    external: t.external,
    legalComments: "none",
    logLevel: "error",
    metafile: true,
    outfile,
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [
      {
        name: "ec2-wasm-from-pkgDir",
        setup(build) {
          build.onResolve({ filter: /^ec2-wasm$/ }, (args) => {
            if (args.pluginData === LINKED) return undefined; // the nested resolve below: esbuild's own rules
            return build.resolve("ec2-wasm", { kind: args.kind, resolveDir: linkDir, pluginData: LINKED }).then((r) =>
              r.errors.length ? { errors: r.errors } : { path: r.path },
            );
          });
        },
      },
    ],
  });
  const js = readFileSync(outfile);
  // Every .wasm the bundle loads (new URL("./x.wasm", import.meta.url) or `import m from "./x.wasm"`),
  // taken from the package's dist folder and copied beside the bundle, as a deployment would.
  const names = [...new Set([...js.toString().matchAll(/["'`]\.\/([\w.-]+\.wasm)["'`]/g)].map((m) => m[1]))];
  const wasm = names.map((n) => {
    const src = path.join(pkgDir, "dist", n);
    if (!existsSync(src)) throw new Error(`${contender} (${target}) loads ${n}, not found in ${pkgDir}/dist`);
    const buf = readFileSync(src);
    writeFileSync(path.join(outDir, n), buf);
    return { name: n, ...sizes(buf) };
  });
  const jsSizes = sizes(js);
  const total = {
    raw: jsSizes.raw + wasm.reduce((s, w) => s + w.raw, 0),
    gzip: jsSizes.gzip + wasm.reduce((s, w) => s + w.gzip, 0),
    brotli: jsSizes.brotli + wasm.reduce((s, w) => s + w.brotli, 0),
  };
  return { contender, target, outfile, js: jsSizes, wasm, total, inputs: Object.keys(result.metafile.inputs).length };
}
