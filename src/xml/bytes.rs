//! Byte scanning for the reader: finding delimiters eight bytes at a time (a word-wide zero-byte
//! test), the byte classes of XML names and whitespace, and whether a window read in pieces holds
//! the whole of the markup it ends with.

// Scanning, eight bytes at a time

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGHS: u64 = ONES << 7;

/// The next eight bytes of `b` from `i` as a little-endian word (first byte lowest), if there are eight.
#[inline(always)]
fn word(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Flags (high bit set) the bytes of `w` that are zero. A flag can also land on a byte above a true
/// zero (a borrow), never below one, so the lowest flag is always exact.
#[inline(always)]
fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(ONES) & !w & HIGHS
}

/// Index of the first byte of `b` from `from` that is one of `set`, or `b.len()`.
pub(super) fn find_any(b: &[u8], mut from: usize, set: [u8; 3]) -> usize {
    let (x, y, z) = (
        ONES * u64::from(set[0]),
        ONES * u64::from(set[1]),
        ONES * u64::from(set[2]),
    );
    while let Some(w) = word(b, from) {
        let hits = zero_bytes(w ^ x) | zero_bytes(w ^ y) | zero_bytes(w ^ z);
        if hits != 0 {
            return from + (hits.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&c) = b.get(from) {
        if c == set[0] || c == set[1] || c == set[2] {
            break;
        }
        from += 1;
    }
    from.min(b.len())
}

/// Index of the first byte of `b` from `from` below `limit` (at most 0x80), or `b.len()`. Bytes
/// from 0x80 (UTF-8 sequences) are never below it.
pub(super) fn find_below(b: &[u8], mut from: usize, limit: u8) -> usize {
    let l = ONES * u64::from(limit);
    while let Some(w) = word(b, from) {
        // As `zero_bytes`: a byte under `limit` borrows, and the lowest flag is exact.
        let hits = w.wrapping_sub(l) & !w & HIGHS;
        if hits != 0 {
            return from + (hits.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while b.get(from).is_some_and(|&c| c >= limit) {
        from += 1;
    }
    from.min(b.len())
}

/// `a == b` as a plain loop: names are a few bytes long, too short for a `memcmp` call to pay.
#[inline(always)]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub(crate) fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// Bytes an element name may not hold (it ends at whitespace, `>` or `/`).
pub(super) fn refused_in_name(c: u8) -> bool {
    matches!(c, b'<' | b'=' | b'"' | b'\'' | b'&')
}

// Whether a window that does not end the body holds the whole of what comes next

/// Whether `rest` holds a whole start tag: up to the first `>` outside a quoted attribute value.
fn start_tag_complete(rest: &[u8]) -> bool {
    let mut at = 1;
    loop {
        at = find_any(rest, at, [b'>', b'"', b'\'']);
        match rest.get(at) {
            Some(b'>') => return true,
            Some(&q) => match rest
                .get(at + 1..)
                .and_then(|t| t.iter().position(|&c| c == q))
            {
                Some(n) => at += n + 2,
                None => return false,
            },
            None => return false,
        }
    }
}

/// Whether `rest`, the unread part of a window that does not end the body, holds the whole of the
/// markup or text it starts with (a partial read stops before anything that could still grow).
pub(super) fn complete(rest: &[u8]) -> bool {
    let has = |from: usize, stop: &[u8]| {
        let mut at = from;
        while at < rest.len() {
            at = find_any(rest, at, [stop[0]; 3]);
            if rest.get(at..at + stop.len()).is_some_and(|w| w == stop) {
                return true;
            }
            at += 1;
        }
        false
    };
    match rest {
        [] | [b'<'] => false,
        [b'<', b'!', b'-', b'-', ..] => has(4, b"-->"),
        [b'<', b'!', b'[', b'C', b'D', b'A', b'T', b'A', b'[', ..] => has(9, b"]]>"),
        // `<!` starts a comment, a CDATA section or a DOCTYPE only if nine bytes say so; else it is
        // refused inside the root, or read as the root's start tag (`<!x>`).
        [b'<', b'!', ..] => rest.len() >= 9 && start_tag_complete(rest),
        [b'<', b'?', ..] => has(2, b"?>"),
        [b'<', b'/', ..] => has(2, b">"),
        [b'<', ..] => start_tag_complete(rest),
        // Text: cut by the window's end, it is read again from the last tag in the next window.
        _ => true,
    }
}
