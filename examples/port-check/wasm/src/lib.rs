//! Empty: the port check runs as tests/port_check.rs.
