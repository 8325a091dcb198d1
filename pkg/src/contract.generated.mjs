// Generated from src/wire/contract.rs by tests/codegen.rs. Do not edit: `make generate`
// rewrites it. The constants the JS shell shares with the Rust core.

export const VERSION = "0.1.0";
export const API_VERSION = "2016-11-15";
export const ERROR_MARK = "\u0000";
export const MAX_BODY_BYTES = 4194304;
export const BODY_LIMITS = { CreateSnapshot: 4194304, DescribeSnapshots: 67108864 };
export const STREAM_FROM_BYTES = 262144;
export const STREAM_PIECE_BYTES = 65536;
export const USER_AGENT_SDK = "ec2-wasm";
export const USER_AGENT_METADATA = "2.1";
export const USER_AGENT_SERVICE = "ec2";
export const CONTEXT_LINES = ["endpoint", "signingRegion", "xAmzUserAgent", "userAgent", "accessKeyId", "secretAccessKey", "sessionToken"];
export const ERROR_KINDS = ["InvalidInput", "InvalidConfig", "InvalidResponse"];
export const STRATEGY_LEN = 18;
export const TOKEN_LEN = 6;
export const STRATEGY_MODE = 1;
export const STRATEGY_CLOCK_OFFSET = 3;
export const TOKEN_ATTEMPTS = 0;
export const TOKEN_TOTAL_DELAY = 2;
export const TOKEN_SKEW_CORRECTED = 5;
export const OP_BUILD = 0;
export const OP_SIGN = 1;
export const OP_SERIALIZE = 2;
export const OP_PARSE_OUTPUT = 3;
export const OP_PARSE_PIECE = 4;
export const OP_PARSE_ERROR = 5;
export const OP_RESOLVE_ENDPOINT = 6;
export const OP_RETRY_NEW = 7;
export const OP_RETRY_CALL = 8;
export const OP_RETRY_ACQUIRE = 9;
export const OP_RETRY_FREE_SLOTS = 10;
export const OP_RETRY_ABANDON = 11;
export const OP_RETRY_BEGIN = 12;
export const OP_RETRY_SUCCESS = 13;
export const OP_RETRY_ERROR = 14;
export const OP_RETRY_CLASSIFY = 15;
