// Compiled with `tsc --noEmit --strict` (make test-types): the request handlers as code written for
// @aws-sdk/client-ec2 and @smithy/node-http-handler / @smithy/fetch-http-handler uses them.
import { EC2Client, FetchHttpHandler, NodeHttpHandler, HttpRequest, type NodeHttpHandlerOptions, type FetchHttpHandlerOptions, type RequestHandlerOptions } from "ec2-wasm";

// The SDK's forms: an instance, create(), the options object.
const agentLike = { keepAlive: true, destroy(): void {} };
const node = new NodeHttpHandler({ requestTimeout: 1000, connectionTimeout: 500, socketTimeout: 2000, httpsAgent: agentLike, httpAgent: { maxSockets: 10 } });
const fetchHandler = new FetchHttpHandler({ requestTimeout: 1000, keepAlive: true });
new EC2Client({ region: "us-east-1", requestHandler: node });
new EC2Client({ region: "us-east-1", requestHandler: fetchHandler });
new EC2Client({ region: "us-east-1", requestHandler: NodeHttpHandler.create({ requestTimeout: 1000 }) });
new EC2Client({ region: "us-east-1", requestHandler: FetchHttpHandler.create() });
new EC2Client({ region: "us-east-1", requestHandler: { requestTimeout: 1000, throwOnRequestTimeout: true } });
new EC2Client({ region: "us-east-1", requestHandler: new NodeHttpHandler(async () => ({ requestTimeout: 5 })) });
const passthrough: NodeHttpHandler = node;
NodeHttpHandler.create(passthrough);

// The options types are the same shape on both.
const o: NodeHttpHandlerOptions = { requestTimeout: 1, throwOnRequestTimeout: false };
const f: FetchHttpHandlerOptions = o;
const r: RequestHandlerOptions = f;
void r;

// handle() and destroy(), as on the SDK's handlers.
async function direct(): Promise<number> {
  const { response } = await node.handle(new HttpRequest({ method: "POST", hostname: "ec2.us-east-1.amazonaws.com", path: "/", headers: {} }), { abortSignal: new AbortController().signal });
  node.destroy();
  fetchHandler.destroy();
  const h: string = node.metadata.handlerProtocol;
  void h;
  return response.statusCode;
}
void direct;

// @ts-expect-error requestTimeout is a number
new NodeHttpHandler({ requestTimeout: "1000" });
// @ts-expect-error throwOnRequestTimeout is a boolean
new FetchHttpHandler({ throwOnRequestTimeout: "yes" });
