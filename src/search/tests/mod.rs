//! Tests of the search module as a whole: matching and ranking on a small therapy site, the
//! files it writes, and sharding of large generated sites.

mod files;
mod fixture;
mod jscheck;
mod large;
mod matching;
mod robust;
