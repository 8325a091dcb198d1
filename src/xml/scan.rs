//! The XML tokenizer: one pass over a response body that reports start and end tags, with each
//! leaf's text, to a [`Visitor`]. It follows the text rules of the AWS SDK for JavaScript v3's XML
//! parser (leaf text kept verbatim, whitespace-only text with a newline read as empty, CR LF read as
//! LF, the first root element used whatever its name), refuses DOCTYPE declarations and unknown
//! entities, and bounds body size, depth and element count, so hostile bodies end in an error.
//!
//! It works on bytes: the body is checked to be UTF-8 once, then every scan looks for ASCII
//! delimiters (eight bytes at a time where runs are long), so every range it cuts is on a character
//! boundary. Leaf text is borrowed from the body; only text with an entity or a CR, or split by a
//! comment or CDATA, is decoded, into one reused buffer.

use super::bytes::{complete, find_any, find_below, is_ws, refused_in_name, same};
use super::decode::{blank_with_newline, decode, sub};
use super::message as error;
use super::{Limits, MAX_DEPTH};
use crate::text::{push_decimal, truncate};
use crate::{Error, Result};

/// The text gathered so far for the innermost open element.
#[derive(Clone, Copy)]
enum Text {
    Empty,
    /// One piece, used as written: a byte range of the body.
    Raw(usize, usize),
    /// Several pieces, or one to decode: in the reader's buffer.
    Buffer,
}

// ---------------------------------------------------------------------------------------------
// The reader

/// Receives a document's elements from [`read`], in document order. The root is at depth 1.
pub trait Visitor<'a> {
    /// A start tag, or a self-closing tag (its `close` follows at once).
    fn open(&mut self, depth: usize, name: &'a str);
    /// An end tag. `text` is the element's text, `None` when it has element children (the SDK then
    /// drops the text around them).
    fn close(&mut self, depth: usize, name: &'a str, text: Option<&str>);
}

/// Reads one document into `v`, within [`super::MAX_BODY_BYTES`], [`MAX_DEPTH`] and
/// [`super::MAX_ELEMENTS`].
/// Comments, processing instructions and the XML declaration are skipped; a DOCTYPE is refused;
/// content after the root element is never looked at (as the SDK ignores it). On an error `v` has
/// seen part of the document.
pub fn read<'a>(body: &'a [u8], v: &mut dyn Visitor<'a>) -> Result<()> {
    read_within(body, super::LIMITS, v)
}

/// [`read`] within other limits (depth stays [`MAX_DEPTH`]).
pub fn read_within<'a>(body: &'a [u8], limits: Limits, v: &mut dyn Visitor<'a>) -> Result<()> {
    let s = checked(body, limits.body_bytes)?;
    let mut state = Scan::new(limits.elements);
    Reader::new(s, 0, 0, &mut state).run(v, false).map(|_| ())
}

/// What the reader keeps between the windows of a body read in pieces ([`Scan::window`]): the open
/// elements, the element count, and whether the root has opened or closed.
pub struct Scan {
    /// Names of the open elements, as byte ranges of the current window (see [`Scan::window`]):
    /// start, then end shifted by 32.
    stack: [u64; MAX_DEPTH],
    depth: usize,
    count: usize,
    max_elements: usize,
    /// Whether the innermost open element has had an element child.
    has_children: bool,
    /// The root's start tag has been read.
    started: bool,
    /// The root has closed: the rest of the body is never looked at.
    pub(crate) done: bool,
    /// Where the last window's checked UTF-8 ends (a window that is not the last may end inside a
    /// character).
    pub(crate) checked_to: usize,
    /// Decoded text (reused from element to element).
    buf: String,
}

/// How far a window was read.
pub enum Progress {
    /// The root closed.
    Done,
    /// The window ends inside the document: reading resumes at this offset of the window, after
    /// the last tag read (or the last comment between elements), when more bytes have arrived.
    More(usize),
}

