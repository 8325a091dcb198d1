// CreateSnapshotCommand, the one command ec2-wasm supports, and the enum values
// @aws-sdk/client-ec2 exports for its shapes.
import { namedError } from "./errors.mjs";
import { MiddlewareStack } from "./middleware.mjs";

/** `CreateSnapshot`: creates a snapshot of an EBS volume. */
export class CreateSnapshotCommand {
  constructor(...[input]) {
    Object.defineProperty(this, "input", { value: input, enumerable: true, writable: false });
    this.middlewareStack = new MiddlewareStack();
  }
  static getEndpointParameterInstructions() {
    return {
      UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
      Endpoint: { type: "builtInParams", name: "endpoint" },
      Region: { type: "builtInParams", name: "region" },
      UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
    };
  }
  resolveMiddleware() {
    throw namedError("Error", "ec2-wasm resolves middleware inside EC2Client.send");
  }
}

/** Enum values, as exported by @aws-sdk/client-ec2. */
export const SnapshotLocationEnum = { LOCAL: "local", REGIONAL: "regional" };
export const SnapshotState = { completed: "completed", error: "error", pending: "pending", recoverable: "recoverable", recovering: "recovering" };
export const StorageTier = { archive: "archive", standard: "standard" };
export const SSEType = { none: "none", sse_ebs: "sse-ebs", sse_kms: "sse-kms" };
export const TransferType = { standard: "standard", time_based: "time-based" };
