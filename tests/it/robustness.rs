//! Integration tests: robustness (being written).
