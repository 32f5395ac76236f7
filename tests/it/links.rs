//! Integration tests: links (being written).
