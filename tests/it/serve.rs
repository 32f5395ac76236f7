//! Integration tests: serve (being written).
