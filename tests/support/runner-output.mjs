// Reads the `E2E_RESULT <json>` line that a runtime's runner prints.
import assert from "node:assert/strict";

export function parseRunnerOutput(label, { code, signal, stdout, stderr }) {
  const lines = stdout.split("\n").filter((l) => l.startsWith("E2E_RESULT "));
  const context = `${label}: exit ${code}${signal ? ` (${signal})` : ""}\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  assert.equal(code, 0, context);
  assert.equal(lines.length, 1, context);
  return JSON.parse(lines[0].slice("E2E_RESULT ".length));
}
