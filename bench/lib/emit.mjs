// How a section process hands its result to bench/run.mjs: a JSON file (stdout may be cut short when the
// process exits right after writing a large result to a pipe), then exit at once (open keep-alive sockets
// would otherwise hold the process for seconds).
import { writeFileSync } from "node:fs";

export function emit(result) {
  const file = process.env.BENCH_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(result));
  else process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
