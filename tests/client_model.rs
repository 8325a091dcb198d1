//! The Rust client's structures against the botocore models (`tests/vectors/model/*-model.json`): the
//! structs in `src/client/` are typed by hand, so this reads their source text and fails when a model
//! member of a structure the client has lacks its field, its getter, its builder methods (`x`, `set_x`,
//! `get_x`) or its wiring to the core (the JSON input key or the output value read by the model's
//! name), named in snake case as `aws-sdk-ec2` names it; and when the Rust side has a member the model
//! does not. `a_removed_or_extra_member_is_caught` runs the same check on altered sources, so the
//! check is seen to fail.
//!
//! Plain text checks (no build of the wasm32-only client): a small tokenizer, no Rust parser.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const MODELS: [&str; 2] = [
    "tests/vectors/model/create-snapshot-model.json",
    "tests/vectors/model/describe-snapshots-model.json",
];

const TYPES: &str = "src/client/types.rs";
const CS: &str = "src/client/operation/create_snapshot.rs";
const CS_INPUT: &str = "src/client/operation/create_snapshot/_create_snapshot_input.rs";
const CS_OUTPUT: &str = "src/client/operation/create_snapshot/_create_snapshot_output.rs";
const CS_BUILDERS: &str = "src/client/operation/create_snapshot/builders.rs";
const DS: &str = "src/client/operation/describe_snapshots.rs";
const DS_INPUT: &str = "src/client/operation/describe_snapshots/_describe_snapshots_input.rs";
const DS_OUTPUT: &str = "src/client/operation/describe_snapshots/_describe_snapshots_output.rs";
const DS_BUILDERS: &str = "src/client/operation/describe_snapshots/builders.rs";

