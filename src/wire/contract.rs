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
    s
}
