// Errors the package raises: plain errors with a name (namedError), the SDK's ServiceException and
// EC2ServiceException, and the AbortError of an aborted send.

/** An Error with the given name (the SDK's non-service errors are told apart by name), plus `extra` fields. */
export function namedError(name, message, extra) {
  const e = new Error(message);
  e.name = name;
  if (extra) Object.assign(e, extra);
  return e;
}

/** Base class of service errors, as in @smithy/smithy-client. */
export class ServiceException extends Error {
  static name = "ServiceException";
  $fault;
  $response;
  $retryable;
  $metadata;
  constructor(options) {
    super(options.message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }
  static isInstance(value) {
    if (!value) return false;
    return (
      ServiceException.prototype.isPrototypeOf(value) ||
      (Boolean(value.$fault) && Boolean(value.$metadata) && (value.$fault === "client" || value.$fault === "server"))
    );
  }
}

/** Every EC2 service error: `name` is the EC2 error code (`InvalidVolume.NotFound`, `DryRunOperation`…). */
export class EC2ServiceException extends ServiceException {
  static name = "EC2ServiceException";
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, EC2ServiceException.prototype);
  }
}

// The SDK's retry middleware rejects an aborted send with its own `Error("Request aborted")` named
// AbortError, whatever the signal's reason; the reason is kept here as `cause`.
export function abortError(signal) {
  const reason = signal?.reason;
  const e = namedError("AbortError", "Request aborted");
  if (reason !== undefined) e.cause = reason;
  return e;
}
