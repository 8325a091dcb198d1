//! Shared by the integration tests (each test file uses what it needs).
#![allow(dead_code)]

pub mod pieces;
pub mod values;
pub mod xml_tree;
