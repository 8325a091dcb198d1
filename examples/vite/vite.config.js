import { defineConfig } from "vite";

export default defineConfig({
  // ec2-wasm loads its .wasm from beside its own module (new URL(…, import.meta.url)) with a top-level
  // await: the dev server must serve it as it is rather than pre-bundle it. `vite build` handles both.
  optimizeDeps: { exclude: ["ec2-wasm"] },
});
