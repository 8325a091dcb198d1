// Node micro-benchmarks, in their own process: `node node-micro.mjs CORE_ENTRY ROUNDS`.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { makeOps, runOps } from "../lib/micro-ops.mjs";
import { emit } from "../lib/emit.mjs";

const [entry, rounds = "9"] = process.argv.slice(2);
const core = await import(entry);
const bytes = new Uint8Array(readFileSync(new URL("../../tests/vectors/model/samples/create-snapshot-response.xml", import.meta.url)));
const ops = await makeOps(core, bytes);
const out = await runOps(ops, { now: () => performance.now(), rounds: Number(rounds), log: (m) => process.stderr.write(`[node micro] ${m}\n`) });
delete out.__sink;
emit(out);
