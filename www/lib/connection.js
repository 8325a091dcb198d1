// What a send needs beyond the form's config: credentials from a Cognito identity pool (one provider for
// the page's life per pool, so clicks reuse the identity and its credentials until they near expiry;
// the keys stay in this closure, only the identity id is stored, by the package) and, behind a CORS
// relay, the EC2 host requests are signed for (examples/relay-worker/README.md).

// @smithy/core's window: credentials within 5 minutes of expiry are fetched again.
const EXPIRY_WINDOW_MS = 300_000;
let pool = null; // { key, provider }

/** Drops the pool's credentials (the "Forget credentials" button). */
export function forgetCognito() {
  pool = null;
}

function cognitoProvider(sdk, cognito) {
  const key = JSON.stringify(cognito);
  if (pool?.key !== key) {
    const source = sdk.fromCognitoIdentityPool({
      identityPoolId: cognito.identityPoolId,
      clientConfig: { region: cognito.region, ...(cognito.endpoint ? { endpoint: cognito.endpoint } : {}) },
    });
    let current = null;
    let pending = null;
    const provider = async () => {
      if (current && !(current.expiration?.getTime() - Date.now() < EXPIRY_WINDOW_MS)) return current;
      pending ??= source()
        .then((c) => (current = c))
        .finally(() => (pending = null));
      return pending;
    };
    pool = { key, provider };
  }
  return pool.provider;
}

/**
 * `{ sdk, config }` for one use of the form's values: `config` with the pool's credentials provider
 * when a pool is given, and `sdk` whose EC2Client signs for `signingHost` when one is given (a
 * middleware just before signing; the endpoint stays the relay's URL).
 */
export function connect(sdk, { config, connection }) {
  const full = connection.cognito ? { ...config, credentials: cognitoProvider(sdk, connection.cognito) } : config;
  const host = connection.signingHost;
  if (!host) return { sdk, config: full };
  class RelayedEC2Client extends sdk.EC2Client {
    constructor(c) {
      super(c);
      this.middlewareStack.addRelativeTo(
        (next) => (args) => {
          args.request.headers.host = host;
          return next(args);
        },
        { relation: "before", toMiddleware: "httpSigningMiddleware", name: "signForEc2Host", override: true },
      );
    }
  }
  return { sdk: { ...sdk, EC2Client: RelayedEC2Client }, config: full };
}
