//! `parse_output` for every operation (CreateSnapshot, DescribeSnapshots) on arbitrary bytes: never
//! panics, is deterministic, gives a value of the output shape's form, and equals the element-tree
//! reading of `tests/common/xml_tree.rs` (the value, or the same error message); read in pieces
//! (`OutputStream`, pieces of a size the input picks) it gives the same output or the same error.
#![no_main]

use ec2_wasm::shapes::OPERATIONS;
use ec2_wasm::wire::json_out::output_json;
use ec2_wasm::xml::{parse_output, OutputStream, LIMITS};
use ec2_wasm_fuzz::xml_tree::{parse_document, parse_output_tree};
use ec2_wasm_fuzz::{check_document, check_error, check_structure};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for op in OPERATIONS {
        let first = parse_output(op.output, data);
        match &first {
            Ok(value) => {
                // A body that maps to an output is a well-formed document (or empty, as with the SDK).
                assert!(data.is_empty() || parse_document(data).is_ok());
                check_structure(op.output, value);
            }
            Err(e) => check_error(e),
        }
        assert_eq!(
            parse_output(op.output, data),
            first,
            "{}: not deterministic",
            op.name
        );
        assert_eq!(
            parse_output_tree(op.output, data),
            first,
            "{}: the streaming reader differs from the tree reading",
            op.name
        );
        let whole = first
            .as_ref()
            .map(|v| serde_json::from_str::<serde_json::Value>(&output_json(op.output, v)).unwrap())
            .map_err(Clone::clone);
        let size = data.first().map_or(1, |&b| usize::from(b % 16) + 1);
        for size in [size, data.len() / 3 + 1] {
            assert_eq!(
                in_pieces(op.output, data, size),
                whole,
                "{}: read in pieces of {size}",
                op.name
            );
        }
    }
    check_document(data);
});

/// `data` read in pieces of `size` bytes, put together as the shell does: the output JSON, each
/// top-level list's entries returned along the way put before the ones left in it.
fn in_pieces(
    output: &'static ec2_wasm::shapes::StructureShape,
    data: &[u8],
    size: usize,
) -> Result<serde_json::Value, ec2_wasm::Error> {
    let mut stream = OutputStream::new(output, LIMITS);
    let mut lists = serde_json::Map::new();
    for piece in data.chunks(size) {
        let entries = stream.push(piece)?;
        if entries.is_empty() {
            continue;
        }
        let entries: serde_json::Value = serde_json::from_str(&entries).expect("entries are JSON");
        for (k, v) in entries.as_object().expect("an object") {
            let list = lists
                .entry(k.clone())
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let (Some(list), Some(v)) = (list.as_array_mut(), v.as_array()) {
                list.extend(v.iter().cloned());
            }
        }
    }
    let value = stream.finish()?;
    let mut out: serde_json::Value =
        serde_json::from_str(&output_json(output, &value)).expect("output JSON");
    for (k, mut v) in lists {
        let last = out.get(&k).and_then(|l| l.as_array()).cloned().unwrap_or_default();
        if let Some(list) = v.as_array_mut() {
            list.extend(last);
        }
        out[k] = v;
    }
    Ok(out)
}
