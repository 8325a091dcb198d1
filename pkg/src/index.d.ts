// Types of ec2-wasm: the same names and shapes as @aws-sdk/client-ec2 for CreateSnapshot.

/** Response metadata, as in @smithy/types. */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
  clockSkewCorrected?: boolean;
}

export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly credentialScope?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}

export type AwsCredentialIdentityProvider = (options?: { forceRefresh?: boolean }) => Promise<AwsCredentialIdentity>;
export type Provider<T> = () => Promise<T>;

export interface Logger {
  trace?: (...content: any[]) => void;
  debug: (...content: any[]) => void;
  info: (...content: any[]) => void;
  warn: (...content: any[]) => void;
  error: (...content: any[]) => void;
}

export interface EndpointV2 {
  url: URL;
  properties?: Record<string, unknown>;
  headers?: Record<string, string[]>;
}

export interface Endpoint {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | Array<string> | null>;
}

export interface HttpHandlerOptions {
  abortSignal?: AbortSignal;
  requestTimeout?: number;
}

export interface HttpRequestOptions {
  method?: string;
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: any;
}

export declare class HttpRequest {
  constructor(options: HttpRequestOptions);
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: any;
  clone(): HttpRequest;
  static isInstance(request: unknown): request is HttpRequest;
}

export interface HttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body?: any;
}

export interface RequestHandler {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
}

/**
 * The SDK's request handler options (@smithy/types NodeHttpHandlerOptions and FetchHttpHandlerOptions),
 * given as `requestHandler` or to `new NodeHttpHandler(…)` / `new FetchHttpHandler(…)`.
 * Both transports: `requestTimeout` (ms until the response headers; a warning, or the attempt fails with
 * `throwOnRequestTimeout`). node:http (the default in Node): `connectionTimeout`, `socketTimeout`,
 * `httpAgent`, `httpsAgent`. Accepted and not applied: `socketAcquisitionWarningTimeout`, `keepAlive`,
 * `cache`, `credentials`, `requestInit` (see README).
 */
export interface RequestHandlerOptions {
  requestTimeout?: number;
  throwOnRequestTimeout?: boolean;
  /** node:http only: ms for the socket to connect (a reused keep-alive socket is connected). */
  connectionTimeout?: number;
  /** node:http only: ms of inactivity on the connected socket, headers and body alike. */
  socketTimeout?: number;
  socketAcquisitionWarningTimeout?: number;
  /**
   * node:http only: a node:http Agent (used as is; the caller destroys it) or the options of the
   * keep-alive agent the client creates (and destroys with `client.destroy()`).
   */
  httpAgent?: object;
  /** node:https only: a node:https Agent or its options, as `httpAgent`. */
  httpsAgent?: object;
  logger?: Logger;
  keepAlive?: boolean;
  credentials?: "include" | "omit" | "same-origin" | string;
  cache?: "default" | "no-store" | "reload" | "no-cache" | "force-cache" | "only-if-cached";
  requestInit?: (httpRequest: HttpRequest) => object;
}

/** @smithy/node-http-handler NodeHttpHandlerOptions (the options NodeHttpHandler honours are listed above). */
export type NodeHttpHandlerOptions = RequestHandlerOptions;
/** @smithy/fetch-http-handler FetchHttpHandlerOptions. */
export type FetchHttpHandlerOptions = RequestHandlerOptions;

/**
 * @smithy/node-http-handler's NodeHttpHandler: node:http / node:https with keep-alive agents, the
 * default in Node. Needs the package's Node entry (elsewhere a send through it is refused with a
 * ConfigurationError). `destroy()` closes the agents it created, not agents it was given.
 */
export declare class NodeHttpHandler implements RequestHandler {
  constructor(options?: NodeHttpHandlerOptions | (() => Promise<NodeHttpHandlerOptions | void>));
  static create(instanceOrOptions?: RequestHandler | NodeHttpHandlerOptions | (() => Promise<NodeHttpHandlerOptions | void>)): RequestHandler;
  readonly metadata: { handlerProtocol: string };
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  destroy(): void;
  updateHttpClientConfig(key: keyof NodeHttpHandlerOptions, value: NodeHttpHandlerOptions[typeof key]): void;
  httpHandlerConfigs(): NodeHttpHandlerOptions;
}