/// Where one model structure lives in the client, and how it is wired.
struct Spec {
    /// The model's shape name.
    shape: &'static str,
    /// The file with `pub struct <rust>` and its `impl <rust>` getters.
    file: &'static str,
    /// The struct's name in the source (`$name` inside `snapshot_like!`).
    rust: &'static str,
    /// Tokens after which `file` is read (the macro that defines the struct), or none: all of it.
    scope: &'static [&'static str],
    /// Where the output value is read by member name (`field: read(v, s, "Member")`), if it is output.
    reads: Option<(&'static str, &'static [&'static str])>,
    /// Where the input JSON is written (`"Member", &<receiver>.field`), if it is input.
    json: Option<(&'static str, &'static str)>,
    /// The builder methods: the file and the tokens that open their block.
    builder: Option<(&'static str, &'static [&'static str])>,
}

const SPECS: [Spec; 7] = [
    Spec {
        shape: "Snapshot",
        file: TYPES,
        rust: "$name",
        scope: &["macro_rules", "!", "snapshot_like"],
        reads: Some((TYPES, &["impl", "$name", "{"])),
        json: None,
        builder: None,
    },
    Spec {
        shape: "Tag",
        file: TYPES,
        rust: "Tag",
        scope: &[],
        reads: Some((TYPES, &["impl", "Tag", "{"])),
        json: Some((CS_INPUT, "tag")),
        builder: Some((TYPES, &["impl", "TagBuilder", "{"])),
    },
    Spec {
        shape: "TagSpecification",
        file: TYPES,
        rust: "TagSpecification",
        scope: &[],
        reads: None,
        json: Some((CS_INPUT, "t")),
        builder: Some((TYPES, &["impl", "TagSpecificationBuilder", "{"])),
    },
    Spec {
        shape: "Filter",
        file: TYPES,
        rust: "Filter",
        scope: &[],
        reads: None,
        json: Some((DS_INPUT, "f")),
        builder: Some((TYPES, &["impl", "FilterBuilder", "{"])),
    },
    Spec {
        shape: "CreateSnapshotRequest",
        file: CS_INPUT,
        rust: "CreateSnapshotInput",
        scope: &[],
        reads: None,
        json: Some((CS_INPUT, "self")),
        builder: Some((CS_BUILDERS, &["macro_rules", "!", "members", "{"])),
    },
    Spec {
        shape: "DescribeSnapshotsRequest",
        file: DS_INPUT,
        rust: "DescribeSnapshotsInput",
        scope: &[],
        reads: None,
        json: Some((DS_INPUT, "self")),
        builder: Some((
            DS_BUILDERS,
            &["macro_rules", "!", "describe_snapshots_members", "{"],
        )),
    },
    Spec {
        shape: "DescribeSnapshotsResult",
        file: DS_OUTPUT,
        rust: "DescribeSnapshotsOutput",
        scope: &[],
        reads: Some((DS, &["async", "fn", "send", "("])),
        json: None,
        builder: None,
    },
];

/// The builder methods that are not members.
const BUILDER_EXTRAS: [&str; 1] = ["build"];

/// A member name as `aws-sdk-ec2` spells it in Rust: `SseType` → `sse_type`, `KmsKeyId` → `kms_key_id`.
fn snake(name: &str) -> String {
    let c: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &ch) in c.iter().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            let prev = c[i - 1];
            let next_lower = c.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

/// Structure name → (member name → whether it is a list).
type Structures = BTreeMap<String, BTreeMap<String, bool>>;
/// Operation name → (input shape, output shape).
type Operations = BTreeMap<String, (String, String)>;

/// The models' structures and operations.
fn model() -> (Structures, Operations) {
    let mut shapes: BTreeMap<String, Value> = BTreeMap::new();
    let mut operations = BTreeMap::new();
    for path in MODELS {
        let m: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for (name, op) in m["operations"].as_object().unwrap() {
            let shape = |k: &str| op[k]["shape"].as_str().unwrap().to_owned();
            operations.insert(name.clone(), (shape("input"), shape("output")));
        }
        for (name, s) in m["shapes"].as_object().unwrap() {
            shapes.insert(name.clone(), s.clone());
        }
    }
    let structures = shapes
        .iter()
        .filter(|(_, s)| s["type"] == "structure")
        .map(|(name, s)| {
            let members = s["members"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(m, target)| {
                    let t = target["shape"].as_str().unwrap();
                    (m.clone(), shapes[t]["type"] == "list")
                })
                .collect();
            (name.clone(), members)
        })
        .collect();
    (structures, operations)
}

/// Identifiers (with `$`), string literals (quotes kept), `::`, `->` and single punctuation; comments
/// (doc comments too) dropped.
fn tokens(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '"' {
            let start = i;
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(c[start..i.min(c.len())].iter().collect());
        } else if ch.is_alphanumeric() || ch == '_' || ch == '$' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '$') {
                i += 1;
            }
            out.push(c[start..i].iter().collect());
        } else if (ch == ':' && c.get(i + 1) == Some(&':'))
            || (ch == '-' && c.get(i + 1) == Some(&'>'))
        {
            out.push(c[i..i + 2].iter().collect());
            i += 2;
        } else {
            out.push(ch.to_string());
            i += 1;
        }
    }
    out
}

