//! Leaf text helpers shared by the signer, the query writer, the XML reader and the wire codec:
//! decimal and hex digits, RFC 3986 percent-encoding, and quoting values into error messages.
//! Depends on nothing else in the crate.

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// Longest part of a value quoted into an error message, in characters.
pub const QUOTE_LIMIT: usize = 64;

/// One bit per byte value: set for the RFC 3986 unreserved bytes `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: [u8; 32] = {
    let mut t = [0u8; 32];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') {
            t[b >> 3] |= 1 << (b & 7);
        }
        b += 1;
    }
    t
};

/// True for RFC 3986 unreserved bytes: what `encodeURIComponent` leaves alone, minus `!'()*`.
#[inline]
pub fn is_unreserved(b: u8) -> bool {
    UNRESERVED[usize::from(b >> 3)] & (1 << (b & 7)) != 0
}

/// Appends `s` percent-encoded (unreserved bytes kept, `/` kept too when `keep_slash`, everything
/// else `%XX` with upper-case hex). The output is always ASCII.
pub fn percent_encode_bytes(out: &mut Vec<u8>, s: &[u8], keep_slash: bool) {
    let keep = |b: u8| is_unreserved(b) || (keep_slash && b == b'/');
    out.reserve(s.len());
    let mut rest = s;
    // Runs of kept bytes are copied whole; most values are one run.
    while !rest.is_empty() {
        let run = rest.iter().position(|&b| !keep(b)).unwrap_or(rest.len());
        let (kept, tail) = rest.split_at(run);
        out.extend_from_slice(kept);
        if let Some((&b, tail)) = tail.split_first() {
            out.extend_from_slice(&[
                b'%',
                UPPER_HEX[usize::from(b >> 4)],
                UPPER_HEX[usize::from(b & 15)],
            ]);
            rest = tail;
        } else {
            rest = tail;
        }
    }
}

/// Appends `s` percent-encoded as `encodeURIComponent` plus `!'()*` (space is `%20`, upper-case hex).
pub fn percent_encode_into(out: &mut String, s: &str) {
    let mut v = Vec::new();
    percent_encode_bytes(&mut v, s.as_bytes(), false);
    out.push_str(&ascii_string(v));
}

/// A `String` from bytes this crate wrote itself (ASCII, or whole UTF-8 sequences copied from
/// `&str`s); never fails in practice, and never panics.
pub fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Appends the decimal digits of `n` (no `core::fmt`).
pub fn push_u64(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends the decimal digits of `n` to a `String`.
pub fn push_decimal(out: &mut String, n: u64) {
    let mut v = Vec::with_capacity(20);
    push_u64(&mut v, n);
    out.push_str(&ascii_string(v));
}

/// Appends `n` in decimal with a leading `-` when negative.
pub fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_decimal(out, n.unsigned_abs());
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.extend_from_slice(&[
            LOWER_HEX[usize::from(b >> 4)],
            LOWER_HEX[usize::from(b & 15)],
        ]);
    }
    ascii_string(s)
}

/// The first [`QUOTE_LIMIT`] characters of `s` (never cuts a character).
pub fn truncate(s: &str) -> &str {
    match s.char_indices().nth(QUOTE_LIMIT) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// `s` in double quotes, at most [`QUOTE_LIMIT`] characters, escaped like Rust's `{:?}` for quotes,
/// backslashes and control characters (without pulling in the Unicode tables `{:?}` needs).
pub fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len().min(QUOTE_LIMIT) + 2);
    q.push('"');
    for c in truncate(s).chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            '\0' => q.push_str("\\0"),
            c if c.is_control() => {
                // `\u{..}` with lowercase hex and no leading zeros, as `{:?}` writes it.
                q.push_str("\\u{");
                let v = c as u32;
                let mut shift = 28;
                while shift > 0 && v >> shift == 0 {
                    shift -= 4;
                }
                loop {
                    q.push(char::from(LOWER_HEX[((v >> shift) & 0xf) as usize]));
                    if shift == 0 {
                        break;
                    }
                    shift -= 4;
                }
                q.push('}');
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Whether `s` is an IPv6 address in text form exactly as `std::net::Ipv6Addr`'s parser accepts one:
/// eight groups of 1–4 hex digits; or fewer around one `::` that stands for at least one zero group;
/// the last two groups may be an IPv4 dotted quad (decimal octets up to 255, no leading zeros). Written
/// out because std's parser costs about 2 KB of wasm; `tests::ipv6_as_std` and the endpoint fuzz
/// target compare the two.
pub fn is_ipv6(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut groups, mut gap, mut i) = (0, false, 0);
    if b.starts_with(b"::") {
        (gap, i) = (true, 2);
        if i == b.len() {
            return true;
        }
    }
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        if b.get(i) == Some(&b'.') {
            // an IPv4 quad: the rest of the address, counted as two groups
            if !is_ipv4(&b[start..]) {
                return false;
            }
            groups += 2;
            break;
        }
        if i == start || i - start > 4 {
            return false;
        }
        groups += 1;
        match b.get(i) {
            None => break,
            Some(b':') => i += 1,
            Some(_) => return false,
        }
        match b.get(i) {
            None => return false, // a single trailing ':'
            Some(b':') if gap => return false,
            Some(b':') => {
                (gap, i) = (true, i + 1);
                if i == b.len() {
                    break;
                }
            }
            Some(_) => {}
        }
    }
    if gap {
        groups <= 7
    } else {
        groups == 8
    }
}

