//! Integration tests: build (being written).
