// Builds tests/out/fake-pkg: a stand-in "ec2-wasm" package made of @aws-sdk/client-ec2 bundles, with an
// exports map shaped like the real one (workerd entry importing a .wasm module, browser, deno, bun, node
// import/require). It exists only to exercise the EC2_IMPL=wasm code paths of the harness before pkg/ exists:
//   node tests/support/fake-pkg.mjs && EC2_IMPL=wasm EC2_PKG_DIR=tests/out/fake-pkg node --test tests/e2e/
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OUT, bundleSdk } from "./impl.mjs";

const dir = path.join(OUT, "fake-pkg");
rmSync(dir, { recursive: true, force: true });
for (const sub of ["web", "edge", "workerd", "node"]) mkdirSync(path.join(dir, sub), { recursive: true });

copyFileSync(await bundleSdk("fake-web", { platform: "browser", conditions: ["browser"] }), path.join(dir, "web", "sdk.js"));
copyFileSync(await bundleSdk("fake-edge", { platform: "browser", conditions: ["workerd", "worker", "browser"], domParser: false }), path.join(dir, "edge", "sdk.js"));
// the smallest valid wasm module: magic and version
writeFileSync(path.join(dir, "fake_bg.wasm"), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));

// web: like wasm-bindgen's web output, fetches its .wasm relative to import.meta.url (top-level await)
writeFileSync(
  path.join(dir, "web", "index.js"),
  `const url = new URL("../fake_bg.wasm", import.meta.url);
await WebAssembly.instantiate(await (await fetch(url)).arrayBuffer());
export * from "./sdk.js";
`,
);
// workerd: imports the .wasm as a module (workerd cannot compile bytes)
writeFileSync(
  path.join(dir, "workerd", "index.js"),
  `import wasmModule from "../fake_bg.wasm";
if (!(wasmModule instanceof WebAssembly.Module)) throw new Error("fake_bg.wasm is not a WebAssembly.Module");
new WebAssembly.Instance(wasmModule, {});
export * from "../edge/sdk.js";
`,
);
writeFileSync(path.join(dir, "edge", "index.js"), `export * from "./sdk.js";\n`);
writeFileSync(path.join(dir, "node", "index.mjs"), `export * from "@aws-sdk/client-ec2";\n`);
writeFileSync(path.join(dir, "node", "index.cjs"), `module.exports = require("@aws-sdk/client-ec2");\n`);
writeFileSync(
  path.join(dir, "package.json"),
  JSON.stringify(
    {
      name: "ec2-wasm",
      version: "0.0.0-fake",
      type: "module",
      sideEffects: false,
      exports: {
        ".": {
          workerd: "./workerd/index.js",
          deno: "./edge/index.js",
          bun: "./edge/index.js",
          browser: "./web/index.js",
          node: { import: "./node/index.mjs", require: "./node/index.cjs" },
          default: "./web/index.js",
        },
        "./package.json": "./package.json",
      },
    },
    null,
    2,
  ),
);
console.log(dir);
