// Loads the two sides: the real @aws-sdk/client-ec2, and the implementation under test.
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIFF_DIR = resolve(HERE, '..');
export const REPO_ROOT = resolve(DIFF_DIR, '../..');
const PKG_DIR = join(REPO_ROOT, 'pkg');
const LINK = join(DIFF_DIR, 'node_modules', 'ec2-wasm');

function pick(mod, from) {
  const m = mod?.EC2Client ? mod : mod?.default?.EC2Client ? mod.default : null;
  if (!m) throw new Error(`${from} does not export EC2Client`);
  for (const k of ['CreateSnapshotCommand', 'EC2ServiceException']) {
    if (typeof m[k] !== 'function') throw new Error(`${from} does not export ${k}`);
  }
  // Other commands are optional here: a test that needs one checks for it.
  return { EC2Client: m.EC2Client, CreateSnapshotCommand: m.CreateSnapshotCommand, DescribeSnapshotsCommand: m.DescribeSnapshotsCommand, EC2ServiceException: m.EC2ServiceException };
}

/** Points tests/diff/node_modules/ec2-wasm at `target` (relative link), so Node resolves the package's `exports`. */
function linkPackage(target) {
  mkdirSync(dirname(LINK), { recursive: true });
  let current = null;
  try {
    if (lstatSync(LINK).isSymbolicLink()) current = readlinkSync(LINK);
    else rmSync(LINK, { recursive: true, force: true });
  } catch {
    /* absent */
  }
  const rel = target === PKG_DIR ? '../../../pkg' : target;
  if (current !== rel) {
    rmSync(LINK, { force: true });
    symlinkSync(rel, LINK, 'dir');
  }
}

const requireFromRoot = createRequire(join(REPO_ROOT, 'package.json'));

/** The reference: @aws-sdk/client-ec2 from the repository's devDependencies. */
export function loadSdk() {
  const mod = requireFromRoot('@aws-sdk/client-ec2');
  const version = requireFromRoot('@aws-sdk/client-ec2/package.json').version;
  return { label: `@aws-sdk/client-ec2@${version}`, ...pick(mod, '@aws-sdk/client-ec2') };
}

/**
 * A second, independent instance of the SDK (its own classes, its own module state):
 * every module under node_modules is dropped from the require cache first.
 */
function loadSdkAgain() {
  for (const k of Object.keys(requireFromRoot.cache)) {
    if (k.includes(`${join(REPO_ROOT, 'node_modules')}`)) delete requireFromRoot.cache[k];
  }
  const mod = requireFromRoot('@aws-sdk/client-ec2');
  return pick(mod, '@aws-sdk/client-ec2 (second instance)');
}

/**
 * The implementation under test.
 *   EC2_IMPL_UNDER_TEST=<path>   a module file, or a package directory (linked and imported by name)
 *   otherwise, pkg/package.json  -> import 'ec2-wasm' through tests/diff/node_modules/ec2-wasm -> ../../../pkg
 *   otherwise, or when the entry file pkg/'s `exports` names does not exist yet
 *                                -> a second instance of the SDK (selfCheck: true)
 */
export async function loadImpl() {
  const explicit = process.env.EC2_IMPL_UNDER_TEST;
  if (explicit) {
    const p = resolve(process.cwd(), explicit);
    if (!existsSync(p)) throw new Error(`EC2_IMPL_UNDER_TEST=${explicit}: ${p} does not exist`);
    if (statSync(p).isDirectory()) {
      linkPackage(p);
      return { label: `${explicit} (package directory)`, selfCheck: false, ...pick(await import('ec2-wasm'), explicit) };
    }
    return { label: explicit, selfCheck: false, ...pick(await import(pathToFileURL(p).href), explicit) };
  }
  if (existsSync(join(PKG_DIR, 'package.json'))) {
    linkPackage(PKG_DIR);
    try {
      return { label: 'ec2-wasm (pkg/)', selfCheck: false, ...pick(await import('ec2-wasm'), 'ec2-wasm') };
    } catch (e) {
      // pkg/package.json is there but the entry point its `exports` names is not: not built yet.
      // Anything else (the package throws while loading...) is a real failure.
      const missingEntry = e?.code === 'ERR_MODULE_NOT_FOUND' && /[\\/](pkg|ec2-wasm)[\\/]/.test(String(e.message)) && !/imported from .*[\\/](pkg|ec2-wasm)[\\/]/.test(String(e.message));
      if (!missingEntry) throw e;
      return { label: `@aws-sdk/client-ec2 (second instance: pkg/ not built: ${e.message})`, selfCheck: true, ...loadSdkAgain() };
    }
  }
  rmSync(LINK, { force: true });
  return { label: '@aws-sdk/client-ec2 (second instance: pkg/ not built)', selfCheck: true, ...loadSdkAgain() };
}
