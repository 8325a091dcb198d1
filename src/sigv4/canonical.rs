//! Task 1, the canonical request: the canonical path, query and headers, appended to one buffer while
//! signing, and [`CanonicalRequest`], whose `Display` is the specification's text.

use super::params::SignableRequest;
use crate::text::{ascii_string, percent_encode_bytes};
use std::fmt;

/// Task 1: the canonical request. `Display` prints it exactly as the spec defines it; `Debug`
/// redacts the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    /// HTTP method.
    pub method: String,
    /// Canonical URI (normalized, URI-encoded path).
    pub path: String,
    /// Canonical query string.
    pub query: String,
    /// Canonical headers: lower-case names, sorted, with trimmed values (duplicates joined by `,`).
    pub headers: Vec<(String, String)>,
    /// `;`-joined signed header names.
    pub signed_headers: String,
    /// Hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`).
    pub payload_hash: String,
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.method)?;
        writeln!(f, "{}", self.path)?;
        writeln!(f, "{}", self.query)?;
        for (n, v) in &self.headers {
            writeln!(f, "{n}:{v}")?;
        }
        writeln!(f)?;
        writeln!(f, "{}", self.signed_headers)?;
        f.write_str(&self.payload_hash)
    }
}

impl CanonicalRequest {
    /// The canonical request with header values of security-relevant headers replaced, for logs.
    pub fn redacted(&self) -> String {
        let mut c = self.clone();
        for (n, v) in &mut c.headers {
            if n == "x-amz-security-token" {
                *v = "** redacted **".into();
            }
        }
        c.to_string()
    }
}

impl fmt::Debug for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CanonicalRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &redacted_pairs(&self.headers))
            .field("signed_headers", &self.signed_headers)
            .field("payload_hash", &self.payload_hash)
            .finish()
    }
}

/// Header or parameter pairs with the session token's value replaced.
pub(crate) fn redacted_pairs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(n, v)| {
            if n.eq_ignore_ascii_case("x-amz-security-token") {
                (n.as_str(), "** redacted **")
            } else {
                (n.as_str(), v.as_str())
            }
        })
        .collect()
}

/// URI-encodes `s` per SigV4 (RFC 3986 unreserved kept; `/` kept when `keep_slash`).
pub fn uri_encode_into(out: &mut String, s: &[u8], keep_slash: bool) {
    let mut v = Vec::with_capacity(s.len());
    percent_encode_bytes(&mut v, s, keep_slash);
    out.push_str(&ascii_string(v));
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn percent_decode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let (Some(x), Some(y)) = (
                b.get(i + 1).copied().and_then(hex_digit),
                b.get(i + 2).copied().and_then(hex_digit),
            ) {
                out.push(x * 16 + y);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Sorts `idx` so that `less` holds between neighbours: a heapsort (O(n log n) whatever the input,
/// no recursion), instantiated once for every caller. Not stable: callers break ties themselves.
fn sort_indices(idx: &mut [usize], less: &dyn Fn(usize, usize) -> bool) {
    fn sift(idx: &mut [usize], mut root: usize, end: usize, less: &dyn Fn(usize, usize) -> bool) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && less(idx[child], idx[child + 1]) {
                child += 1;
            }
            if !less(idx[root], idx[child]) {
                return;
            }
            idx.swap(root, child);
            root = child;
        }
    }
    let n = idx.len();
    for root in (0..n / 2).rev() {
        sift(idx, root, n, less);
    }
    for end in (1..n).rev() {
        idx.swap(0, end);
        sift(idx, 0, end, less);
    }
}

/// Appends the canonical request's first three lines: the method, the canonical path and the
/// canonical query string (with the `extra` pairs, already encoded), each ending in a newline.
pub(super) fn canonical_start_into(
    out: &mut Vec<u8>,
    req: &SignableRequest<'_>,
    normalize_path: bool,
    extra: &[(String, String)],
) {
    out.extend_from_slice(req.method.as_bytes());
    out.push(b'\n');
    canonical_path_into(out, req.path.as_bytes(), normalize_path);
    out.push(b'\n');
    canonical_query_into(out, req.query.as_bytes(), extra);
    out.push(b'\n');
}

/// Appends the canonical URI: optionally normalized, then every segment URI-encoded (so an
/// existing `%` is encoded again, as all services but S3 expect).
fn canonical_path_into(out: &mut Vec<u8>, path: &[u8], normalize: bool) {
    if !normalize {
        let start = out.len();
        percent_encode_bytes(out, path, true);
        if out.len() == start {
            out.push(b'/');
        }
        return;
    }
    let mut segs: Vec<&[u8]> = Vec::new();
    for seg in path.split(|&b| b == b'/') {
        match seg {
            b"" | b"." => {}
            b".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    out.push(b'/');
    for (i, s) in segs.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        percent_encode_bytes(out, s, false);
    }
    if !segs.is_empty() && path.ends_with(b"/") {
        out.push(b'/');
    }
}

/// The canonical URI: optionally normalized, then every segment URI-encoded (so an existing `%`
/// is encoded again, as all services but S3 expect).
pub fn canonical_path(path: &str, normalize: bool) -> String {
    let mut out = Vec::with_capacity(path.len() + 8);
    canonical_path_into(&mut out, path.as_bytes(), normalize);
    ascii_string(out)
}

/// Appends the canonical query string: pairs decoded, re-encoded, sorted by key then value; `extra`
/// pairs are already encoded.
fn canonical_query_into(out: &mut Vec<u8>, query: &[u8], extra: &[(String, String)]) {
    if query.is_empty() && extra.is_empty() {
        return;
    }
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for part in query.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (k, v) = match part.iter().position(|&b| b == b'=') {
            Some(i) => (
                part.get(..i).unwrap_or(part),
                part.get(i + 1..).unwrap_or(b""),
            ),
            None => (part, &b""[..]),
        };
        let mut ek = Vec::new();
        percent_encode_bytes(&mut ek, &percent_decode(k), false);
        let mut ev = Vec::new();
        percent_encode_bytes(&mut ev, &percent_decode(v), false);
        pairs.push((ek, ev));
    }
    pairs.extend(
        extra
            .iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec())),
    );
    // Equal pairs are identical, so an unstable order is exact.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    sort_indices(&mut order, &|a, b| pairs[a] < pairs[b]);
    for (i, &ix) in order.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        let (k, v) = &pairs[ix];
        out.extend_from_slice(k);
        out.push(b'=');
        out.extend_from_slice(v);
    }
}