/** @smithy/fetch-http-handler's FetchHttpHandler: the global fetch, the default outside Node. */
export declare class FetchHttpHandler implements RequestHandler {
  constructor(options?: FetchHttpHandlerOptions | (() => Promise<FetchHttpHandlerOptions | void>));
  static create(instanceOrOptions?: RequestHandler | FetchHttpHandlerOptions | (() => Promise<FetchHttpHandlerOptions | void>)): RequestHandler;
  readonly metadata: { handlerProtocol: string };
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  destroy(): void;
  updateHttpClientConfig(key: keyof FetchHttpHandlerOptions, value: FetchHttpHandlerOptions[typeof key]): void;
  httpHandlerConfigs(): FetchHttpHandlerOptions;
}

export type UserAgentPair = [name: string, version?: string];
export type UserAgent = UserAgentPair[];

/** @smithy/types RetryToken. */
export interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
  isLongPoll?(): boolean;
  $retryLog?: { acquisitionDelay?: number };
}
export type RetryErrorType = "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR";
/** @smithy/types RetryErrorInfo: what `refreshRetryTokenForRetry` is told about a failed attempt. */
export interface RetryErrorInfo {
  error?: Error & { $metadata?: ResponseMetadata };
  errorType: RetryErrorType;
  retryAfterHint?: Date;
}
/** @smithy/types RetryStrategyV2: the SDK's ConfiguredRetryStrategy and StandardRetryStrategy are ones. */
export interface RetryStrategyV2 {
  acquireInitialRetryToken(retryTokenScope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(tokenToRenew: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}
/** @smithy/types RetryStrategy (the older form): `retry(next, args)` runs the attempts itself. */
export interface RetryStrategy {
  mode?: string;
  retry: (next: (args: any) => Promise<any>, args: any) => Promise<any>;
}

export type DefaultsMode = "standard" | "in-region" | "cross-region" | "mobile" | "auto" | "legacy";

/** @smithy/types RequestSigner. */
export interface RequestSigner {
  sign(requestToSign: any, options?: any): Promise<any>;
}
/** @smithy/types HttpAuthScheme. */
export interface HttpAuthScheme {
  schemeId: string;
  identityProvider: (config: any) => any;
  signer: { sign(httpRequest: any, identity: any, signingProperties: Record<string, unknown>): Promise<any> };
}
/** @smithy/types HttpAuthOption. */
export interface HttpAuthOption {
  schemeId: string;
  identityProperties?: Record<string, unknown>;
  signingProperties?: Record<string, unknown>;
  propertiesExtractor?: (config: any, context: any) => { identityProperties?: Record<string, unknown>; signingProperties?: Record<string, unknown> };
}
/** The client's endpoint rule parameters (EC2's EndpointParameters). */
export interface EndpointParameters {
  Region?: string;
  UseDualStack?: boolean;
  UseFIPS?: boolean;
  Endpoint?: string;
  [name: string]: string | boolean | string[] | undefined;
}
/** The SDK's RuntimeExtension. */
export interface RuntimeExtension {
  configure(extensionConfiguration: any): void;
}

/**
 * Every key of @aws-sdk/client-ec2's EC2ClientConfig, with its types. What each does here is in the
 * README ("Configuration and credentials"): keys the fetch transport and the core cannot use are
 * accepted and ignored.
 */
export interface EC2ClientConfig {
  region?: string | undefined | Provider<string | undefined>;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** In Node: the shared config file profile for the credential chain, region and endpoints. */
  profile?: string;
  credentialDefaultProvider?: (input: any) => AwsCredentialIdentityProvider;
  endpoint?: string | URL | Endpoint | EndpointV2 | Provider<string | URL | Endpoint | EndpointV2>;
  endpointProvider?: (params: EndpointParameters, context?: { logger?: Logger }) => EndpointV2;
  ignoreConfiguredEndpointUrls?: boolean;
  serviceConfiguredEndpoint?: never;
  useFipsEndpoint?: boolean | Provider<boolean | undefined>;
  useDualstackEndpoint?: boolean | Provider<boolean | undefined>;
  tls?: boolean;
  maxAttempts?: number | Provider<number>;
  retryMode?: "standard" | "adaptive" | string | Provider<string>;
  retryStrategy?: RetryStrategy | RetryStrategyV2;
  systemClockOffset?: number;
  disableClockSkewCorrection?: boolean | Provider<boolean>;
  customUserAgent?: string | UserAgent;
  userAgentAppId?: string | undefined | Provider<string | undefined>;
  defaultUserAgentProvider?: Provider<UserAgent>;
  logger?: Logger;
  requestHandler?: RequestHandlerOptions | RequestHandler | Record<string, unknown>;
  defaultsMode?: DefaultsMode | string | Provider<DefaultsMode | string>;
  signingRegion?: string;
  signingEscapePath?: boolean;
  signer?: RequestSigner | ((authScheme?: any) => Promise<RequestSigner>);
  signerConstructor?: new (options: any) => RequestSigner;
  authSchemePreference?: string[] | Provider<string[]>;
  httpAuthSchemes?: HttpAuthScheme[];
  httpAuthSchemeProvider?: (authParameters: any) => HttpAuthOption[];
  readonly apiVersion?: string;
  serviceId?: string;
  runtime?: string;
  disableHostPrefix?: boolean;
  cacheMiddleware?: boolean;
  protocol?: object;
  protocolSettings?: { defaultNamespace?: string; [setting: string]: unknown };
  extensions?: RuntimeExtension[];
  sha256?: new (secret?: string | ArrayBuffer | ArrayBufferView) => object;
  urlParser?: (url: string | URL) => Endpoint;
  bodyLengthChecker?: (body: any) => number | undefined;
  streamCollector?: (stream: any) => Promise<Uint8Array>;
  base64Decoder?: (input: string) => Uint8Array;
  base64Encoder?: (input: Uint8Array | string) => string;
  utf8Decoder?: (input: string) => Uint8Array;
  utf8Encoder?: (input: Uint8Array | string) => string;
}

export interface EC2ClientResolvedConfig {
  readonly apiVersion: string;
  readonly serviceId: string;
  region: Provider<string>;
  credentials?: AwsCredentialIdentityProvider;
  endpoint?: Provider<string | URL | Endpoint | EndpointV2>;
  useFipsEndpoint: Provider<boolean>;
  useDualstackEndpoint: Provider<boolean>;
  maxAttempts: Provider<number>;
  retryMode: Provider<string>;
  systemClockOffset: number;
  customUserAgent?: string | UserAgentPair[];
  userAgentAppId: Provider<string | undefined>;
  retryStrategy?: Provider<RetryStrategy | RetryStrategyV2>;
  profile?: string;
  logger: Logger;
  requestHandler?: RequestHandlerOptions | RequestHandler | Record<string, unknown>;
  requestTimeout?: number;
  connectionTimeout?: number;
  throwOnRequestTimeout: boolean;
  tls: boolean;
  signingEscapePath: boolean;
  defaultsMode: Provider<string>;
}

export type Step = "initialize" | "serialize" | "build" | "finalizeRequest" | "deserialize";
export type Priority = "high" | "normal" | "low";

export interface HandlerExecutionContext {
  logger?: Logger;
  clientName?: string;
  commandName?: string;
  [key: string]: any;
}

export interface HandlerArguments<Input extends object> {
  input: Input;
  request?: HttpRequest | unknown;
  [key: string]: any;
}

export interface HandlerOutput<Output extends object> {
  output: Output;
  response?: HttpResponse | unknown;
}

export type Handler<Input extends object, Output extends object> = (
  args: HandlerArguments<Input>,
) => Promise<HandlerOutput<Output>>;

export type Middleware<Input extends object, Output extends object> = (
  next: Handler<Input, Output>,
  context: HandlerExecutionContext,
) => Handler<Input, Output>;

export interface HandlerOptions {
  step?: Step;
  priority?: Priority;
  name?: string;
  tags?: string[];
  override?: boolean;
}

export interface RelativeMiddlewareOptions {
  relation: "before" | "after";
  toMiddleware: string;
  name?: string;
  tags?: string[];
  override?: boolean;
}

export interface Pluggable<Input extends object, Output extends object> {
  applyToStack(stack: MiddlewareStack<Input, Output>): void;
}

export declare class MiddlewareStack<Input extends object = any, Output extends object = any> {
  add(middleware: Middleware<Input, Output>, options?: HandlerOptions): void;
  addRelativeTo(middleware: Middleware<Input, Output>, options: RelativeMiddlewareOptions): void;
  remove(toRemove: Middleware<Input, Output> | string): boolean;
  removeByTag(toRemove: string): boolean;
  clone(): MiddlewareStack<Input, Output>;
  concat<I extends Input, O extends Output>(from: MiddlewareStack<I, O>): MiddlewareStack<I, O>;
  use(pluggable: Pluggable<Input, Output>): void;
  identify(): string[];
  resolve<I extends Input, O extends Output>(handler: Handler<I, O>, context: HandlerExecutionContext): Handler<I, O>;
}

// ---- The operations' shapes, enums and commands (generated from the model) ------------------

// ---- generated by tests/codegen.rs from the models (`make generate`): begin ----
// The operations' input and output types, named and shaped as in @aws-sdk/client-ec2.

export interface CreateSnapshotRequest {
  Description?: string | undefined;
  OutpostArn?: string | undefined;
  VolumeId: string | undefined;
  TagSpecifications?: TagSpecification[] | undefined;
  Location?: SnapshotLocationEnum | undefined;
  DryRun?: boolean | undefined;
}

export interface DescribeSnapshotsRequest {
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
  OwnerIds?: string[] | undefined;
  RestorableByUserIds?: string[] | undefined;
  SnapshotIds?: string[] | undefined;
  DryRun?: boolean | undefined;
  Filters?: Filter[] | undefined;
}

export interface DescribeSnapshotsResult {
  NextToken?: string | undefined;
  Snapshots?: Snapshot[] | undefined;
}

export interface Filter {
  Name?: string | undefined;
  Values?: string[] | undefined;
}

export type ResourceType =
  | "capacity-reservation"
  | "client-vpn-endpoint"
  | "customer-gateway"
  | "carrier-gateway"
  | "coip-pool"
  | "declarative-policies-report"
  | "dedicated-host"
  | "dhcp-options"
  | "egress-only-internet-gateway"
  | "elastic-ip"
  | "elastic-gpu"
  | "export-image-task"
  | "export-instance-task"
  | "fleet"
  | "fpga-image"
  | "host-reservation"
  | "image"
  | "image-usage-report"
  | "import-image-task"
  | "import-snapshot-task"
  | "instance"
  | "instance-event-window"
  | "internet-gateway"
  | "ipam"
  | "ipam-pool"
  | "ipam-scope"
  | "ipv4pool-ec2"
  | "ipv6pool-ec2"
  | "key-pair"
  | "launch-template"
  | "local-gateway"
  | "local-gateway-route-table"
  | "local-gateway-virtual-interface"
  | "local-gateway-virtual-interface-group"
  | "local-gateway-route-table-vpc-association"
  | "local-gateway-route-table-virtual-interface-group-association"
  | "natgateway"
  | "network-acl"
  | "network-interface"
  | "network-insights-analysis"
  | "network-insights-path"
  | "network-insights-access-scope"
  | "network-insights-access-scope-analysis"
  | "outpost-lag"
  | "placement-group"
  | "prefix-list"
  | "replace-root-volume-task"
  | "reserved-instances"
  | "route-table"
  | "security-group"
  | "security-group-rule"
  | "service-link-virtual-interface"
  | "snapshot"
  | "spot-fleet-request"
  | "spot-instances-request"
  | "subnet"
  | "subnet-cidr-reservation"
  | "traffic-mirror-filter"
  | "traffic-mirror-session"
  | "traffic-mirror-target"
  | "transit-gateway"
  | "transit-gateway-attachment"
  | "transit-gateway-connect-peer"
  | "transit-gateway-multicast-domain"
  | "transit-gateway-policy-table"
  | "transit-gateway-metering-policy"
  | "transit-gateway-route-table"
  | "transit-gateway-route-table-announcement"
  | "volume"
  | "vpc"
  | "vpc-endpoint"
  | "vpc-endpoint-connection"
  | "vpc-endpoint-service"
  | "vpc-endpoint-service-permission"
  | "vpc-peering-connection"
  | "vpn-connection"
  | "vpn-gateway"
  | "vpc-flow-log"
  | "capacity-reservation-fleet"
  | "traffic-mirror-filter-rule"
  | "vpc-endpoint-connection-device-type"
  | "verified-access-instance"
  | "verified-access-group"
  | "verified-access-endpoint"
  | "verified-access-policy"
  | "verified-access-trust-provider"
  | "vpn-connection-device-type"
  | "vpc-block-public-access-exclusion"
  | "vpc-encryption-control"
  | "route-server"
  | "route-server-endpoint"
  | "route-server-peer"
  | "ipam-resource-discovery"
  | "ipam-resource-discovery-association"
  | "instance-connect-endpoint"
  | "verified-access-endpoint-target"
  | "ipam-external-resource-verification-token"
  | "capacity-block"
  | "mac-modification-task"
  | "ipam-prefix-list-resolver"
  | "ipam-policy"
  | "ipam-prefix-list-resolver-target"
  | "ipam-internet-registry-association"
  | "secondary-interface"
  | "secondary-network"
  | "secondary-subnet"
  | "capacity-manager-data-export"
  | "vpn-concentrator"
  | "ipam-pool-allocation"
  | "capacity-reservation-cancellation-quote"
  | "application-status-check";

export declare const SSEType: { readonly none: "none"; readonly sse_ebs: "sse-ebs"; readonly sse_kms: "sse-kms" };
export type SSEType = (typeof SSEType)[keyof typeof SSEType];

export interface Snapshot {
  OwnerAlias?: string | undefined;
  OutpostArn?: string | undefined;
  Tags?: Tag[] | undefined;
  StorageTier?: StorageTier | undefined;
  RestoreExpiryTime?: Date | undefined;
  SseType?: SSEType | undefined;
  AvailabilityZone?: string | undefined;
  TransferType?: TransferType | undefined;
  CompletionDurationMinutes?: number | undefined;
  CompletionTime?: Date | undefined;
  FullSnapshotSizeInBytes?: number | undefined;
  SnapshotId?: string | undefined;
  VolumeId?: string | undefined;
  State?: SnapshotState | undefined;
  StateMessage?: string | undefined;
  StartTime?: Date | undefined;
  Progress?: string | undefined;
  OwnerId?: string | undefined;
  Description?: string | undefined;
  VolumeSize?: number | undefined;
  Encrypted?: boolean | undefined;
  KmsKeyId?: string | undefined;
  DataEncryptionKeyId?: string | undefined;
}

export declare const SnapshotLocationEnum: { readonly LOCAL: "local"; readonly REGIONAL: "regional" };
export type SnapshotLocationEnum = (typeof SnapshotLocationEnum)[keyof typeof SnapshotLocationEnum];

export declare const SnapshotState: { readonly completed: "completed"; readonly error: "error"; readonly pending: "pending"; readonly recoverable: "recoverable"; readonly recovering: "recovering" };
export type SnapshotState = (typeof SnapshotState)[keyof typeof SnapshotState];

export declare const StorageTier: { readonly archive: "archive"; readonly standard: "standard" };
export type StorageTier = (typeof StorageTier)[keyof typeof StorageTier];

export interface Tag {
  Key?: string | undefined;
  Value?: string | undefined;
}

export interface TagSpecification {
  ResourceType?: ResourceType | undefined;
  Tags?: Tag[] | undefined;
}

export declare const TransferType: { readonly standard: "standard"; readonly time_based: "time-based" };
export type TransferType = (typeof TransferType)[keyof typeof TransferType];

export interface CreateSnapshotCommandInput extends CreateSnapshotRequest {}
export interface CreateSnapshotCommandOutput extends Snapshot, MetadataBearer {}
/** `CreateSnapshot`. */
export declare class CreateSnapshotCommand extends Command<CreateSnapshotCommandInput, CreateSnapshotCommandOutput> {}

export interface DescribeSnapshotsCommandInput extends DescribeSnapshotsRequest {}
export interface DescribeSnapshotsCommandOutput extends DescribeSnapshotsResult, MetadataBearer {}
/** `DescribeSnapshots`. */
export declare class DescribeSnapshotsCommand extends Command<DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput> {}

export type ServiceInputTypes = CreateSnapshotCommandInput | DescribeSnapshotsCommandInput;
export type ServiceOutputTypes = CreateSnapshotCommandOutput | DescribeSnapshotsCommandOutput;

/** Every operation: its command input and output types. */
export interface OperationTypes {
  CreateSnapshot: [CreateSnapshotCommandInput, CreateSnapshotCommandOutput];
  DescribeSnapshots: [DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput];
}
// ---- generated: end ----

// ---- Errors ---------------------------------------------------------------------------------

export interface ServiceExceptionOptions {
  name: string;
  $fault: "client" | "server";
  $metadata: ResponseMetadata;
  message?: string;
}

export declare class ServiceException extends Error implements MetadataBearer {
  readonly $fault: "client" | "server";
  $response?: HttpResponse;
  $retryable?: { throttling?: boolean };
  $metadata: ResponseMetadata;
  constructor(options: ServiceExceptionOptions);
  static isInstance(value: unknown): value is ServiceException;
}

/** Every EC2 service error; `name` is the EC2 error code. */
export declare class EC2ServiceException extends ServiceException {
  /** The EC2 error code, e.g. `InvalidVolume.NotFound`. */
  Code?: string;
  Error?: { Type?: string; Code?: string; Message?: string };
  constructor(options: ServiceExceptionOptions);
}

// ---- Client and command -------------------------------------------------------------------

/** What every command has: its input and its own middleware stack. */
export declare class Command<Input extends object, Output extends MetadataBearer> {
  readonly input: Input;
  readonly middlewareStack: MiddlewareStack<Input, Output>;
  constructor(...[input]: [Input]);
  static getEndpointParameterInstructions(): {
    UseFIPS: { type: "builtInParams"; name: "useFipsEndpoint" };
    Endpoint: { type: "builtInParams"; name: "endpoint" };
    Region: { type: "builtInParams"; name: "region" };
    UseDualStack: { type: "builtInParams"; name: "useDualstackEndpoint" };
  };
}

export declare class EC2Client {
  readonly config: EC2ClientResolvedConfig;
  readonly middlewareStack: MiddlewareStack<ServiceInputTypes, ServiceOutputTypes>;
  constructor(...[configuration]: [] | [EC2ClientConfig]);
  send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(command: Command<I, O>, options?: HttpHandlerOptions): Promise<O>;
  send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(command: Command<I, O>, cb: (err: any, data?: O) => void): void;
  send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
    command: Command<I, O>,
    options: HttpHandlerOptions,
    cb: (err: any, data?: O) => void,
  ): void;
  destroy(): void;
}

export declare const VERSION: string;

// ---- Paginator, waiter and the aggregated client EC2 ---------------------------------------

// ---- The paginator, the SnapshotCompleted waiter and the aggregated client EC2: the names and
// shapes of @aws-sdk/client-ec2 (and @smithy/types), plus the ec2-wasm `onProgress` extension.

// ---- Paginators -----------------------------------------------------------------------------

/** What a paginator returns: an async generator of pages. */
export type Paginator<T> = AsyncGenerator<T, undefined, unknown>;

export interface PaginationConfiguration {
  client: EC2Client;
  /** Sets the input's page-size member (`MaxResults`) when the input has none. */
  pageSize?: number;
  /** The first page's token (`NextToken`); wins over the input's. */
  startingToken?: any;
  /** Stop when a page repeats the previous token, not only when it has none. */
  stopOnSameToken?: boolean;
  /** Called with each command before it is sent; returns it or a replacement (undefined keeps it). */
  withCommand?: (command: Command<any, any>) => typeof command | undefined;
}

/** The same, under the name @aws-sdk/client-ec2 gives it. */
export interface EC2PaginationConfiguration extends PaginationConfiguration {}

/**
 * DescribeSnapshots page by page. As in the SDK, the `input` object is mutated (it carries the
 * token), and a client other than an `EC2Client` rejects on the first page.
 */
export declare function paginateDescribeSnapshots(
  config: PaginationConfiguration,
  input: DescribeSnapshotsCommandInput,
  ...rest: any[]
): Paginator<DescribeSnapshotsCommandOutput>;

// ---- Waiters --------------------------------------------------------------------------------

export declare enum WaiterState {
  ABORTED = "ABORTED",
  FAILURE = "FAILURE",
  SUCCESS = "SUCCESS",
  RETRY = "RETRY",
  TIMEOUT = "TIMEOUT",
}

export type WaiterResult<R = any> = {
  state: WaiterState;
  /** @deprecated Untyped: use `final`, the same value. */
  reason?: any;
  /** The last poll's output (or error). */
  final?: R;
  /** Each distinct poll outcome ("200: OK", "400: <message>"…) with its count. */
  observedResponses?: Record<string, number>;
};

/** An AbortController-like object without event listeners (the SDK still accepts these). */
export interface DeprecatedAbortController {
  readonly signal: { readonly aborted: boolean; onabort: ((...args: any[]) => any) | Function | null };
  abort(): void;
}

export interface WaiterConfiguration<Client> {
  client: Client;
  /** Seconds to wait in all. */
  maxWaitTime: number;
  /** @deprecated Use abortSignal. */
  abortController?: AbortController | DeprecatedAbortController;
  abortSignal?: AbortController["signal"] | DeprecatedAbortController["signal"];
  /** Seconds; the backoff's floor (> 0, ≤ maxDelay). The waiter's default applies when absent. */
  minDelay?: number;
  /** Seconds; the backoff's ceiling (≥ minDelay). */
  maxDelay?: number;
}

/** What `onProgress` gets besides the snapshots. */
export interface SnapshotProgressInfo {
  /** Each snapshot's `Progress` as a number (`"37%"` → 37), or undefined when it is not a 0–100 percentage. */
  progress: (number | undefined)[];
  /** DescribeSnapshots calls so far, this one included. */
  polls: number;
  /** This poll's DescribeSnapshots output. */
  output: DescribeSnapshotsCommandOutput;
}

/** The SnapshotCompleted waiter's configuration: minDelay defaults to 15 s, maxDelay to 120 s. */
export interface SnapshotCompletedWaiterConfiguration<Client = EC2Client> extends WaiterConfiguration<Client> {
  /**
   * ec2-wasm extension (not in @aws-sdk/client-ec2): called after each poll that got an output, with
   * its snapshots (`[]` when it has none) and their progress, until the wait settles or is aborted.
   * Its return value is ignored; if it throws, the wait rejects with that error.
   */
  onProgress?: (snapshots: Snapshot[], info: SnapshotProgressInfo) => void;
}

/**
 * Polls DescribeSnapshots until every snapshot listed is `completed` (an empty list keeps waiting).
 * Throws when one is `error` (an Error whose message is the JSON result), and a TimeoutError or
 * AbortError otherwise. Service errors (e.g. InvalidSnapshot.NotFound) only make it poll again.
 */
export declare function waitUntilSnapshotCompleted(
  params: SnapshotCompletedWaiterConfiguration<EC2Client>,
  input: DescribeSnapshotsCommandInput,
): Promise<WaiterResult<DescribeSnapshotsCommandOutput>>;

/** @deprecated Use waitUntilSnapshotCompleted: this one resolves to the result in every case, never throws on failure. */
export declare function waitForSnapshotCompleted(
  params: SnapshotCompletedWaiterConfiguration<EC2Client>,
  input: DescribeSnapshotsCommandInput,
): Promise<WaiterResult<DescribeSnapshotsCommandOutput | EC2ServiceException>>;

// ---- The aggregated client ------------------------------------------------------------------

/** A command's method on `EC2`: promise form, callback form, or options then callback. */
export interface AggregatedMethod<I, O> {
  (args: I, options?: HttpHandlerOptions): Promise<O>;
  (args: I, cb: (err: any, data?: O) => void): void;
  (args: I, options: HttpHandlerOptions, cb: (err: any, data?: O) => void): void;
}

/** Operations whose input has no required member may also be called without arguments. */
type MethodOf<I, O> = {} extends I ? AggregatedMethod<I, O> & (() => Promise<O>) : AggregatedMethod<I, O>;

/** One method per command class exported by the package: `CreateSnapshotCommand` → `createSnapshot`. */
export type EC2CommandMethods = {
  [K in keyof OperationTypes as Uncapitalize<K & string>]: MethodOf<OperationTypes[K][0], OperationTypes[K][1]>;
};

export interface EC2 extends EC2CommandMethods {}

/** EC2Client with a method per command, plus the paginator and the waiter as methods. */
export declare class EC2 extends EC2Client {
  paginateDescribeSnapshots(
    args?: DescribeSnapshotsCommandInput,
    paginationConfig?: Omit<PaginationConfiguration, "client">,
  ): Paginator<DescribeSnapshotsCommandOutput>;
  /** `waiterConfig` is the maxWaitTime in seconds, or a waiter configuration without `client`. */
  waitUntilSnapshotCompleted(
    args: DescribeSnapshotsCommandInput,
    waiterConfig: number | Omit<SnapshotCompletedWaiterConfiguration<EC2>, "client">,
  ): Promise<WaiterResult<DescribeSnapshotsCommandOutput>>;
}

// ---- Credentials from an Amazon Cognito identity pool (as @aws-sdk/credential-providers') -------

/** A Storage-like cache for the identity id (`localStorage` fits); the SDK's `Storage` interface. */
export interface CognitoIdentityStorage {
  getItem(key: string): string | null | Promise<string | null>;
  removeItem(key: string): void | Promise<void>;
  setItem(key: string, data: string): void | Promise<void>;
}

/** Identity-provider tokens by provider name, each a token or a function resolving to one. */
export type CognitoLogins = Record<string, string | Provider<string>>;

/** The Cognito Identity client's configuration that the providers read. */
export interface CognitoIdentityClientConfig {
  /** The identity pool's region; else the region of the client using the provider. */
  region?: string | Provider<string>;
  /** Another Cognito Identity endpoint (a stand-in, a VPC endpoint). */
  endpoint?: string | URL | Endpoint | EndpointV2 | Provider<string | URL | Endpoint | EndpointV2>;
  /** Attempts per call, with the SDK's standard retries (default 3). */
  maxAttempts?: number;
}

export interface CognitoProviderParameters {
  logins?: CognitoLogins;
  customRoleArn?: string;
  clientConfig?: CognitoIdentityClientConfig;
  parentClientConfig?: { region?: string | Provider<string> };
  logger?: Logger;
}

export interface FromCognitoIdentityParameters extends CognitoProviderParameters {
  identityId: string;
}

export interface FromCognitoIdentityPoolParameters extends CognitoProviderParameters {
  identityPoolId: string;
  accountId?: string;
  /** Where guests' identity ids are kept: `localStorage` in browsers, memory elsewhere. */
  cache?: CognitoIdentityStorage;
  /** The cache key's user part; "ANONYMOUS" without logins, none (no caching) with them. */
  userIdentifier?: string;
}

export interface CognitoIdentityCredentials extends AwsCredentialIdentity {
  identityId: string;
}

export type CognitoIdentityCredentialProvider = (options?: {
  forceRefresh?: boolean;
  callerClientConfig?: { region?: string | Provider<string> };
}) => Promise<CognitoIdentityCredentials>;

/** Credentials for a known identity id (GetCredentialsForIdentity), unsigned calls. */
export declare function fromCognitoIdentity(parameters: FromCognitoIdentityParameters): CognitoIdentityCredentialProvider;
/** Credentials from an identity pool: GetId (once, cached for guests), then GetCredentialsForIdentity. */
export declare function fromCognitoIdentityPool(parameters: FromCognitoIdentityPoolParameters): CognitoIdentityCredentialProvider;
