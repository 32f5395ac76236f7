//! Integration tests: glossary (being written).
