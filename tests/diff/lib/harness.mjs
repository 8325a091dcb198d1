// Runs one case against both clients, one after the other, under the same
// clock and invocation id, and collects what the stub saw and what send gave.
import { RealDate, setClock, resetUuid } from './determinism.mjs';
import { Rng } from './prng.mjs';
import { renderBody } from './gen-response.mjs';

/** Credentials the cases choose from: with and without a session token. */
export const CREDENTIALS = [
  { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  {
    accessKeyId: 'ASIAEXAMPLESESSION',
    secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/with+base64==',
  },
  { accessKeyId: 'AKID2', secretAccessKey: 's3cr3t', sessionToken: 't' },
];
export const secretFor = (id) => CREDENTIALS.find((c) => c.accessKeyId === id)?.secretAccessKey;

const SEND_TIMEOUT_MS = Number(process.env.DIFF_SEND_TIMEOUT_MS ?? 10_000);

/** The user-agent fix both clients get, so the signed x-amz-user-agent cannot differ. */
export const FIXED_UA = 'ec2-wasm-differential-test';
function addFixedUserAgent(client, seen) {
  client.middlewareStack.add(
    (next) => async (args) => {
      if (args.request?.headers) {
        seen.xAmzUserAgent = args.request.headers['x-amz-user-agent'];
        seen.userAgent = args.request.headers['user-agent'];
        args.request.headers['x-amz-user-agent'] = FIXED_UA;
      }
      return next(args);
    },
    // build/low runs after the SDK's getUserAgentMiddleware (build/low, added earlier) and before
    // retry + signing (finalizeRequest), so the value is signed.
    { step: 'build', priority: 'low', name: 'diffFixedUserAgent' },
  );
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what}: send did not settle within ${ms} ms`), { name: 'DiffTimeout' })), ms);
    }),
  ]);
}

function cloneInput(input) {
  // structuredClone keeps keys whose value is undefined, which the cases rely on.
  return structuredClone(input);
}

/** Turns a response spec into what the stub sends (body rendered once, shared by both clients). */
/** Clock, invocation id and credentials of one case, from the case's own stream of the run seed. */
export function caseEnvFor(seed, id, extra = {}) {
  const rng = new Rng(`${seed}/${id}/env`);
  return {
    clockMs: rng.range(RealDate.UTC(2001, 0, 1) / 1000, RealDate.UTC(2037, 11, 31) / 1000) * 1000 + rng.int(1000),
    uuidPrefix: rng.hex(8),
    credentials: rng.pick(CREDENTIALS),
    ...extra,
  };
}

export function stubResponse(spec) {
  return { status: spec.status, headers: spec.headers, body: renderBody(spec), chunks: spec.chunks ?? null };
}

/**
 * Sends `input` with each client. `env` = { clockMs, uuidPrefix, credentials, maxAttempts?, responses: [stubResponse],
 * extraMiddleware?: { sdk?(client), impl?(client) }, sends?: how many sends on the same client (default 1),
 * mode?: 'fixed-ua' (default: both clients get the user-agent middleware) or 'plain' (no middleware at all),
 * command?: command class name (default 'CreateSnapshotCommand') }.
 * Returns { sdk: side, impl: side } with side = { result: {ok, value} (the last send), results: [...], requests, seen }.
 */
export async function runBoth(sides, stub, input, env) {
  const out = {};
  for (const [key, pkg] of Object.entries(sides)) {
    stub.respond(env.responses);
    stub.take();
    setClock(env.clockMs);
    resetUuid(env.uuidPrefix);
    const seen = {};
    let client;
    let result;
    const results = [];
    try {
      const config = { region: 'us-east-1', endpoint: stub.url, credentials: { ...env.credentials } };
      if (env.maxAttempts !== undefined) config.maxAttempts = env.maxAttempts;
      client = new pkg.EC2Client(config);
      if (env.mode !== 'plain') addFixedUserAgent(client, seen);
      env.extraMiddleware?.[key]?.(client);
      for (let i = 0; i < (env.sends ?? 1); i++) {
        try {
          // env.command: which command class to send (default CreateSnapshotCommand).
          const command = new pkg[env.command ?? 'CreateSnapshotCommand'](cloneInput(input));
          result = { ok: true, value: await withTimeout(client.send(command), SEND_TIMEOUT_MS, key) };
        } catch (e) {
          result = { ok: false, value: e };
        }
        results.push(result);
      }
    } catch (e) {
      result = { ok: false, value: e };
      results.push(result);
    } finally {
      try {
        client?.destroy?.();
      } catch {
        /* ignore */
      }
    }
    out[key] = { result, results, requests: stub.take(), seen };
  }
  Object.defineProperty(out, 'env', { value: env });
  return out;
}

/**
 * Greedy shrinking: tries each smaller candidate in turn, keeps the first that still fails,
 * starts again from it; stops when none fails or the budget is spent.
 */
export async function shrink(value, candidatesOf, stillFails, budget) {
  let current = value;
  let tries = 0;
  let progress = true;
  while (progress && tries < budget) {
    progress = false;
    for (const cand of candidatesOf(current)) {
      if (tries++ >= budget) break;
      if (await stillFails(cand)) {
        current = cand;
        progress = true;
        break;
      }
    }
  }
  return { value: current, tries };
}

export function halves(s) {
  if (typeof s !== 'string' || s.length < 2) return s === '' || typeof s !== 'string' ? [] : [''];
  const chars = [...s];
  const mid = Math.floor(chars.length / 2);
  return ['', chars.slice(0, mid).join(''), chars.slice(mid).join('')];
}

/** Smaller versions of a CreateSnapshot input. */
export function* inputCandidates(input) {
  const clone = () => structuredClone(input);
  for (const k of Object.keys(input)) {
    if (k === 'VolumeId') continue;
    const c = clone();
    delete c[k];
    yield c;
  }
  const specs = input.TagSpecifications;
  if (Array.isArray(specs)) {
    if (specs.length > 1) {
      const mid = Math.floor(specs.length / 2);
      for (const part of [specs.slice(0, mid), specs.slice(mid)]) {
        const c = clone();
        c.TagSpecifications = structuredClone(part);
        yield c;
      }
    }
    for (let i = 0; i < specs.length; i++) {
      const c = clone();
      c.TagSpecifications.splice(i, 1);
      yield c;
      for (const k of Object.keys(specs[i] ?? {})) {
        const d = clone();
        delete d.TagSpecifications[i][k];
        yield d;
      }
      const tags = specs[i]?.Tags;
      if (Array.isArray(tags)) {
        if (tags.length > 1) {
          const mid = Math.floor(tags.length / 2);
          for (const part of [tags.slice(0, mid), tags.slice(mid)]) {
            const c2 = clone();
            c2.TagSpecifications[i].Tags = structuredClone(part);
            yield c2;
          }
        }
        for (let j = 0; j < tags.length; j++) {
          const c2 = clone();
          c2.TagSpecifications[i].Tags.splice(j, 1);
          yield c2;
          for (const k of Object.keys(tags[j] ?? {})) {
            const d = clone();
            delete d.TagSpecifications[i].Tags[j][k];
            yield d;
            for (const h of halves(tags[j][k])) {
              const e = clone();
              e.TagSpecifications[i].Tags[j][k] = h;
              yield e;
            }
          }
        }
      }
    }
  }
  for (const k of ['VolumeId', 'Description', 'OutpostArn']) {
    for (const h of halves(input[k])) {
      const c = clone();
      c[k] = h;
      yield c;
    }
  }
}

function cloneSpec(spec) {
  const { bodyBytes, ...rest } = spec;
  return structuredClone(rest);
}

/** Smaller versions of a response spec: fewer headers, fewer elements, shorter texts, no chunking. */
export function* responseCandidates(spec) {
  if (spec.chunks) {
    const c = cloneSpec(spec);
    c.chunks = null;
    yield c;
  }
  for (const flag of ['pretty', 'decl']) {
    if (spec[flag]) {
      const c = cloneSpec(spec);
      c[flag] = false;
      yield c;
    }
  }
  for (let i = 0; i < spec.headers.length; i++) {
    const c = cloneSpec(spec);
    c.headers.splice(i, 1);
    yield c;
  }
  // Every element below the root, by path of child indexes.
  const paths = [];
  const walk = (node, path) => {
    (node.children ?? []).forEach((child, i) => {
      paths.push([...path, i]);
      if ('el' in child) walk(child, [...path, i]);
    });
  };
  if (spec.root) walk(spec.root, []);
  const at = (root, path) => path.reduce((n, i) => n.children[i], root);
  for (const path of paths) {
    const c = cloneSpec(spec);
    const parent = at(c.root, path.slice(0, -1));
    parent.children.splice(path[path.length - 1], 1);
    yield c;
  }
  for (const path of paths) {
    const node = at(spec.root, path);
    if ('text' in node) {
      for (const h of halves(node.text)) {
        const c = cloneSpec(spec);
        at(c.root, path).text = h;
        yield c;
      }
    }
  }
}
