//! Integration tests: paths (being written).