/// The canonical query string: pairs decoded, re-encoded, sorted by key then value.
pub fn canonical_query(query: &str, extra: &[(String, String)]) -> String {
    let mut out = Vec::new();
    canonical_query_into(&mut out, query.as_bytes(), extra);
    ascii_string(out)
}

/// Canonical header value: CR/LF become spaces, runs of spaces/tabs collapse, ends trimmed. Splits
/// only at ASCII bytes, so UTF-8 sequences are copied whole.
fn canonical_value(out: &mut Vec<u8>, v: &[u8]) {
    let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    if !v.iter().any(ws) {
        out.extend_from_slice(v);
        return;
    }
    for (i, w) in v.split(ws).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(w);
    }
}

fn push_lower(out: &mut Vec<u8>, name: &[u8]) {
    let start = out.len();
    out.extend_from_slice(name);
    if let Some(added) = out.get_mut(start..) {
        added.make_ascii_lowercase();
    }
}

fn lower_cmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// Appends the canonical headers (a `name:value` line per distinct lower-case name, sorted, the
/// values of repeated names joined by `,` in request order), the empty line and the signed header
/// list. Returns the number of header lines and where the signed list is in `out`.
pub(super) fn canonical_headers_into(
    out: &mut Vec<u8>,
    list: &[(&[u8], &[u8])],
) -> (usize, std::ops::Range<usize>) {
    let mut order: Vec<usize> = (0..list.len()).collect();
    // Ties broken by position: repeated names keep their request order.
    sort_indices(&mut order, &|a, b| {
        lower_cmp(list[a].0, list[b].0).then(a.cmp(&b)).is_lt()
    });
    let same_as_previous =
        |k: usize| k > 0 && list[order[k - 1]].0.eq_ignore_ascii_case(list[order[k]].0);
    let mut lines = 0;
    for k in 0..order.len() {
        let (name, value) = list[order[k]];
        if same_as_previous(k) {
            out.push(b',');
        } else {
            if k > 0 {
                out.push(b'\n');
            }
            push_lower(out, name);
            out.push(b':');
            lines += 1;
        }
        canonical_value(out, value);
    }
    if lines > 0 {
        out.push(b'\n');
    }
    out.push(b'\n');
    let start = out.len();
    for k in 0..order.len() {
        if !same_as_previous(k) {
            if out.len() > start {
                out.push(b';');
            }
            push_lower(out, list[order[k]].0);
        }
    }
    (lines, start..out.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(canonical_path("//example//", true), "/example/");
        assert_eq!(canonical_path("/example1/example2/../..", true), "/");
        assert_eq!(canonical_path("/./", true), "/");
        assert_eq!(
            canonical_path("/example space/", false),
            "/example%20space/"
        );
        assert_eq!(
            canonical_path("/example/$delete", true),
            "/example/%24delete"
        );
        assert_eq!(canonical_path("/a%20b", true), "/a%2520b");
    }

    #[test]
    fn header_values() {
        let mut s = Vec::new();
        canonical_value(&mut s, "  a \t b\r\n  c  ".as_bytes());
        assert_eq!(s, b"a b c");
    }

    #[test]
    fn sorts() {
        for n in 0..40usize {
            let keys: Vec<usize> = (0..n).map(|i| (i * 7919 + 13) % 17).collect();
            let mut idx: Vec<usize> = (0..n).collect();
            sort_indices(&mut idx, &|a, b| (keys[a], a) < (keys[b], b));
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by_key(|&i| (keys[i], i));
            assert_eq!(idx, want);
        }
    }

    #[test]
    fn query_canonicalization() {
        assert_eq!(canonical_query("", &[]), "");
        assert_eq!(
            canonical_query("b=2&a=%7e&a=1&&c&d=x=y%2", &[("A".into(), "z".into())]),
            "A=z&a=1&a=~&b=2&c=&d=x%3Dy%252"
        );
    }
}
