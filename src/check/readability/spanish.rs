//! Spanish readability: Fernández-Huerta and Szigriszt-Pazos, the second reported on the
//! INFLESZ scale, over a Spanish syllable count.
//!
//! Words and sentences are counted exactly as for English (see the parent module): a word is
//! a run of letters and apostrophes, a sentence ends at a run of `.`, `!` or `?` (the opening
//! `¿` and `¡` are not letters, so they only separate words). Only the syllables differ.
//!
//! # Formulas
//!
//! - **Fernández-Huerta** (José Fernández Huerta, "Medidas sencillas de lecturabilidad",
//!   *Consigna* 214, 1959): `L = 206.84 - 0.60 P - 1.02 F`, where `P` is syllables per 100 words
//!   and `F` the average words per sentence. Many restatements give `F` as sentences per 100
//!   words, which makes shorter sentences score harder; Gwillim Law (LINGUIST List 22.2332,
//!   2011) showed that reading to be an error, since the formula adapts Flesch's, whose
//!   second term is words per sentence. It is reported beside Szigriszt-Pazos, which is the
//!   limit.
//! - **Szigriszt-Pazos** (Francisco Szigriszt Pazos, *Sistemas predictivos de legibilidad del
//!   mensaje escrito: fórmula de perspicuidad*, doctoral thesis, Universidad Complutense de
//!   Madrid, 1993): `IFSZ = 206.835 - 62.3 * syllables / words - words / sentences`.
//! - **INFLESZ** (Barrio-Cantalejo et al., "Validación de la Escala INFLESZ para evaluar la
//!   legibilidad de los textos dirigidos a pacientes", *Anales del Sistema Sanitario de
//!   Navarra* 31(2), 2008) reads the Szigriszt-Pazos score in five bands: below 40 "muy
//!   difícil", 40 to 55 "algo difícil", 55 to 65 "normal", 65 to 80 "bastante fácil", 80 and
//!   above "muy fácil". Texts for patients should reach 55; site.yaml's `min_inflesz` sets the
//!   limit per audience.

use super::{count_sentences, split_words};

/// Counts and scores of a Spanish text. With no words every field is zero.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SpanishReadability {
    /// Words, as for English.
    pub words: usize,
    /// Sentences, as for English.
    pub sentences: usize,
    /// Syllables over all words, by [`count_syllables_es`].
    pub syllables: usize,
    /// Fernández-Huerta ease (higher is easier): `206.84 - 0.60 P - 1.02 F`.
    pub fernandez_huerta: f64,
    /// Szigriszt-Pazos perspicuity (higher is easier), the INFLESZ score:
    /// `206.835 - 62.3 * syllables / words - words / sentences`.
    pub szigriszt_pazos: f64,
}

impl SpanishReadability {
    /// The INFLESZ band of the Szigriszt-Pazos score, in Spanish ("bastante fácil"...).
    pub fn inflesz_band(&self) -> &'static str {
        inflesz_band(self.szigriszt_pazos)
    }
}

/// The INFLESZ band of a Szigriszt-Pazos score (Barrio-Cantalejo et al. 2008).
pub fn inflesz_band(score: f64) -> &'static str {
    if score < 40.0 {
        "muy difícil"
    } else if score < 55.0 {
        "algo difícil"
    } else if score < 65.0 {
        "normal"
    } else if score < 80.0 {
        "bastante fácil"
    } else {
        "muy fácil"
    }
}

/// Measures Spanish prose blocks (as [`super::measure`] does English ones).
pub fn measure_spanish(blocks: &[&str]) -> SpanishReadability {
    let mut counts = SpanishReadability::default();
    for block in blocks {
        let mut block_words = 0;
        for word in split_words(block) {
            block_words += 1;
            counts.syllables += count_syllables_es(word);
        }
        if block_words > 0 {
            counts.words += block_words;
            counts.sentences += count_sentences(block).max(1);
        }
    }
    if counts.words == 0 {
        return SpanishReadability::default();
    }
    let words = counts.words as f64;
    let sentences = counts.sentences as f64;
    let syllables = counts.syllables as f64;
    SpanishReadability {
        fernandez_huerta: 206.84 - 0.60 * (syllables / words * 100.0) - 1.02 * (words / sentences),
        szigriszt_pazos: 206.835 - 62.3 * (syllables / words) - words / sentences,
        ..counts
    }
}

/// What a letter is for syllable counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    /// a, e, o, and any accented vowel (an accented i or u is a strong vowel: "rí-o").
    Strong(char),
    /// i, u, ü, and y at the end of a word ("hoy", "muy").
    Weak(char),
    /// An h between vowels: it does not break a diphthong ("prohi-bir", "rehu-sar").
    Silent,
    /// Any other letter, and the silent u of "que", "qui", "gue", "gui".
    Consonant,
}

/// Counts the syllables of a Spanish word: one per vowel nucleus.
///
/// A run of vowels is one syllable (a diphthong "ai", "ue", "io" or a triphthong "uay") unless
/// two of its neighbours are in hiatus: two strong vowels ("le-er", "ca-er"), an accented i
/// or u beside another vowel ("rí-o", "pa-ís"), or a doubled weak vowel ("chi-i-ta"). The u of
/// "qu" and of "gu" before e or i is silent ("que-so", "gui-ta-rra"; but "pin-güi-no" and
/// "a-gua"); a final y is a vowel ("hoy", "y"), any other y a consonant ("ma-yo"); an h
/// between vowels does not separate them. A word with letters but no vowel has one syllable.
pub fn count_syllables_es(word: &str) -> usize {
    let letters: Vec<char> =
        word.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0;
    }
    let sounds: Vec<Sound> = (0..letters.len()).map(|i| sound(&letters, i)).collect();
    let mut count = 0;
    let mut previous: Option<Sound> = None;
    for sound in sounds {
        match sound {
            Sound::Consonant => previous = None,
            Sound::Silent => {}
            vowel => {
                if previous.is_none_or(|p| in_hiatus(p, vowel)) {
                    count += 1;
                }
                previous = Some(vowel);
            }
        }
    }
    count.max(1)
}

/// The sound of `letters[i]`, from its neighbours.
fn sound(letters: &[char], i: usize) -> Sound {
    let before = i.checked_sub(1).and_then(|j| letters.get(j)).copied();
    let after = letters.get(i + 1).copied();
    match letters[i] {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'í' | 'ú' => Sound::Strong(letters[i]),
        'u' if before == Some('q') => Sound::Consonant,
        'u' if before == Some('g') && matches!(after, Some('e' | 'i' | 'é' | 'í')) => {
            Sound::Consonant
        }
        'i' | 'u' | 'ü' => Sound::Weak(letters[i]),
        'y' if after.is_none() => Sound::Weak('y'),
        'h' if before.is_some_and(is_vowel_letter) && after.is_some_and(is_vowel_letter) => {
            Sound::Silent
        }
        _ => Sound::Consonant,
    }
}

fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü')
}

/// Whether two adjacent vowels belong to different syllables.
fn in_hiatus(first: Sound, second: Sound) -> bool {
    match (first, second) {
        (Sound::Strong(_), Sound::Strong(_)) => true,
        (Sound::Weak(a), Sound::Weak(b)) => a == b,
        _ => false,
    }
}
