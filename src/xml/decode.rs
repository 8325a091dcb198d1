//! Leaf text: entity references (the five predefined ones and numeric references) and line ends
//! (CR LF and a lone CR read as LF), decoded as the AWS SDK for JavaScript v3 decodes them.

use super::message as error;
use crate::text::quote;
use crate::Result;

// Text: entities, line ends

/// The character an entity body (`amp`, `#x41`, `#65`) names.
pub(super) fn entity(name: &str) -> Result<char> {
    Ok(match name.as_bytes() {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', num @ ..] => {
            let code = match num {
                [b'x' | b'X', hex @ ..] if !hex.is_empty() && hex.len() <= 6 => number(hex, 16),
                [b'x' | b'X', ..] => None,
                _ if !num.is_empty() && num.len() <= 7 => number(num, 10),
                _ => None,
            };
            match code.and_then(char::from_u32) {
                Some(c) if c != '\0' => c,
                _ => return Err(error(&["invalid character reference &", &quote(name), ";"])),
            }
        }
        _ => {
            return Err(error(&[
                "unknown entity &",
                &quote(name),
                ";: only the five XML entities and character references are accepted",
            ]))
        }
    })
}

/// Digits in `radix` (at most 7, so no overflow), or `None` if any byte is not one.
fn number(digits: &[u8], radix: u32) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        char::from(d).to_digit(radix).map(|v| acc * radix + v)
    })
}

/// Checks a piece of text (`entities`: character data; otherwise CDATA) and, given `out`, appends it
/// decoded: entities resolved, CR LF and lone CR read as LF. An `&` that does not start an entity
/// reference (`&`, then letters, digits or `#`, then `;`) stays as written, as with the SDK.
pub(super) fn decode(s: &str, entities: bool, mut out: Option<&mut String>) -> Result<()> {
    let b = s.as_bytes();
    // `b[from..i]` is copied as written when the next special character is met.
    let (mut from, mut i) = (0, 0);
    while let Some(&c) = b.get(i) {
        let (decoded, next) = match c {
            b'\r' => (
                '\n',
                if matches!(b.get(i + 1), Some(b'\n')) {
                    i + 2
                } else {
                    i + 1
                },
            ),
            b'&' if entities => {
                let mut j = i + 1;
                while b
                    .get(j)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'#')
                {
                    j += 1;
                }
                if j == i + 1 || !matches!(b.get(j), Some(b';')) {
                    i += 1; // kept as written
                    continue;
                }
                (entity(sub(s, i + 1, j))?, j + 1)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(o) = out.as_deref_mut() {
            o.push_str(sub(s, from, i));
            o.push(decoded);
        }
        (from, i) = (next, next);
    }
    if let Some(o) = out {
        o.push_str(sub(s, from, b.len()));
    }
    Ok(())
}

/// `s[a..b]` without a panic path: the reader only cuts at ASCII delimiters, which are always
/// character boundaries, so the fallback is never taken.
pub(crate) fn sub(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or_default()
}

/// Whitespace-only text with a newline, which the SDK reads as empty.
pub(super) fn blank_with_newline(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().all(|c| matches!(c, b' ' | b'\t' | b'\n')) && b.contains(&b'\n')
}
