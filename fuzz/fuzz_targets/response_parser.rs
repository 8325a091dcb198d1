//! `parse_output` for every operation (CreateSnapshot, DescribeSnapshots) on arbitrary bytes: never
//! panics, is deterministic, gives a value of the output shape's form, and equals the element-tree
//! reading of `tests/common/xml_tree.rs` (the value, or the same error message); read in pieces
//! (`OutputStream`, pieces of a size the input picks) it gives the same output or the same error
//! (any error where the whole body is refused as not UTF-8: see `OutputStream`).
#![no_main]

use ec2_wasm::shapes::OPERATIONS;
use ec2_wasm::wire::json_out::output_json;
use ec2_wasm::xml::parse_output;
use ec2_wasm_fuzz::pieces::read_in_pieces;
use ec2_wasm_fuzz::xml_tree::{parse_document, parse_output_tree};
use ec2_wasm_fuzz::{check_document, check_error, check_structure};
use libfuzzer_sys::fuzz_target;

const NOT_UTF8: &str = "response body is not valid UTF-8";

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
            let got = read_in_pieces(op.output, data, size);
            // The whole body is checked to be UTF-8 before anything else; in pieces, an error met
            // before the invalid bytes come may be reported instead.
            if matches!(&whole, Err(e) if e.message().starts_with(NOT_UTF8)) {
                assert!(
                    got.is_err(),
                    "{}: read in pieces of {size}: {got:?}",
                    op.name
                );
                continue;
            }
            assert_eq!(got, whole, "{}: read in pieces of {size}", op.name);
        }
    }
    check_document(data);
});
