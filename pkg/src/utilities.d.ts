// Types of the paginator, the SnapshotCompleted waiter and the aggregated client `EC2`: the names and
// shapes of @aws-sdk/client-ec2 (and @smithy/types), plus the ec2-wasm `onProgress` extension.

import type { Command, EC2Client, EC2ServiceException, HttpHandlerOptions } from "./index.js";
import type * as Generated from "./shapes.generated.js";
import type { DescribeSnapshotsCommandInput, DescribeSnapshotsCommandOutput, Snapshot } from "./shapes.generated.js";

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
  [K in keyof typeof Generated as K extends `${infer Op}Command` ? Uncapitalize<Op> : never]: (typeof Generated)[K] extends new (
    ...args: any[]
  ) => Command<infer I, infer O>
    ? MethodOf<I, O>
    : never;
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