/// Whether `b` is a dotted-quad IPv4 address as `std::net::Ipv4Addr`'s parser accepts one.
fn is_ipv4(b: &[u8]) -> bool {
    let mut octets = 0;
    for o in b.split(|&c| c == b'.') {
        if !(1..=3).contains(&o.len()) || (o.len() > 1 && o[0] == b'0') {
            return false;
        }
        let mut v = 0u32;
        for &c in o {
            if !c.is_ascii_digit() {
                return false;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        if v > 255 {
            return false;
        }
        octets += 1;
    }
    octets == 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_keeps_whole_characters() {
        // 63 ASCII bytes then multi-byte characters: the cut falls after the 64th character, whatever
        // its width, and never inside one.
        let s = format!("{}é😀ü", "a".repeat(63));
        assert_eq!(truncate(&s), format!("{}é", "a".repeat(63)));
        let wide = "😀".repeat(70);
        assert_eq!(truncate(&wide).chars().count(), 64);
        assert_eq!(truncate("short"), "short");
        assert_eq!(truncate(""), "");
    }

    #[test]
    fn quote_escapes_like_debug() {
        for s in ["a\"b\\c", "\n\r\t\0", "\u{1}\u{7f}\u{9f}", "é😀"] {
            assert_eq!(quote(s), format!("{s:?}"));
        }
        assert_eq!(quote(&"x".repeat(100)).len(), 66);
    }

    #[test]
    fn percent_encoding_matches_encode_uri_component_plus() {
        let mut out = String::new();
        percent_encode_into(&mut out, "a b!'()*~/é");
        assert_eq!(out, "a%20b%21%27%28%29%2A~%2F%C3%A9");
        let mut v = Vec::new();
        percent_encode_bytes(&mut v, b"a/b c", true);
        assert_eq!(v, b"a/b%20c");
    }

    #[test]
    fn decimals_and_hex() {
        let mut s = String::new();
        push_i64(&mut s, i64::MIN);
        s.push(' ');
        push_i64(&mut s, 0);
        s.push(' ');
        push_decimal(&mut s, u64::MAX);
        assert_eq!(s, "-9223372036854775808 0 18446744073709551615");
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
    }

    #[test]
    fn ipv6_as_std() {
        use std::net::Ipv6Addr;
        let same = |s: &str| assert_eq!(super::is_ipv6(s), s.parse::<Ipv6Addr>().is_ok(), "{s:?}");
        for s in [
            "",
            "::",
            ":::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1::8",
            "1:2:3:4:5:6::8",
            "1:2:3:4:5:6:7::8",
            "1::2::3",
            "1:::2",
            ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:",
            "12345::",
            "0000::ffff",
            "FFFF::aBcD",
            "g::",
            "::1.2.3.4",
            "::ffff:192.168.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:5",
            "::1.2.3",
            "::1.2.3.4.5",
            "::01.2.3.4",
            "::0.0.0.0",
            "::255.255.255.255",
            "::256.1.1.1",
            "::1.2.3.04",
            "::1..3.4",
            "::.1.2.3",
            "::1.2.3.4.",
            "fe80::1%eth0",
            "::1 ",
            " ::1",
            "1:2:3:4:5:6:7:8%1",
            "::ffff:1.2.3.4:",
            "::1:2.3.4.5",
            "::1.2.3.4:1",
            "::a.b.c.d",
            "1:1.2.3.4::",
            "0:0:0:0:0:0:0:0",
            "::0:0:0:0:0:0:0",
            "::0:0:0:0:0:0",
            "1::2:3:4:5:6:7",
            "::1000.2.3.4",
            "::1.2.3.1000",
            "::é",
            "1:2:3:4:5:6:7:8:",
            "::12.34.56.78",
        ] {
            same(s);
        }
        // every string of up to 6 characters from a small alphabet, and longer ones at random
        let alphabet: Vec<char> = "0f:.1:9".chars().collect();
        let mut buf = String::new();
        fn all(buf: &mut String, alphabet: &[char], depth: usize, same: &dyn Fn(&str)) {
            same(buf);
            if depth == 0 {
                return;
            }
            for &c in alphabet {
                buf.push(c);
                all(buf, alphabet, depth - 1, same);
                buf.pop();
            }
        }
        all(&mut buf, &alphabet, 6, &same);
        let alphabet: Vec<char> = "0123456789abcdefABCDEFg:.:::..%".chars().collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 46) as usize;
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            same(&s);
        }
        // near-misses: 0–9 groups of 0–5 hex digits, a `::` somewhere or not, an IPv4 tail or not
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let (mut valid, mut total) = (0, 0);
        for _ in 0..300_000 {
            let n = next(10) as usize;
            let mut parts: Vec<String> = (0..n)
                .map(|_| "0aF9c".chars().take(next(6) as usize).collect())
                .collect();
            if next(3) == 0 {
                let octet = |v: u64| {
                    if v == 300 {
                        "01".to_string()
                    } else {
                        v.to_string()
                    }
                };
                parts.push(
                    (0..4)
                        .map(|_| octet(next(301)))
                        .collect::<Vec<_>>()
                        .join("."),
                );
            }
            let mut s = parts.join(":");
            if next(2) == 0 {
                let cut = s
                    .match_indices(':')
                    .map(|(i, _)| i)
                    .nth(next(n.max(1) as u64) as usize)
                    .unwrap_or(s.len());
                s.insert(cut, ':');
                if next(4) == 0 {
                    s.insert(0, ':');
                }
            }
            total += 1;
            if s.parse::<Ipv6Addr>().is_ok() {
                valid += 1;
            }
            same(&s);
        }
        assert!(
            valid * 20 > total,
            "{valid} of {total} near-misses were addresses"
        );
    }
}