/// The tokens inside the braces of every block opened by `open` (which ends with `{`).
fn blocks<'a>(t: &'a [String], open: &[&str]) -> Vec<&'a [String]> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + open.len() <= t.len() {
        if open.iter().zip(&t[i..]).all(|(a, b)| a == b) {
            // `open` may end before the brace (`async fn send (`): skip to it.
            let mut j = i + open.len();
            if open.last() != Some(&"{") {
                while j < t.len() && t[j] != "{" {
                    j += 1;
                }
                j += 1;
            }
            let mut depth = 1;
            let body = j;
            while j < t.len() && depth > 0 {
                match t[j].as_str() {
                    "{" => depth += 1,
                    "}" => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            found.push(&t[body..j.saturating_sub(1)]);
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

/// The tokens from the first occurrence of `anchor` on (all of them when `anchor` is empty).
fn scoped<'a>(t: &'a [String], anchor: &[&str]) -> &'a [String] {
    if anchor.is_empty() {
        return t;
    }
    (0..t.len())
        .find(|&i| anchor.iter().zip(&t[i..]).all(|(a, b)| a == b))
        .map_or(&t[t.len()..], |i| &t[i..])
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The struct's field names: identifiers followed by a single `:`.
fn fields(body: &[String]) -> Vec<String> {
    body.windows(2)
        .filter(|w| is_ident(&w[0]) && w[1] == ":")
        .map(|w| w[0].clone())
        .collect()
}

/// `pub fn name(&self) -> …`: name → whether it returns a slice (`&[…]`).
fn getters(body: &[String]) -> BTreeMap<String, bool> {
    let at = |i: usize| body.get(i).map(String::as_str).unwrap_or("");
    (0..body.len())
        .filter(|&i| {
            at(i) == "pub"
                && at(i + 1) == "fn"
                && at(i + 3) == "("
                && at(i + 4) == "&"
                && at(i + 5) == "self"
                && at(i + 6) == ")"
        })
        .map(|i| {
            (
                body[i + 2].clone(),
                at(i + 7) == "->" && at(i + 8) == "&" && at(i + 9) == "[",
            )
        })
        .collect()
}

/// Builder method names: `pub fn name(` and the three names a `*_member!(a, b, c, …)` defines.
fn builder_methods(body: &[String]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, w) in body.iter().enumerate() {
        if w == "fn" && i > 0 && body[i - 1] == "pub" {
            if let Some(n) = body.get(i + 1) {
                names.insert(n.clone());
            }
        }
        if w.ends_with("_member") && body.get(i + 1).map(String::as_str) == Some("!") {
            for k in [3, 5, 7] {
                if let Some(n) = body.get(i + k) {
                    names.insert(n.clone());
                }
            }
        }
    }
    names
}

/// Output reads by member name: `field: read::string(&v, s, "Member")` → (Member, field).
fn reads(body: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for j in 3..body.len().saturating_sub(1) {
        let lit = &body[j];
        // The member name follows the shape: `(v, s, "Name"` or `(v, &g::TAG, "Name"`.
        let shape = &body[j - 2];
        let after_shape = shape == "s" || shape.chars().all(|c| c.is_ascii_uppercase() || c == '_');
        if lit.starts_with('"') && body[j - 1] == "," && after_shape {
            // The nearest `field :` before it, within the call.
            let field = (j.saturating_sub(14)..j)
                .rev()
                .find(|&k| body[k] == ":" && k > 0 && is_ident(&body[k - 1]))
                .map(|k| body[k - 1].clone());
            if let Some(f) = field {
                out.push((lit.trim_matches('"').to_owned(), f));
            }
        }
    }
    out
}

/// JSON input writes of `receiver`: `"Member", &receiver.field` → (Member, field).
fn writes(body: &[String], receiver: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for j in 0..body.len() {
        if !body[j].starts_with('"') || body.get(j + 1).map(String::as_str) != Some(",") {
            continue;
        }
        let mut k = j + 2;
        if body.get(k).map(String::as_str) == Some("&") {
            k += 1;
        }
        if body.get(k).map(String::as_str) == Some(receiver)
            && body.get(k + 1).map(String::as_str) == Some(".")
        {
            if let Some(f) = body.get(k + 2) {
                out.push((body[j].trim_matches('"').to_owned(), f.clone()));
            }
        }
    }
    out
}

/// Every mismatch between the model and the client's sources (`sources`: path → text).
fn mismatches(sources: &BTreeMap<&str, String>) -> Vec<String> {
    let (structures, operations) = model();
    let tok: BTreeMap<&str, Vec<String>> = sources.iter().map(|(p, s)| (*p, tokens(s))).collect();
    let mut bad = Vec::new();

    // The operations' shapes are the ones checked below, and CreateSnapshot's output is a Snapshot.
    let ops = [
        ("CreateSnapshot", "CreateSnapshotRequest", "Snapshot"),
        (
            "DescribeSnapshots",
            "DescribeSnapshotsRequest",
            "DescribeSnapshotsResult",
        ),
    ];
    for (op, input, output) in ops {
        match operations.get(op) {
            Some((i, o)) if i == input && o == output => {}
            other => bad.push(format!(
                "{op}: the model's input/output are {other:?}, not {input}/{output}"
            )),
        }
    }
    let declares = |file: &str, name: &str| {
        tok[file].windows(6).any(|w| {
            w[0] == "snapshot_like" && w[1] == "!" && w[2] == "(" && w.contains(&name.to_owned())
        })
    };
    if !declares(CS_OUTPUT, "CreateSnapshotOutput") {
        bad.push(format!("{CS_OUTPUT}: CreateSnapshotOutput is not a snapshot_like! (the model's output is Snapshot)"));
    }
    if !declares(TYPES, "Snapshot") {
        bad.push(format!("{TYPES}: Snapshot is not a snapshot_like!"));
    }
    if !tok[CS]
        .windows(3)
        .any(|w| w[0] == "CreateSnapshotOutput" && w[1] == "::" && w[2] == "from_value")
    {
        bad.push(format!(
            "{CS}: CreateSnapshot's output is not read with CreateSnapshotOutput::from_value"
        ));
    }

    for spec in &SPECS {
        let Some(members) = structures.get(spec.shape) else {
            bad.push(format!("{}: not a structure of the model", spec.shape));
            continue;
        };
        let want: BTreeMap<String, (String, bool)> = members
            .iter()
            .map(|(m, list)| (snake(m), (m.clone(), *list)))
            .collect();
        let t = scoped(&tok[spec.file], spec.scope);
        let what = format!("{} ({} in {})", spec.shape, spec.rust, spec.file);

        // Fields.
        let structs = blocks(t, &["pub", "struct", spec.rust, "{"]);
        let [body] = structs.as_slice() else {
            bad.push(format!(
                "{what}: {} `pub struct {}` blocks, not 1",
                structs.len(),
                spec.rust
            ));
            continue;
        };
        let have: BTreeSet<String> = fields(body).into_iter().collect();
        for (f, (m, _)) in &want {
            if !have.contains(f) {
                bad.push(format!("{what}: model member {m} has no field `{f}`"));
            }
        }
        for f in have.difference(&want.keys().cloned().collect()) {
            bad.push(format!(
                "{what}: field `{f}` is no member of the model's {}",
                spec.shape
            ));
        }

        // Getters, with slices for lists as the SDK returns them.
        let mut got = BTreeMap::new();
        for b in blocks(t, &["impl", spec.rust, "{"]) {
            got.extend(getters(b));
        }
        for (f, (m, list)) in &want {
            match got.get(f) {
                None => bad.push(format!(
                    "{what}: model member {m} has no getter `{f}(&self)`"
                )),
                Some(slice) if slice != list => bad.push(format!(
                    "{what}: getter `{f}` should return {}",
                    if *list {
                        "a slice `&[…]`"
                    } else {
                        "an `Option`"
                    }
                )),
                _ => {}
            }
        }
        for g in got.keys().filter(|g| !want.contains_key(*g)) {
            bad.push(format!(
                "{what}: getter `{g}` is no member of the model's {}",
                spec.shape
            ));
        }

        // Output values read by the model's member names.
        if let Some((file, open)) = spec.reads {
            let rs: Vec<(String, String)> = blocks(scoped(&tok[file], spec.scope), open)
                .into_iter()
                .flat_map(reads)
                .collect();
            for (f, (m, _)) in &want {
                if !rs.iter().any(|(rm, rf)| rm == m && rf == f) {
                    bad.push(format!(
                        "{what}: model member {m} is not read into `{f}` ({file})"
                    ));
                }
            }
            for (rm, rf) in rs.iter().filter(|(rm, rf)| {
                want.get(&snake(rm)).map(|w| &w.0) != Some(rm) || snake(rm) != *rf
            }) {
                bad.push(format!(
                    "{what}: `{rf}` is read from \"{rm}\", which is not its model member ({file})"
                ));
            }
        }

        // Input JSON written under the model's member names.
        if let Some((file, receiver)) = spec.json {
            let ws = writes(&tok[file], receiver);
            for (f, (m, _)) in &want {
                if !ws.iter().any(|(wm, wf)| wm == m && wf == f) {
                    bad.push(format!(
                        "{what}: model member {m} is not written from `{receiver}.{f}` ({file})"
                    ));
                }
            }
            for (wm, wf) in ws.iter().filter(|(wm, wf)| {
                want.get(&snake(wm)).map(|w| &w.0) != Some(wm) || snake(wm) != *wf
            }) {
                bad.push(format!("{what}: \"{wm}\" is written from `{receiver}.{wf}`, not its model member ({file})"));
            }
        }

        // Builder methods: `x`, `set_x`, `get_x` for each member, nothing else but `build`.
        if let Some((file, open)) = spec.builder {
            let found = blocks(&tok[file], open);
            if found.is_empty() {
                bad.push(format!("{what}: no builder block {open:?} in {file}"));
            }
            let names: BTreeSet<String> = found.into_iter().flat_map(builder_methods).collect();
            for (f, (m, _)) in &want {
                for n in [f.clone(), format!("set_{f}"), format!("get_{f}")] {
                    if !names.contains(&n) {
                        bad.push(format!(
                            "{what}: model member {m} has no builder method `{n}` ({file})"
                        ));
                    }
                }
            }
            for n in &names {
                let base = n
                    .strip_prefix("set_")
                    .or_else(|| n.strip_prefix("get_"))
                    .unwrap_or(n);
                if !want.contains_key(base)
                    && !want.contains_key(n.as_str())
                    && !BUILDER_EXTRAS.contains(&n.as_str())
                {
                    bad.push(format!(
                        "{what}: builder method `{n}` is no member of the model's {} ({file})",
                        spec.shape
                    ));
                }
            }
        }
    }
    bad
}

fn sources() -> BTreeMap<&'static str, String> {
    [
        TYPES,
        CS,
        CS_INPUT,
        CS_OUTPUT,
        CS_BUILDERS,
        DS,
        DS_INPUT,
        DS_OUTPUT,
        DS_BUILDERS,
    ]
    .into_iter()
    .map(|p| {
        (
            p,
            std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}")),
        )
    })
    .collect()
}