impl Scan {
    /// A reader state before the first byte, accepting at most `max_elements` elements.
    pub fn new(max_elements: usize) -> Self {
        Scan {
            stack: [0; MAX_DEPTH],
            depth: 0,
            count: 0,
            max_elements,
            has_children: false,
            started: false,
            done: false,
            checked_to: 0,
            buf: String::new(),
        }
    }

    /// Reads the window `w` from its offset `from`: `w[..from]` holds only names of open elements
    /// (see [`Scan::carry`]) and `w[from..]` the document from its byte `origin`. With `last`
    /// false the window may end anywhere, even inside a character or a tag: only markup and text
    /// that end inside it are read. With `last` true the window ends the body, and the result is
    /// what [`read`] gives for the whole body.
    pub fn window<'a>(
        &mut self,
        w: &'a [u8],
        from: usize,
        origin: usize,
        last: bool,
        v: &mut dyn Visitor<'a>,
    ) -> Result<Progress> {
        // A window that is not the last may end inside a UTF-8 sequence: that tail waits.
        let usable = match core::str::from_utf8(w) {
            Ok(_) => w.len(),
            Err(e) if !last && e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(not_utf8(origin + e.valid_up_to() - from)),
        };
        let s = core::str::from_utf8(w.get(..usable).unwrap_or_default())
            .map_err(|_| Error::invalid_response("response body is not valid UTF-8"))?;
        self.checked_to = usable;
        Reader::new(s, from, origin, self).run(v, !last)
    }

    /// Moves what a window left unread (`w[resume..]`) into `out`, after the names of the open
    /// elements (which it repoints there), for the next window: returns that window's `from`.
    pub fn carry(&mut self, w: &[u8], resume: usize, out: &mut Vec<u8>) -> usize {
        out.clear();
        for r in self.stack.iter_mut().take(self.depth) {
            let (a, b) = (*r as u32 as usize, (*r >> 32) as usize);
            let start = out.len();
            out.extend_from_slice(w.get(a..b).unwrap_or_default());
            *r = start as u64 | (out.len() as u64) << 32;
        }
        let from = out.len();
        out.extend_from_slice(w.get(resume..).unwrap_or_default());
        from
    }
}

/// The error for a body whose byte `at` starts no valid UTF-8 character.
pub fn not_utf8(at: usize) -> Error {
    let mut m = String::from("response body is not valid UTF-8 (at byte ");
    push_decimal(&mut m, at as u64);
    m.push(')');
    Error::invalid_response(m)
}

/// The error for a body of `len` bytes over `limit`.
pub fn too_large(len: usize, limit: usize) -> Error {
    let mut m = String::from("response body of ");
    push_decimal(&mut m, len as u64);
    m.push_str(" bytes exceeds the ");
    push_decimal(&mut m, limit as u64);
    m.push_str("-byte limit");
    Error::invalid_response(m)
}

/// The body as text, within `limit` bytes.
fn checked(body: &[u8], limit: usize) -> Result<&str> {
    if body.len() > limit {
        return Err(too_large(body.len(), limit));
    }
    core::str::from_utf8(body).map_err(|e| not_utf8(e.valid_up_to()))
}

/// One window's reader: a position in the window, the pending text, and the state it carries.
struct Reader<'a, 's> {
    s: &'a str,
    b: &'a [u8],
    /// Position: every error with a position names it (as a byte of the body, see `origin`).
    i: usize,
    /// The window's first document byte, and its offset in the body.
    from: usize,
    origin: usize,
    /// The innermost open element's text so far.
    text: Text,
    /// Markup ran into the window's end (see `run`).
    ran_out: bool,
    st: &'s mut Scan,
}

impl<'a, 's> Reader<'a, 's> {
    fn new(s: &'a str, from: usize, origin: usize, st: &'s mut Scan) -> Self {
        Reader {
            s,
            b: s.as_bytes(),
            i: from,
            from,
            origin,
            text: Text::Empty,
            ran_out: false,
            st,
        }
    }

