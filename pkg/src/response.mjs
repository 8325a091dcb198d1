// Responses: the output object with `$metadata`, or the SDK's error for an EC2 error response or a
// body that does not parse.
import { parseError, parseOutput } from "./calls.mjs";
import { EC2ServiceException, namedError } from "./errors.mjs";

/** The SDK's `$metadata` of a response. */
export function responseMetadata(res) {
  const h = res.headers;
  return {
    httpStatusCode: res.statusCode,
    requestId: h["x-amzn-requestid"] ?? h["x-amzn-request-id"] ?? h["x-amz-request-id"],
    extendedRequestId: h["x-amz-id-2"],
    cfId: h["x-amz-cf-id"],
  };
}

/** The SDK's error object for an EC2 error response (unmodeled errors: EC2ServiceException). */
function serviceError(res, parsed) {
  const $metadata = responseMetadata(res);
  const errorData = {};
  let hasError = false;
  for (const [k, v] of parsed.fields) {
    errorData[k] = v;
    hasError = true;
  }
  const code = parsed.Code ?? (res.statusCode === 404 ? "NotFound" : undefined);
  const name = code ?? "Unknown";
  const message = errorData.message ?? errorData.Message ?? "Unknown";
  errorData.message = message;
  errorData.Error = { Type: errorData.Type, Code: errorData.Code, Message: message };
  void hasError;
  const e = new EC2ServiceException({ name, $fault: res.statusCode < 500 ? "client" : "server", $metadata });
  for (const [k, v] of Object.entries(errorData)) {
    if (v !== undefined && (e[k] == undefined || e[k] === "")) e[k] = v;
  }
  e.message = e.message || e.Message || "UnknownError";
  delete e.Message;
  Object.defineProperty(e, "$response", { value: res, enumerable: false, writable: false, configurable: false });
  return e;
}

function deserializationError(res, err) {
  const e = namedError(err?.name ?? "DeserializationError", `${err?.message ?? err}\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`);
  Object.defineProperty(e, "$response", { value: res }); // read-only, hidden: defineProperty's defaults
  e.$metadata = responseMetadata(res);
  return e;
}

/** Parses a response of `operation` into its output or throws the service error. */
export function deserialize(operation, res) {
  if (res.statusCode >= 300) {
    let parsed;
    try {
      parsed = parseError(res.body);
    } catch (err) {
      throw deserializationError(res, err);
    }
    throw serviceError(res, parsed);
  }
  let output;
  try {
    output = parseOutput(operation, res.body);
  } catch (err) {
    throw deserializationError(res, err);
  }
  output.$metadata = responseMetadata(res);
  return output;
}
