// Compiled with `tsc --noEmit --strict` (tests/types/tsconfig.json): every key of @aws-sdk/client-ec2's
// EC2ClientConfig, written as code for the SDK writes it, is accepted by ec2-wasm's EC2ClientConfig.
// config-keys-sdk.ts checks the other direction: the SDK's own config type is assignable to ours.
import { EC2Client, HttpRequest, type EC2ClientConfig, type RetryToken } from "ec2-wasm";

const token: RetryToken = { getRetryCount: () => 0, getRetryDelay: () => 0 };

const everyKey: Required<EC2ClientConfig> = {
  region: async () => "eu-west-1",
  credentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "SECRET" }),
  profile: "work",
  credentialDefaultProvider: () => async () => ({ accessKeyId: "AKID", secretAccessKey: "SECRET" }),
  endpoint: { protocol: "https:", hostname: "ec2.example.test", path: "/" },
  endpointProvider: (params) => ({ url: new URL(`https://ec2.${params.Region}.example.test`) }),
  ignoreConfiguredEndpointUrls: true,
  serviceConfiguredEndpoint: undefined as never,
  useFipsEndpoint: async () => undefined,
  useDualstackEndpoint: false,
  tls: true,
  maxAttempts: async () => 4,
  retryMode: "standard",
  retryStrategy: {
    acquireInitialRetryToken: async (scope: string) => token,
    refreshRetryTokenForRetry: async (t, info) => {
      if (info.errorType === "CLIENT_ERROR" || info.retryAfterHint?.getTime() === 0) throw info.error;
      return t;
    },
    recordSuccess: (t) => void t.getRetryCount(),
  },
  systemClockOffset: 0,
  disableClockSkewCorrection: async () => false,
  customUserAgent: [["my-lib", "1.0"], ["plain"]],
  userAgentAppId: async () => "my-app",
  defaultUserAgentProvider: async () => [["my-ua", "2"]],
  logger: console,
  requestHandler: { connectionTimeout: 2000, requestTimeout: 10_000, socketTimeout: 5000, httpsAgent: { keepAlive: true }, httpAgent: {} },
  defaultsMode: "in-region",
  signingRegion: "eu-west-1",
  signingEscapePath: true,
  signer: async () => ({ sign: async (r: HttpRequest) => r }),
  signerConstructor: class {
    constructor(readonly options: unknown) {}
    async sign(r: HttpRequest) {
      return r;
    }
  },
  authSchemePreference: ["sigv4"],
  httpAuthSchemes: [{ schemeId: "aws.auth#sigv4", identityProvider: () => undefined, signer: { sign: async (r) => r } }],
  httpAuthSchemeProvider: () => [{ schemeId: "aws.auth#sigv4" }],
  apiVersion: "2016-11-15",
  serviceId: "EC2",
  runtime: "node",
  disableHostPrefix: false,
  cacheMiddleware: false,
  protocol: {},
  protocolSettings: { defaultNamespace: "com.amazonaws.ec2" },
  extensions: [{ configure: (c) => void c }],
  sha256: class {
    constructor(readonly secret?: string | ArrayBuffer | ArrayBufferView) {}
  },
  urlParser: (url) => ({ protocol: "https:", hostname: String(url), path: "/" }),
  bodyLengthChecker: (body) => (typeof body === "string" ? body.length : undefined),
  streamCollector: async () => new Uint8Array(),
  base64Decoder: (s) => new TextEncoder().encode(s),
  base64Encoder: (b) => String(b),
  utf8Decoder: (s) => new TextEncoder().encode(s),
  utf8Encoder: (b) => (typeof b === "string" ? b : new TextDecoder().decode(b)),
};
new EC2Client(everyKey);

// The older retry strategy form, and a request handler object.
new EC2Client({ retryStrategy: { mode: "custom", retry: (next, args) => next(args) } });
new EC2Client({ requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: {} } }) } });
new EC2Client({ userAgentAppId: "my-app", region: undefined });

// What the SDK rejects is rejected.
// @ts-expect-error userAgentAppId is a string
new EC2Client({ userAgentAppId: 42 });
// @ts-expect-error a retry strategy needs the whole interface
new EC2Client({ retryStrategy: { acquireInitialRetryToken: async () => token } });
// @ts-expect-error profile is a string
new EC2Client({ profile: ["a"] });

const resolved = new EC2Client({}).config;
resolved.userAgentAppId().then((id: string | undefined) => id);