    /// Reads the window (see [`Scan::window`]); `partial` when more of the body may follow. Never
    /// inlined: its two callers would get a copy each.
    #[inline(never)]
    fn run(mut self, v: &mut dyn Visitor<'a>, partial: bool) -> Result<Progress> {
        let r = &mut self;
        // Where a partial read resumes: after the last thing read that leaves no pending text.
        let mut safe = r.i;
        // In a partial read, markup that `complete` let through can still run into the window's
        // end (its quick look at a start tag is not the parser's): that waits for more bytes too.
        macro_rules! step {
            ($e:expr) => {
                match $e {
                    Err(_) if partial && r.ran_out => return Ok(Progress::More(safe)),
                    x => x?,
                }
            };
        }
        if r.st.done {
            return Ok(Progress::Done);
        }
        if !r.st.started {
            loop {
                r.skip_ws();
                safe = r.i;
                if partial && !complete(r.rest()) {
                    return Ok(Progress::More(safe));
                }
                if step!(r.prolog_item()) {
                    break;
                }
            }
            // The prolog ends at a `<`: whatever follows is the root's start tag, even `<!x>`.
            r.i += 1;
            if step!(r.start_tag(v)) {
                r.st.started = true;
                r.st.done = true;
                return Ok(Progress::Done); // a self-closing root
            }
            r.st.started = true;
            safe = r.i;
        }
        loop {
            let rest = r.rest();
            if partial && !complete(rest) {
                return Ok(Progress::More(safe));
            }
            match rest {
                [] => {
                    let (a, b) = r.top();
                    return Err(error(&[
                        "truncated XML: <",
                        truncate(sub(r.s, a, b)),
                        "> is never closed",
                    ]));
                }
                [b'<', b'/', ..] => {
                    if step!(r.end_tag(v)) {
                        r.st.done = true;
                        return Ok(Progress::Done); // the root closed
                    }
                    safe = r.i;
                }
                [b'<', b'!', b'-', b'-', ..] => {
                    r.i += 4;
                    step!(r.until(b"-->", "a comment"));
                    if matches!(r.text, Text::Empty) {
                        safe = r.i;
                    }
                }
                [b'<', b'!', b'[', b'C', b'D', b'A', b'T', b'A', b'[', ..] => {
                    r.i += 9;
                    let (a, b) = step!(r.until(b"]]>", "a CDATA section"));
                    if !r.st.has_children {
                        let plain = !r.b[a..b].contains(&b'\r');
                        r.push_text(a, b, false, plain)?;
                    }
                }
                [b'<', b'!', ..] => {
                    r.i += 2;
                    return Err(
                        r.err(&["malformed XML: declarations are not allowed inside elements"])
                    );
                }
                [b'<', b'?', ..] => {
                    r.i += 2;
                    step!(r.until(b"?>", "a processing instruction"));
                    if matches!(r.text, Text::Empty) {
                        safe = r.i;
                    }
                }
                [b'<', ..] => {
                    r.i += 1;
                    step!(r.start_tag(v));
                    safe = r.i;
                }
                _ => r.char_data()?,
            }
        }
    }

