//! A body read by [`OutputStream`] in pieces, put together as the JS shell does (`parseInPieces` in
//! `pkg/src/calls.mjs`): the output JSON, with each top-level list's entries returned along the way
//! put before the ones left in it at the end. Shared by `tests/properties.rs` and the
//! `response_parser` fuzz target, which both check that it equals the whole reading.

use ec2_wasm::shapes::StructureShape;
use ec2_wasm::wire::json_out::output_json;
use ec2_wasm::xml::{OutputStream, LIMITS};
use serde_json::{Map, Value};

/// `body` read in pieces of `size` bytes (`size` > 0).
pub fn read_in_pieces(
    output: &'static StructureShape,
    body: &[u8],
    size: usize,
) -> Result<Value, ec2_wasm::Error> {
    let mut stream = OutputStream::new(output, LIMITS);
    let mut lists = Map::new();
    for piece in body.chunks(size) {
        let entries = stream.push(piece)?;
        if entries.is_empty() {
            continue;
        }
        let entries: Value = serde_json::from_str(&entries).expect("entries are JSON");
        for (k, v) in entries.as_object().expect("entries are an object") {
            let list = lists
                .entry(k.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let (Some(list), Some(v)) = (list.as_array_mut(), v.as_array()) {
                list.extend(v.iter().cloned());
            }
        }
    }
    let value = stream.finish()?;
    let mut out: Value = serde_json::from_str(&output_json(output, &value)).expect("output JSON");
    for (k, mut v) in lists {
        let last = out
            .get(&k)
            .and_then(|l| l.as_array())
            .cloned()
            .unwrap_or_default();
        if let Some(list) = v.as_array_mut() {
            list.extend(last);
        }
        out[k] = v;
    }
    Ok(out)
}
