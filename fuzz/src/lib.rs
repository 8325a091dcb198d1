//! Checks shared by the fuzz targets. Every target asserts properties that must hold for any input,
//! so a libFuzzer "crash" is either a panic inside the core or a broken property, both bugs.

use ec2_wasm::xml::{parse_document, Element, MAX_DEPTH, MAX_ELEMENTS};
use ec2_wasm::Error;

/// Longest error message accepted. Messages quote untrusted text clipped to 64 characters, so even
/// the wordiest one stays far below this; a message that grows with the input is a log-flooding bug.
pub const MAX_MESSAGE_LEN: usize = 1024;

/// An error must say something, and say it in bounded space.
pub fn check_error(e: &Error) {
    assert!(
        !e.message().is_empty(),
        "empty error message ({:?})",
        e.kind()
    );
    // F5: no message may quote a whole element name or input value.
    assert!(
        !strict() || e.message().len() <= MAX_MESSAGE_LEN,
        "error message of {} bytes grows with the input: {:.200}…",
        e.message().len(),
        e.message()
    );
}

/// Depth, element count and text rules of a parsed tree.
pub fn check_tree(root: &Element) {
    fn walk(el: &Element, depth: usize, count: &mut usize) {
        assert!(depth <= MAX_DEPTH, "tree deeper than MAX_DEPTH");
        *count += 1;
        assert!(!el.name.is_empty(), "element with an empty name");
        assert!(
            el.children.is_empty() || el.text.is_empty(),
            "<{}> keeps text beside child elements",
            el.name
        );
        for c in &el.children {
            walk(c, depth + 1, count);
        }
    }
    let mut count = 0;
    walk(root, 1, &mut count);
    assert!(count <= MAX_ELEMENTS, "more than MAX_ELEMENTS elements");
}

/// Writes a tree back as XML (text escaped) so it can be parsed again.
pub fn write_tree(el: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&el.name);
    out.push('>');
    if el.children.is_empty() {
        for c in el.text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                // A raw CR would be read back as LF; only a character reference keeps it.
                '\r' => out.push_str("&#13;"),
                c => out.push(c),
            }
        }
    }
    for c in &el.children {
        write_tree(c, out);
    }
    out.push_str("</");
    out.push_str(&el.name);
    out.push('>');
}

/// True for names the XML spec allows (ASCII subset: letters, digits, `_ - . :`, not starting with
/// a digit, `-` or `.`). quick-xml reads names more loosely; the round trip is only checked for these.
pub fn is_plain_xml_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_' || b[0] == b':')
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':'))
}

fn all_names_plain(el: &Element) -> bool {
    is_plain_xml_name(&el.name) && el.children.iter().all(all_names_plain)
}

/// Parses `data` as a document and checks the tree's invariants and that writing it back and
/// parsing again gives the same tree.
pub fn check_document(data: &[u8]) {
    match parse_document(data) {
        Ok(root) => {
            check_tree(&root);
            if all_names_plain(&root) {
                let mut again = String::new();
                write_tree(&root, &mut again);
                let reparsed = parse_document(again.as_bytes()).unwrap_or_else(|e| {
                    panic!("re-serialised tree does not parse: {e}\n{again:.300}")
                });
                assert_eq!(
                    reparsed, root,
                    "tree changed after a write/parse round trip"
                );
            }
        }
        Err(e) => check_error(&e),
    }
}

/// Whether checks for reported findings that still wait for a core fix are enforced. On by default,
/// so `make fuzz-smoke` fails until the fix lands; `EC2_FUZZ_STRICT=0` turns them off to fuzz past
/// a known finding. Each gated check names its finding (F1, F2…) as in the hardening report.
pub fn strict() -> bool {
    static STRICT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STRICT.get_or_init(|| std::env::var("EC2_FUZZ_STRICT").map_or(true, |v| v != "0"))
}