    /// Reads one item of the prolog (after whitespace): a processing instruction or a comment
    /// (false), or finds the root element's `<` (true).
    fn prolog_item(&mut self) -> Result<bool> {
        let r = self;
        let rest = r.rest();
        if rest.is_empty() {
            Err(Error::invalid_response(
                "empty or truncated XML: no root element",
            ))
        } else if rest.starts_with(b"<?") {
            r.i += 2;
            r.until(b"?>", "a processing instruction")?;
            Ok(false)
        } else if rest.starts_with(b"<!--") {
            r.i += 4;
            r.until(b"-->", "a comment")?;
            Ok(false)
        } else if rest
            .get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"<!DOCTYPE"))
        {
            Err(Error::invalid_response(
                "XML DOCTYPE declarations are refused (they can define entities)",
            ))
        } else if rest.starts_with(b"<") {
            Ok(true)
        } else {
            Err(r.err(&["malformed XML: text before the root element"]))
        }
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.i..).unwrap_or_default()
    }

    /// The name range of the innermost open element.
    fn top(&self) -> (usize, usize) {
        let range = self
            .st
            .stack
            .get(self.st.depth.wrapping_sub(1))
            .copied()
            .unwrap_or_default();
        (range as u32 as usize, (range >> 32) as usize)
    }

    fn skip_ws(&mut self) {
        while self.b.get(self.i).is_some_and(|&c| is_ws(c)) {
            self.i += 1;
        }
    }

    /// An error whose message is `parts` joined, then the current position.
    fn err(&self, parts: &[&str]) -> Error {
        let mut m = String::new();
        for p in parts {
            m.push_str(p);
        }
        m.push_str(" (at byte ");
        push_decimal(&mut m, (self.origin + self.i - self.from) as u64);
        m.push(')');
        Error::invalid_response(m)
    }

    /// Moves past `stop`, returning the range before it.
    fn until(&mut self, stop: &[u8], what: &str) -> Result<(usize, usize)> {
        let start = self.i;
        // Each occurrence of the first byte, then a check of the rest (stops are 1 to 3 bytes).
        let mut at = start;
        while at < self.b.len() {
            at = find_any(self.b, at, [stop[0]; 3]);
            if self.b.get(at..at + stop.len()).is_some_and(|w| w == stop) {
                self.i = at + stop.len();
                return Ok((start, at));
            }
            at += 1;
        }
        self.ran_out = true;
        Err(self.err(&["truncated XML: ", what, " is never closed"]))
    }

    /// A run of character data up to the next `<`: checked now, decoded when its element closes.
    fn char_data(&mut self) -> Result<()> {
        let start = self.i;
        let mut end = find_any(self.b, start, [b'<', b'&', b'\r']);
        let special = self.b.get(end).is_some_and(|&c| c != b'<');
        if special {
            end = find_any(self.b, end, [b'<'; 3]);
        }
        self.i = end;
        if !self.st.has_children {
            self.push_text(start, end, true, !special)
        } else if special {
            // Dropped, but its entities must still be valid.
            decode(sub(self.s, start, end), true, None)
        } else {
            Ok(())
        }
    }

    /// Adds `b[a..b]` to the innermost element's text: character data (`entities`) or CDATA, and
    /// `plain` when it holds nothing to decode (it is then only copied if another piece joins it).
    fn push_text(&mut self, a: usize, b: usize, entities: bool, plain: bool) -> Result<()> {
        match self.text {
            Text::Empty if plain => {
                self.text = Text::Raw(a, b);
                return Ok(());
            }
            Text::Empty => self.st.buf.clear(),
            Text::Raw(x, y) => {
                self.st.buf.clear();
                self.st.buf.push_str(sub(self.s, x, y));
            }
            Text::Buffer => {}
        }
        self.text = Text::Buffer;
        decode(sub(self.s, a, b), entities, Some(&mut self.st.buf))
    }

    /// Reads a start tag after its `<` (name, then attributes: checked, then ignored) and reports
    /// it. Returns whether it closes itself.
    fn start_tag(&mut self, v: &mut dyn Visitor<'a>) -> Result<bool> {
        // Every delimiter and refused byte sorts before `?`: names of letters pass eight at a time.
        let start = self.i;
        let mut end = start;
        let stop = loop {
            end = find_below(self.b, end, b'?');
            match self.b.get(end) {
                Some(&c) if !(is_ws(c) || c == b'>' || c == b'/' || refused_in_name(c)) => end += 1,
                stop => break stop,
            }
        };
        if end == start || stop.is_some_and(|&c| refused_in_name(c)) {
            return Err(self.err(&["malformed XML: bad element name"]));
        }
        self.i = end;
        let empty = loop {
            self.skip_ws();
            let rest = self.rest();
            match rest {
                [b'/', b'>', ..] => {
                    self.i += 2;
                    break true;
                }
                [b'>', ..] => {
                    self.i += 1;
                    break false;
                }
                [] => {
                    self.ran_out = true;
                    return Err(self.err(&[
                        "truncated XML: <",
                        truncate(sub(self.s, start, end)),
                        "> is never closed",
                    ]));
                }
                _ => {}
            }
            // An attribute: name, `=`, quoted value.
            let len = rest
                .iter()
                .position(|&c| is_ws(c) || matches!(c, b'=' | b'>' | b'/'))
                .unwrap_or(rest.len());
            if len == 0 {
                // A lone `/` at the window's end may be the start of `/>`.
                self.ran_out = rest == b"/";
                return Err(self.err(&["malformed XML: bad attribute"]));
            }
            self.i += len;
            self.skip_ws();
            self.ran_out = self.i >= self.b.len();
            if !matches!(self.b.get(self.i), Some(b'=')) {
                return Err(self.err(&["malformed XML: attribute without a value"]));
            }
            self.i += 1;
            self.skip_ws();
            self.ran_out = self.i >= self.b.len();
            let q = match self.b.get(self.i) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return Err(self.err(&["malformed XML: attribute value must be quoted"])),
            };
            self.i += 1;
            self.until(&[q], "an attribute value")?;
        };
        self.st.count += 1;
        if self.st.count > self.st.max_elements {
            let mut m = String::from("XML has more than ");
            push_decimal(&mut m, self.st.max_elements as u64);
            m.push_str(" elements");
            return Err(Error::invalid_response(m));
        }
        // The parent now has an element child: its own text no longer counts.
        self.st.has_children = true;
        self.text = Text::Empty;
        let name = sub(self.s, start, end);
        let depth = self.st.depth + 1;
        // An element is as deep as its tag, whether it closes itself or not.
        if depth > MAX_DEPTH {
            return Err(Error::invalid_response(
                "XML nested deeper than 64 elements",
            ));
        }
        if !empty {
            self.st.stack[self.st.depth] = start as u64 | (end as u64) << 32;
            self.st.depth = depth;
            self.st.has_children = false;
        }
        v.open(depth, name);
        if empty {
            v.close(depth, name, Some(""));
        }
        Ok(empty && self.st.depth == 0)
    }

    /// Reads an end tag (at its `</`), which must close the innermost open element, and reports
    /// it. Returns whether it closed the root.
    fn end_tag(&mut self, v: &mut dyn Visitor<'a>) -> Result<bool> {
        let (a, b) = self.top();
        let name = sub(self.s, a, b);
        let rest = self.rest();
        let n = name.len();
        if matches!(rest.get(2 + n), Some(b'>')) && same(&rest[2..2 + n], name.as_bytes()) {
            // `</name>`, the usual case.
            self.i += n + 3;
        } else {
            self.i += 2;
            let (a, mut b) = self.until(b">", "a closing tag")?;
            while b > a && is_ws(self.b[b - 1]) {
                b -= 1;
            }
            let close = sub(self.s, a, b);
            if close != name {
                return Err(self.err(&[
                    "malformed XML: <",
                    truncate(name),
                    "> closed by </",
                    truncate(close),
                    ">",
                ]));
            }
        }
        let text = match std::mem::replace(&mut self.text, Text::Empty) {
            Text::Empty => "",
            Text::Raw(a, b) => sub(self.s, a, b),
            Text::Buffer => &self.st.buf,
        };
        let text = if blank_with_newline(text) { "" } else { text };
        v.close(self.st.depth, name, (!self.st.has_children).then_some(text));
        self.st.depth = self.st.depth.saturating_sub(1);
        // The parent has an element child now.
        self.st.has_children = true;
        Ok(self.st.depth == 0)
    }
}
