//! The JavaScript binding (wasm32 only). Being written.
