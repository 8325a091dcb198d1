//! Every constant and layout the Rust core and the JS shell must agree on, defined here once and
//! emitted into `pkg/src/contract.generated.mjs` by [`js_module`] (`tests/codegen.rs` fails when the
//! committed module differs).

use crate::retry::state;
use crate::ErrorKind;

/// The package version (the crate's and the npm package's; a JS test checks `package.json`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// EC2 API version sent with every request (the model's `metadata.apiVersion`).
pub const API_VERSION: &str = crate::shapes::generated::API_VERSION;

/// First character of a result string that is an error: `"\0" + kind + "\0" + field + "\0" +
/// message` (`field` empty when the error is not about an input member).
pub const ERROR_MARK: char = '\0';

/// The lines of a call's context string, in order (see [`super::Context`]).
pub const CONTEXT_LINES: [&str; 7] = [
    "endpoint",
    "signingRegion",
    "xAmzUserAgent",
    "userAgent",
    "accessKeyId",
    "secretAccessKey",
    "sessionToken",
];

/// Largest response body read (the shell stops reading here; the XML reader refuses more), for
/// every operation but those in [`LIST_OPERATIONS`].
pub const MAX_BODY_BYTES: usize = crate::xml::MAX_BODY_BYTES;

/// Operations whose responses list resources (those with a paginator in the model: a test checks),
/// read within [`crate::xml::LIST_LIMITS`].
pub const LIST_OPERATIONS: [&str; 1] = ["DescribeSnapshots"];

/// The limits of operation `name`'s responses.
pub fn limits(name: &str) -> crate::xml::Limits {
    if LIST_OPERATIONS.contains(&name) {
        crate::xml::LIST_LIMITS
    } else {
        crate::xml::LIMITS
    }
}

/// Bodies longer than this are passed to the core in pieces ([`crate::xml::OutputStream`]), so
/// wasm memory does not grow with the body.
pub const STREAM_FROM_BYTES: usize = 256 * 1024;

/// The size of those pieces.
pub const STREAM_PIECE_BYTES: usize = 64 * 1024;

/// The `x-amz-user-agent` parts before the caller's own: SDK name, user-agent metadata version and
/// the service part (`{SDK_NAME}/{VERSION} ua/{UA_VERSION} api/{SERVICE_UA}#{VERSION} lang/js`).
pub const USER_AGENT_SDK: &str = "ec2-wasm";
/// User-agent metadata version (`ua/2.1`, as the AWS SDKs send it).
pub const USER_AGENT_METADATA: &str = "2.1";
/// Service id in the user agent (`api/ec2`).
pub const USER_AGENT_SERVICE: &str = "ec2";

/// The retry-state layout the shell reads: `(name, index)`.
pub const RETRY_LAYOUT: [(&str, usize); 7] = [
    ("STRATEGY_LEN", state::STRATEGY_LEN),
    ("TOKEN_LEN", state::TOKEN_LEN),
    ("STRATEGY_MODE", state::STRATEGY_MODE),
    ("STRATEGY_CLOCK_OFFSET", state::STRATEGY_CLOCK_OFFSET),
    ("TOKEN_ATTEMPTS", state::TOKEN_ATTEMPTS),
    ("TOKEN_TOTAL_DELAY", state::TOKEN_TOTAL_DELAY),
    ("TOKEN_SKEW_CORRECTED", state::TOKEN_SKEW_CORRECTED),
];

/// The core's calls by number. The binding (`src/js`) has two exports: `call(op, text, bytes,
/// numbers)`, which returns a string, and `retry(op, strategy, token, text, numbers)`, which returns a
/// number; `op` names what each does (see `src/js` for each one's fields and numbers). One export
/// each keeps wasm-bindgen's glue to two wrappers.
pub mod op {
    /// Serialize, add the SDK's headers and sign (`call`).
    pub const BUILD: u32 = 0;
    /// Sign a request that middleware may have changed, for a signing name (`call`).
    pub const SIGN: u32 = 1;
    /// Serialize only (`call`).
    pub const SERIALIZE: u32 = 2;
    /// Parse a whole response body (`call`).
    pub const PARSE_OUTPUT: u32 = 3;
    /// Parse a large body one piece at a time (`call`).
    pub const PARSE_PIECE: u32 = 4;
    /// Parse an error body (`call`).
    pub const PARSE_ERROR: u32 = 5;
    /// Resolve EC2's endpoint (`call`).
    pub const RESOLVE_ENDPOINT: u32 = 6;
    /// A new client strategy (`retry`).
    pub const RETRY_NEW: u32 = 7;
    /// A new send's token (`retry`).
    pub const RETRY_CALL: u32 = 8;
    /// Before an attempt: wait, send or queue (`retry`).
    pub const RETRY_ACQUIRE: u32 = 9;
    /// How many queued sends may ask again (`retry`).
    pub const RETRY_FREE_SLOTS: u32 = 10;
    /// An attempt ended without an outcome (`retry`).
    pub const RETRY_ABANDON: u32 = 11;
    /// An attempt starts: the time to sign with (`retry`).
    pub const RETRY_BEGIN: u32 = 12;
    /// An attempt succeeded (`retry`).
    pub const RETRY_SUCCESS: u32 = 13;
    /// An attempt failed: the wait before the next, or -1 (`retry`).
    pub const RETRY_ERROR: u32 = 14;
    /// How the SDK sorts a failed attempt (`retry`).
    pub const RETRY_CLASSIFY: u32 = 15;
}

