//! `parse_create_snapshot_response` on arbitrary bytes: never panics, is deterministic, and agrees
//! with the document reader underneath it.
#![no_main]

use ec2_wasm::xml::{parse_create_snapshot_response, parse_document};
use ec2_wasm_fuzz::{check_document, check_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let first = parse_create_snapshot_response(data);
    match &first {
        Ok(snapshot) => {
            // A body that maps to an output is a well-formed document (or empty, as with the SDK).
            assert!(data.is_empty() || parse_document(data).is_ok());
            for t in [
                snapshot.start_time,
                snapshot.completion_time,
                snapshot.restore_expiry_time,
            ]
            .into_iter()
            .flatten()
            {
                assert!(t.is_finite(), "timestamp parsed to {t}");
            }
        }
        Err(e) => check_error(e),
    }
    assert_eq!(
        parse_create_snapshot_response(data),
        first,
        "not deterministic"
    );
    check_document(data);
});
