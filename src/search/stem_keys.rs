//! Stem keys: the browser stems a query word that the vocabulary lacks ("fights") and looks the
//! stem up ("fight"), so word forms absent from the content still reach their stem and its
//! synonyms before any typo step. Most stems are spelled like one of their words, which the
//! vocabulary already holds; only the others ("therapi") are written as keys, each in the
//! vocabulary shard its text sorts into.

use std::collections::BTreeMap;

use super::model::{StemId, Synonym, VocabShard, shard_for};

/// Adds to each shard the stem texts that sort into it and are not a word of that stem, and
/// the synonyms of those stems (so a stem found by key brings its expansions).
pub(crate) fn place_stem_keys(
    vocab: &mut [VocabShard],
    bounds: &[String],
    stem_texts: &[String],
    synonyms: &BTreeMap<StemId, Vec<Synonym>>,
) {
    for (id, text) in stem_texts.iter().enumerate() {
        let id = id as StemId;
        let Some(shard) = vocab.get_mut(shard_for(bounds, text)) else { continue };
        if let Some(i) = shard.find(text) {
            if shard.stems.get(i) == Some(&id) {
                continue;
            }
        }
        shard.stem_keys.push((text.clone(), id));
        if let Some(list) = synonyms.get(&id) {
            shard.synonyms.entry(id).or_insert_with(|| list.clone());
        }
    }
}
