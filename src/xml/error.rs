//! The EC2 error envelopes (`<Response><Errors><Error>…` and `<ErrorResponse>`), read as the AWS
//! SDK reads them: the first `Error` of the root's first `Errors`, else the root's first `Error`.

use super::scan::{read, Visitor};
use crate::Result;

/// An EC2 error's code, message and request id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceError {
    /// `Code`, e.g. `InvalidVolume.NotFound`.
    pub code: Option<String>,
    /// `Message`
    pub message: Option<String>,
    /// `RequestID` (or `RequestId`) from the body.
    pub request_id: Option<String>,
}

/// An EC2 error body, read as the SDK reads it: the `Error` element under `Errors` (either wrapper,
/// `<Response>` or `<ErrorResponse>`) or directly under the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// Code, message and request id.
    pub error: ServiceError,
    /// Every leaf child of `<Error>` in order (`Code`, `Message`, `Type`, and any others), which the SDK
    /// copies onto the exception.
    pub fields: Vec<(String, String)>,
}

/// What one `<Error>` element holds: its leaf children, and the first `Code`, `message` and
/// `Message` children's text (`Some(None)` when that child has element children).
#[derive(Default)]
struct ErrorElement {
    fields: Vec<(String, String)>,
    code: Option<Option<String>>,
    message_lower: Option<Option<String>>,
    message: Option<Option<String>>,
}

impl ErrorElement {
    fn child(&mut self, name: &str, text: Option<&str>) {
        let first = match name {
            "Code" => Some(&mut self.code),
            "message" => Some(&mut self.message_lower),
            "Message" => Some(&mut self.message),
            _ => None,
        };
        if let Some(slot @ None) = first {
            *slot = Some(text.map(str::to_owned));
        }
        if let Some(text) = text {
            self.fields.push((name.to_owned(), text.to_owned()));
        }
    }
}

/// Progress through an element read only at its first occurrence.
#[derive(PartialEq, Clone, Copy)]
enum Once {
    Before,
    In,
    After,
}

/// Collects an error document as it streams by.
struct ErrorReader {
    /// The root's first `Errors`, its first `Error`, and the root's first `Error`.
    errors: Once,
    nested: Once,
    direct: Once,
    in_errors: ErrorElement,
    at_root: ErrorElement,
    /// The root's first `RequestID` and first `RequestId` (`Some(None)`: not a leaf).
    request_id_upper: Option<Option<String>>,
    request_id: Option<Option<String>>,
}

impl<'a> Visitor<'a> for ErrorReader {
    fn open(&mut self, depth: usize, name: &'a str) {
        match (depth, name) {
            (2, "Errors") if self.errors == Once::Before => self.errors = Once::In,
            (2, "Error") if self.direct == Once::Before => self.direct = Once::In,
            (3, "Error") if self.errors == Once::In && self.nested == Once::Before => {
                self.nested = Once::In
            }
            _ => {}
        }
    }

    fn close(&mut self, depth: usize, name: &'a str, text: Option<&str>) {
        match depth {
            2 if self.errors == Once::In => self.errors = Once::After,
            2 if self.direct == Once::In => self.direct = Once::After,
            2 => {
                let first = match name {
                    "RequestID" => &mut self.request_id_upper,
                    "RequestId" => &mut self.request_id,
                    _ => return,
                };
                if first.is_none() {
                    *first = Some(text.map(str::to_owned));
                }
            }
            3 if self.direct == Once::In => self.at_root.child(name, text),
            3 if self.nested == Once::In => self.nested = Once::After,
            4 if self.nested == Once::In => self.in_errors.child(name, text),
            _ => {}
        }
    }
}

/// Parses an error response body. An empty body gives an empty [`ErrorBody`].
///
/// Streams; the result is exactly the tree reading in `tests/common/xml_tree.rs`: the first `Error`
/// of the root's first `Errors`, else the root's first `Error`.
pub fn parse_error_response(body: &[u8]) -> Result<ErrorBody> {
    if body.is_empty() {
        return Ok(ErrorBody::default());
    }
    let mut r = ErrorReader {
        errors: Once::Before,
        nested: Once::Before,
        direct: Once::Before,
        in_errors: ErrorElement::default(),
        at_root: ErrorElement::default(),
        request_id_upper: None,
        request_id: None,
    };
    read(body, &mut r)?;
    let mut out = ErrorBody::default();
    let error = match (r.nested, r.direct) {
        (Once::After, _) => Some(r.in_errors),
        (_, Once::After) => Some(r.at_root),
        _ => None,
    };
    if let Some(e) = error {
        out.fields = e.fields;
        out.error.code = e.code.flatten();
        out.error.message = e.message_lower.flatten().or(e.message.flatten());
    }
    out.error.request_id = r.request_id_upper.or(r.request_id).flatten();
    Ok(out)
}
