//! Integration tests: check (being written).