#[test]
fn client_structs_match_the_model() {
    let bad = mismatches(&sources());
    assert!(
        bad.is_empty(),
        "the client and the model differ:\n  {}",
        bad.join("\n  ")
    );
}

#[test]
fn snake_case_as_the_sdk_names_members() {
    for (m, s) in [
        ("SseType", "sse_type"),
        ("KmsKeyId", "kms_key_id"),
        ("FullSnapshotSizeInBytes", "full_snapshot_size_in_bytes"),
        ("RestorableByUserIds", "restorable_by_user_ids"),
        ("DryRun", "dry_run"),
        ("Tags", "tags"),
    ] {
        assert_eq!(snake(m), s);
    }
}

/// The check itself, on sources altered one way at a time: each alteration must be reported.
#[test]
fn a_removed_or_extra_member_is_caught() {
    let cases: [(&str, &str, &str, &str); 7] = [
        // A Snapshot field removed.
        (
            TYPES,
            "pub(crate) kms_key_id: Option<String>,",
            "",
            "model member KmsKeyId has no field `kms_key_id`",
        ),
        // A field the model does not have.
        (
            TYPES,
            "pub(crate) key: Option<String>,",
            "pub(crate) key: Option<String>, pub(crate) colour: Option<String>,",
            "field `colour` is no member",
        ),
        // A getter removed.
        (
            DS_INPUT,
            "pub fn dry_run(&self)",
            "pub fn dry_run_(&self)",
            "model member DryRun has no getter `dry_run(&self)`",
        ),
        // A builder's `get_` form removed.
        (
            TYPES,
            "get_values,",
            "values_got,",
            "has no builder method `get_values`",
        ),
        // A read under the wrong model name.
        (
            TYPES,
            "string(v, s, \"KmsKeyId\")",
            "string(v, s, \"KmsKey\")",
            "model member KmsKeyId is not read into `kms_key_id`",
        ),
        // An input member not written to the JSON.
        (
            CS_INPUT,
            ".str(\"OutpostArn\", &self.outpost_arn)",
            "",
            "model member OutpostArn is not written from `self.outpost_arn`",
        ),
        // A setter of a member the model does not have.
        (
            CS_BUILDERS,
            "value_member!(",
            "string_member!(colour, set_colour, get_colour, \"x\"); value_member!(",
            "builder method `colour` is no member",
        ),
    ];
    let original = sources();
    for (file, from, to, expect) in cases {
        let mut altered = original.clone();
        let text = altered.get_mut(file).unwrap();
        assert!(
            text.contains(from),
            "{file} no longer contains {from:?}: update this test"
        );
        *text = text.replacen(from, to, 1);
        let bad = mismatches(&altered);
        assert!(
            bad.iter().any(|b| b.contains(expect)),
            "altering {file} ({from:?} -> {to:?}) was not caught as {expect:?}; reported: {bad:#?}"
        );
    }
}
