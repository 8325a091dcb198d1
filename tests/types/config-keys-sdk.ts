// Compiled by tests/types/tsconfig.sdk.json (skipLibCheck: the SDK's own .d.ts files need Node's
// types, which this repository does not install): a value of @aws-sdk/client-ec2's EC2ClientConfig
// type, and the SDK's own retry strategy and handler options, are accepted by ec2-wasm's EC2Client.
import type { EC2ClientConfig as SdkConfig } from "@aws-sdk/client-ec2";
import { ConfiguredRetryStrategy, StandardRetryStrategy } from "@smithy/core/retry";
import { EC2Client, type EC2ClientConfig } from "ec2-wasm";

declare const fromSdk: SdkConfig;
new EC2Client(fromSdk);
const same: EC2ClientConfig = fromSdk;

// Every SDK key is a key of ours (a key missing here fails to compile).
type Missing = Exclude<keyof SdkConfig, keyof EC2ClientConfig>;
const noneMissing: [Missing] extends [never] ? true : Missing = true;

new EC2Client({ retryStrategy: new ConfiguredRetryStrategy(4, (attempt) => 100 + attempt * 1000) });
new EC2Client({ retryStrategy: new StandardRetryStrategy(3) });
export { same, noneMissing };

// The SDK's own request handlers plug in, and ours take the SDK's handler options type.
import { NodeHttpHandler as SdkNodeHttpHandler, type NodeHttpHandlerOptions as SdkNodeOptions } from "@smithy/node-http-handler";
import { NodeHttpHandler } from "ec2-wasm";
new EC2Client({ requestHandler: new SdkNodeHttpHandler({ requestTimeout: 1000 }) });
declare const sdkNodeOptions: SdkNodeOptions;
new NodeHttpHandler(sdkNodeOptions);
