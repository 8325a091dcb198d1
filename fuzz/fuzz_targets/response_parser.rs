//! `parse_output` for every operation (CreateSnapshot, DescribeSnapshots) on arbitrary bytes: never
//! panics, is deterministic, gives a value of the output shape's form, and equals the element-tree
//! reading of `tests/common/xml_tree.rs` (the value, or the same error message).
#![no_main]

use ec2_wasm::shapes::OPERATIONS;
use ec2_wasm::xml::parse_output;
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
    }
    check_document(data);
});