/// The calls the shell names: `(name, op)`, emitted as `OP_<name>`.
pub const OPS: [(&str, u32); 16] = [
    ("BUILD", op::BUILD),
    ("SIGN", op::SIGN),
    ("SERIALIZE", op::SERIALIZE),
    ("PARSE_OUTPUT", op::PARSE_OUTPUT),
    ("PARSE_PIECE", op::PARSE_PIECE),
    ("PARSE_ERROR", op::PARSE_ERROR),
    ("RESOLVE_ENDPOINT", op::RESOLVE_ENDPOINT),
    ("RETRY_NEW", op::RETRY_NEW),
    ("RETRY_CALL", op::RETRY_CALL),
    ("RETRY_ACQUIRE", op::RETRY_ACQUIRE),
    ("RETRY_FREE_SLOTS", op::RETRY_FREE_SLOTS),
    ("RETRY_ABANDON", op::RETRY_ABANDON),
    ("RETRY_BEGIN", op::RETRY_BEGIN),
    ("RETRY_SUCCESS", op::RETRY_SUCCESS),
    ("RETRY_ERROR", op::RETRY_ERROR),
    ("RETRY_CLASSIFY", op::RETRY_CLASSIFY),
];

/// The text of `pkg/src/contract.generated.mjs`.
pub fn js_module() -> String {
    let mut s = String::from(
        "// Generated from src/wire/contract.rs by tests/codegen.rs. Do not edit: `make generate`\n\
         // rewrites it. The constants the JS shell shares with the Rust core.\n\n",
    );
    let mut line = |name: &str, value: String| {
        s.push_str("export const ");
        s.push_str(name);
        s.push_str(" = ");
        s.push_str(&value);
        s.push_str(";\n");
    };
    let quoted = |v: &str| {
        let mut q = String::new();
        crate::wire::json_out::push_json_string(&mut q, v);
        q
    };
    line("VERSION", quoted(VERSION));
    line("API_VERSION", quoted(API_VERSION));
    line("ERROR_MARK", quoted(&ERROR_MARK.to_string()));
    line("MAX_BODY_BYTES", MAX_BODY_BYTES.to_string());
    let limits: Vec<String> = crate::shapes::generated::OPERATIONS
        .iter()
        .map(|op| format!("{}: {}", op.name, limits(op.name).body_bytes))
        .collect();
    line("BODY_LIMITS", format!("{{ {} }}", limits.join(", ")));
    line("STREAM_FROM_BYTES", STREAM_FROM_BYTES.to_string());
    line("STREAM_PIECE_BYTES", STREAM_PIECE_BYTES.to_string());
    line("USER_AGENT_SDK", quoted(USER_AGENT_SDK));
    line("USER_AGENT_METADATA", quoted(USER_AGENT_METADATA));
    line("USER_AGENT_SERVICE", quoted(USER_AGENT_SERVICE));
    let names: Vec<String> = CONTEXT_LINES.iter().map(|n| quoted(n)).collect();
    line("CONTEXT_LINES", format!("[{}]", names.join(", ")));
    let kinds: Vec<String> = ErrorKind::ALL.iter().map(|k| quoted(k.code())).collect();
    line("ERROR_KINDS", format!("[{}]", kinds.join(", ")));
    for (name, index) in RETRY_LAYOUT {
        line(name, index.to_string());
    }
    for (name, op) in OPS {
        line(&format!("OP_{name}"), op.to_string());
    }
    s
}
