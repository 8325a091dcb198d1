// Fixed clock, fixed invocation ids and a clean environment, so that two clients
// given the same input must produce the same bytes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RealDate = globalThis.Date;
let fixedMs = null;

/**
 * Replaces the global `Date` with one whose clock reads `fixedMs`.
 *
 * Why not `systemClockOffset`: the SDK signs with `new Date(Date.now() + systemClockOffset)`
 * (AwsSdkSigV4Signer.sign), read at signing time; two clients sending one after the other
 * see different `Date.now()` values and can straddle a second boundary, so the offset
 * alone cannot make two signatures byte-identical. Patching `Date.now` alone is enough
 * for the SDK, but an implementation may read `new Date()` instead (wasm-bindgen's
 * `js_sys::Date::new_0`), so both are fixed here:
 *   - `Date.now()` returns the fixed instant;
 *   - `new Date()` (no arguments) is the fixed instant; with arguments it is the real Date;
 *   - `Date()` called as a function returns the fixed instant's string;
 *   - `Date.prototype` is the real one, so `instanceof Date` and every method keep working;
 *   - statics (`Date.UTC`, `Date.parse`) are inherited from the real Date.
 * Both the SDK and wasm-bindgen glue look `Date` up on the global at call time.
 */
export function installFixedClock() {
  function FixedDate(...args) {
    if (!new.target) return new RealDate(fixedMs ?? RealDate.now()).toString();
    return Reflect.construct(RealDate, args.length ? args : [fixedMs ?? RealDate.now()], new.target);
  }
  Object.setPrototypeOf(FixedDate, RealDate);
  FixedDate.prototype = RealDate.prototype;
  FixedDate.now = () => fixedMs ?? RealDate.now();
  globalThis.Date = FixedDate;
}

export function setClock(ms) {
  fixedMs = ms;
}

export function uninstallFixedClock() {
  globalThis.Date = RealDate;
  fixedMs = null;
}

export { RealDate };

/**
 * Replaces `crypto.randomUUID` (where the SDK draws `amz-sdk-invocation-id`; our package uses the same
 * source) with a per-case sequence that restarts before each client's send.
 */
const realRandomUUID = globalThis.crypto.randomUUID.bind(globalThis.crypto);
let uuidPrefix = '00000000';
let uuidCounter = 0;
export function installFixedUuid() {
  globalThis.crypto.randomUUID = () => {
    uuidCounter++;
    return `${uuidPrefix}-0000-4000-8000-${uuidCounter.toString(16).padStart(12, '0')}`;
  };
}
export function resetUuid(prefix8) {
  uuidPrefix = prefix8;
  uuidCounter = 0;
}
export function uninstallFixedUuid() {
  delete globalThis.crypto.randomUUID;
  if (globalThis.crypto.randomUUID === undefined) globalThis.crypto.randomUUID = realRandomUUID;
}

/**
 * Keeps the developer's environment out of the SDK: every AWS_* variable is removed and the
 * shared config/credentials files point at an empty directory (otherwise AWS_MAX_ATTEMPTS,
 * AWS_RETRY_MODE, ~/.aws/config... would change what the SDK sends).
 */
export function isolateEnvironment() {
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('AWS_') || k === '_X_AMZN_TRACE_ID') delete process.env[k];
  }
  const dir = mkdtempSync(join(tmpdir(), 'ec2-wasm-diff-'));
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  // The SDK warns once that it will drop Node 20 in 2027; the warning is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
