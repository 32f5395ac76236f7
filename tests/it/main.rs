//! attune's integration tests: one binary, one module per feature. Each test copies a small
//! fixture site from `tests/fixtures/` (or writes one inline) into a fresh temporary folder,
//! runs the real `attune` binary on it, and asserts on the HTML, the diagnostics and the exit
//! code.

mod support;
mod unzip;

mod architecture;
mod authoring;
mod build;
mod check;
mod cli;
mod course;
mod export;
mod glossary;
mod golden;
mod handbook;
mod handbook_es;
mod i18n;
mod languages;
mod links;
mod media;
mod obsidian;
mod overrides;
mod paths;
mod print;
mod robustness;
mod search;
mod serve;
mod strings;
mod template_reference;
mod theme;
mod translations;
