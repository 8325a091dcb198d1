//! Building `Value`s by member name, for tests that compare readers' results.

use ec2_wasm::shapes::{StructureShape, Value};

/// A string value.
pub fn str_(s: &str) -> Value {
    Value::Str(s.to_owned())
}

/// A structure of `shape` with the named members set (panics on a name the shape does not have).
pub fn st(shape: &StructureShape, members: &[(&str, Value)]) -> Value {
    let mut v = Value::structure(shape);
    if let Value::Struct(slots) = &mut v {
        for (name, value) in members {
            let i = shape
                .member_index(name.as_bytes())
                .unwrap_or_else(|| panic!("{} has no member {name}", shape.name));
            slots[i] = Some(value.clone());
        }
    }
    v
}
