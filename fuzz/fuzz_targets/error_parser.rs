//! `parse_error_response` on arbitrary bytes: never panics, is deterministic, equals the element-tree
//! reading of `tests/common/xml_tree.rs`, and every field it reports is a leaf of the `<Error>`
//! element.
#![no_main]

use ec2_wasm::xml::parse_error_response;
use ec2_wasm_fuzz::xml_tree::{error_from_element, parse_document};
use ec2_wasm_fuzz::{check_document, check_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let first = parse_error_response(data);
    match &first {
        Ok(body) => {
            if data.is_empty() {
                assert_eq!(body, &Default::default());
            } else {
                let root = parse_document(data).expect("an error body read is a document");
                assert_eq!(
                    &error_from_element(&root),
                    body,
                    "the streaming reader differs from the tree reading"
                );
            }
            // Code and Message come from the reported fields (Message may be spelled `message`).
            if let Some(code) = &body.error.code {
                assert!(body.fields.iter().any(|(k, v)| k == "Code" && v == code));
            }
            if let Some(msg) = &body.error.message {
                assert!(body
                    .fields
                    .iter()
                    .any(|(k, v)| (k == "Message" || k == "message") && v == msg));
            }
        }
        Err(e) => {
            check_error(e);
            // The tree reading fails the same way.
            assert_eq!(parse_document(data).err().as_ref(), Some(e));
        }
    }
    assert_eq!(parse_error_response(data), first, "not deterministic");
    check_document(data);
});
