//! What search knows about a language beyond its stemmer: the filler words a query drops, the
//! crisis and self-harm wording that puts the help page first, and a compact list of common
//! words that tells a real word the site lacks from a typo.
//!
//! [`Analysis::for_code`] picks all of it, and the stemmer and index stop words, from a language
//! code: English and Spanish have their own; any other language is analysed as English was
//! before languages existed (English stemmer and stop words), with no query filler words, no
//! built-in crisis wording (its `search.crisis.phrases` still apply) and no word list (every
//! unknown word may then be typo-corrected).
//!
//! Spanish: words arrive accent-folded like every word (`text.rs`: "canción" and "cancion" are
//! both `cancion`; "ñ" folds to "n", so "año" and "ano" meet, as they do for a reader whose
//! keyboard has no "ñ"). The Snowball Spanish stemmer (rust-stemmers; `theme/search.js` carries
//! a port) then runs on the folded word, after [`reaccent_spanish`] puts back the accents that
//! Spanish spelling makes certain and the stemmer's suffixes need ("-ación", "-logía").

use std::borrow::Cow;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// How search analyses the text of one language: its stemmer, the stop words never indexed,
/// the filler words a query drops, the built-in crisis wording and the common-word list.
/// Chosen by a language code (see [`Analysis::for_code`]); cheap to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    English,
    Spanish,
    /// A language attune has no analysis for: English stemming and stop words, no lists.
    Other,
}

impl Analysis {
    /// The analysis of `code`, a BCP 47 tag such as `en`, `es` or `es-MX` (only its primary
    /// subtag counts, case-insensitively; an empty code is English).
    pub fn for_code(code: &str) -> Analysis {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        let language = if primary.eq_ignore_ascii_case("en") || primary.is_empty() {
            Language::English
        } else if primary.eq_ignore_ascii_case("es") {
            Language::Spanish
        } else {
            Language::Other
        };
        Analysis { language }
    }

    /// Whether attune has a search analysis of its own for this language (English, Spanish);
    /// otherwise English stemming applies and the language-specific lists are empty.
    pub fn is_supported(&self) -> bool {
        self.language != Language::Other
    }

    /// The stemmer of this language, for normalised (lower-case, accent-folded) words.
    pub(crate) fn stemmer(&self) -> WordStemmer {
        let spanish = self.language == Language::Spanish;
        let algorithm = if spanish { Algorithm::Spanish } else { Algorithm::English };
        WordStemmer { stemmer: Stemmer::create(algorithm), spanish }
    }

    /// The words never indexed (sorted; at most six bytes each). The browser gets them in the
    /// index entry.
    pub(crate) fn stop_words(&self) -> &'static [&'static str] {
        match self.language {
            Language::Spanish => STOP_ES,
            Language::English | Language::Other => super::text::STOP_WORDS,
        }
    }

    /// Whether the normalised `word` is one of [`Analysis::stop_words`].
    pub(crate) fn is_stop_word(&self, word: &str) -> bool {
        word.len() <= 6 && self.stop_words().binary_search(&word).is_ok()
    }

    /// The filler words a query of two or more words drops (sorted).
    pub(crate) fn query_stop_words(&self) -> &'static [&'static str] {
        match self.language {
            Language::English => QUERY_STOP_EN,
            Language::Spanish => QUERY_STOP_ES,
            Language::Other => &[],
        }
    }

    /// The built-in crisis phrases (accent-folded), for `SearchOptions::crisis_phrases`
    /// together with the site's own.
    pub fn crisis_phrases(&self) -> &'static [&'static str] {
        match self.language {
            Language::English => CRISIS_EN,
            Language::Spanish => CRISIS_ES,
            Language::Other => &[],
        }
    }

    /// The common words (four letters or more, inflected forms included), sorted, or `None`
    /// when attune has no list for the language. Read once per process.
    pub(crate) fn known_words(&self) -> Option<&'static [String]> {
        static EN: OnceLock<Vec<String>> = OnceLock::new();
        if self.language != Language::English {
            return None;
        }
        Some(EN.get_or_init(|| {
            WORDS_EN.lines().filter(|w| !w.is_empty()).map(str::to_owned).collect()
        }))
    }
}

/// A stemmer for normalised words of one language (see [`Analysis::stemmer`]).
pub(crate) struct WordStemmer {
    stemmer: Stemmer,
    spanish: bool,
}

impl WordStemmer {
    /// The stem of the normalised `word`.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if !self.spanish {
            return self.stemmer.stem(word);
        }
        match reaccent_spanish(word) {
            Some(accented) => Cow::Owned(self.stemmer.stem(&accented).into_owned()),
            None => self.stemmer.stem(word),
        }
    }
}

/// The accents that Spanish spelling makes certain on a folded word and that the Snowball
/// Spanish suffixes need: a word ending in "-acion"/"-ucion" is always written "-ación"/
/// "-ución" in the singular (the plural "-aciones" has none), and "-logia(s)" is "-logía(s)".
/// Without this, "comunicacion" would keep its suffix while "comunicaciones" lost it.
/// `None` when nothing changes. The Snowball stemmer removes acute accents from its result.
pub(crate) fn reaccent_spanish(word: &str) -> Option<String> {
    for (plain, accented) in
        [("acion", "ación"), ("ucion", "ución"), ("logia", "logía"), ("logias", "logías")]
    {
        if let Some(head) = word.strip_suffix(plain).filter(|h| !h.is_empty()) {
            return Some(format!("{head}{accented}"));
        }
    }
    None
}

/// Spanish words never indexed: articles, prepositions, conjunctions, personal and
/// demonstrative pronouns and the commonest forms of "ser", "estar" and "haber", accent-folded
/// ("esta" is both "esta" and "está"). "no" is kept: it matters in "no quiero vivir".
const STOP_ES: &[&str] = &[
    "a", "al", "algo", "ante", "como", "con", "cual", "de", "del", "desde", "donde", "el", "ella",
    "ellas", "ello", "ellos", "en", "entre", "era", "eran", "es", "esa", "esas", "ese", "eso",
    "esos", "esta", "estas", "este", "esto", "estos", "fue", "ha", "han", "hay", "la", "las", "le",
    "les", "lo", "los", "me", "mi", "mis", "muy", "nos", "o", "os", "para", "pero", "por",
    "porque", "que", "se", "si", "sin", "sobre", "son", "su", "sus", "te", "ti", "tu", "tus", "u",
    "un", "una", "unas", "uno", "unos", "y", "ya", "yo",
];

/// Spanish filler words dropped from a query of two or more words (never inside quotes):
/// pronouns, forms of "ser", "estar", "haber", "tener", "poder", "querer" and "deber", question
/// words ("qué", "cómo", "cuál"), words that ask for an explanation ("definición",
/// "significa", "ejemplos", "diferencia entre"), greetings and courtesy ("hola", "por favor",
/// "porfa"), hedges ("creo", "quizás", "tal vez", "tipo") and the abbreviations of chat
/// Spanish, its equivalent of English contractions: "q"/"k" ("que"), "xq"/"pq"/"porq"
/// ("porque"), "x" ("por"), "d" ("de"), "tb"/"tmb" ("también"). Accent-folded, sorted.
const QUERY_STOP_ES: &[&str] = &[
    "a",
    "acerca",
    "ahora",
    "al",
    "algo",
    "alguien",
    "algun",
    "alguna",
    "alguno",
    "ante",
    "aqui",
    "asi",
    "aun",
    "basicamente",
    "bien",
    "bueno",
    "como",
    "con",
    "conmigo",
    "contigo",
    "cosa",
    "cosas",
    "creo",
    "cual",
    "cuales",
    "cuando",
    "cuanto",
    "d",
    "de",
    "debe",
    "deberia",
    "debo",
    "decir",
    "definicion",
    "definir",
    "del",
    "desde",
    "diferencia",
    "donde",
    "e",
    "ejemplo",
    "ejemplos",
    "el",
    "ella",
    "ellas",
    "ello",
    "ellos",
    "en",
    "entonces",
    "entre",
    "era",
    "eran",
    "eres",
    "es",
    "esa",
    "esas",
    "ese",
    "eso",
    "esos",
    "esta",
    "estado",
    "estamos",
    "estan",
    "estar",
    "estas",
    "este",
    "esto",
    "estos",
    "estoy",
    "explica",
    "explicacion",
    "explicar",
    "favor",
    "fue",
    "gracias",
    "ha",
    "haber",
    "hace",
    "hacer",
    "han",
    "has",
    "hay",
    "he",
    "hemos",
    "hola",
    "hoy",
    "k",
    "la",
    "las",
    "le",
    "les",
    "lo",
    "los",
    "mas",
    "me",
    "mi",
    "mia",
    "mio",
    "mis",
    "mismo",
    "mucho",
    "muy",
    "nada",
    "ni",
    "no",
    "nos",
    "nosotras",
    "nosotros",
    "nuestra",
    "nuestro",
    "o",
    "os",
    "otra",
    "otro",
    "para",
    "pero",
    "poco",
    "podria",
    "por",
    "porfa",
    "porfavor",
    "porq",
    "porque",
    "pq",
    "puede",
    "pueden",
    "puedo",
    "pues",
    "q",
    "que",
    "queria",
    "quien",
    "quienes",
    "quiero",
    "quisiera",
    "quiza",
    "quizas",
    "realmente",
    "saber",
    "se",
    "ser",
    "si",
    "significa",
    "significado",
    "sin",
    "sobre",
    "solo",
    "somos",
    "son",
    "soy",
    "su",
    "sus",
    "tal",
    "tambien",
    "tan",
    "tanto",
    "tb",
    "te",
    "tener",
    "tengo",
    "ti",
    "tiene",
    "tienen",
    "tipo",
    "tmb",
    "toda",
    "todas",
    "todo",
    "todos",
    "tu",
    "tus",
    "u",
    "un",
    "una",
    "unas",
    "uno",
    "unos",
    "usted",
    "ustedes",
    "vez",
    "x",
    "xq",
    "y",
    "ya",
    "yo",
];

/// Built-in crisis wording for Spanish, accent-folded (queries are folded too, so "suicidarme"
/// and "matarme" match with or without accents, "no quiero vivir" with "no quiero seguir
/// viviendo"); matched like the English phrases (`crisis.rs`), by word, by Snowball Spanish
/// stem ("matarme" for "matarse"), within one edit, and with one extra word between words.
const CRISIS_ES: &[&str] = &[
    // Suicide, and ending or not wanting one's life.
    "suicidio",
    "suicida",
    "suicidarme",
    "suicidarse",
    "me quiero suicidar",
    "matarme",
    "me quiero matar",
    "me voy a matar",
    "quitarme la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "poner fin a mi vida",
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "ganas de morir",
    "deseo morir",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "no quiero estar vivo",
    "no quiero estar viva",
    "mejor muerto",
    "mejor muerta",
    "no vale la pena vivir",
    "no puedo mas",
    // Self-harm and overdose.
    "autolesion",
    "autolesiones",
    "autolesionarme",
    "hacerme dano",
    "lastimarme",
    "herirme",
    "cortarme",
    "me corto",
    "quemarme",
    "sobredosis",
    "demasiadas pastillas",
    // Abuse and not being safe.
    "abuso",
    "abusa de mi",
    "abusan de mi",
    "maltrato",
    "me maltrata",
    "me pega",
    "me golpea",
    "violacion",
    "violada",
    "violado",
    "agresion sexual",
    "violencia domestica",
    "violencia de genero",
    "no estoy a salvo",
    "no me siento seguro",
    "no me siento segura",
    "en peligro",
];

/// Filler words dropped from a query of two or more words (never inside quotes): pronouns,
/// auxiliaries, hedges ("i think", "maybe"), question words, words that ask for an
/// explanation ("define", "meaning", "examples", "difference between") and contractions typed
/// without their apostrophe (apostrophes are dropped, so "don't" arrives as "dont"). Sorted. The index's own stop words
/// (`text::STOP_WORDS`) are never indexed, so they match nothing anyway.
const QUERY_STOP_EN: &[&str] = &[
    "a",
    "about",
    "actually",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "anything",
    "are",
    "arent",
    "as",
    "at",
    "basically",
    "be",
    "because",
    "been",
    "being",
    "between",
    "but",
    "by",
    "can",
    "cant",
    "could",
    "couldnt",
    "define",
    "definition",
    "did",
    "didnt",
    "difference",
    "do",
    "does",
    "doesnt",
    "doing",
    "dont",
    "each",
    "even",
    "ever",
    "example",
    "examples",
    "explain",
    "explained",
    "for",
    "from",
    "get",
    "gets",
    "getting",
    "got",
    "guess",
    "had",
    "hadnt",
    "has",
    "hasnt",
    "have",
    "havent",
    "having",
    "he",
    "hed",
    "her",
    "here",
    "hers",
    "herself",
    "hes",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "id",
    "if",
    "ill",
    "im",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "ive",
    "just",
    "kind",
    "kinda",
    "like",
    "literally",
    "maybe",
    "me",
    "mean",
    "meaning",
    "means",
    "mine",
    "more",
    "most",
    "much",
    "my",
    "myself",
    "no",
    "not",
    "now",
    "of",
    "off",
    "oh",
    "ok",
    "okay",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "please",
    "probably",
    "really",
    "same",
    "she",
    "shes",
    "should",
    "shouldnt",
    "so",
    "some",
    "someone",
    "something",
    "sort",
    "sorta",
    "still",
    "such",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "theyre",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "to",
    "too",
    "um",
    "up",
    "us",
    "versus",
    "very",
    "vs",
    "was",
    "wasnt",
    "way",
    "we",
    "were",
    "weve",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "wont",
    "would",
    "wouldnt",
    "yes",
    "yet",
    "you",
    "youd",
    "youll",
    "your",
    "youre",
    "yours",
    "yourself",
    "youve",
];

/// Built-in crisis wording for English: a query containing one of these phrases (word forms,
/// small misspellings and up to one extra word between its words allowed; see `crisis.rs`)
/// puts the site's help page first and shows the help notice.
const CRISIS_EN: &[&str] = &[
    // Suicide, and ending or not wanting one's life.
    "suicide",
    "suicidal",
    "sewerslide",
    "unalive",
    "kms",
    "kill myself",
    "kill my self",
    "killing myself",
    "end my life",
    "ending my life",
    "end my own life",
    "take my life",
    "take my own life",
    "end it all",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "dont want to live",
    "dont want to be alive",
    "no reason to live",
    "not worth living",
    "cant go on",
    // Self-harm and overdose.
    "self harm",
    "selfharm",
    "self injury",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "cut myself",
    "cutting myself",
    "burn myself",
    "overdose",
    "too many pills",
    // Abuse and not being safe.
    "abuse",
    "abused",
    "abusive",
    "hits me",
    "hit me",
    "beats me",
    "hurts me",
    "rape",
    "raped",
    "sexual assault",
    "not safe",
    "dont feel safe",
    "unsafe at home",
    "domestic violence",
    "in danger",
];

/// Common English words (SCOWL levels 10 and 20; see `words/make-en.sh` and `words/LICENSE`).
const WORDS_EN: &str = include_str!("words/en.txt");

/// The built-in crisis phrases of `language`.
pub(crate) fn crisis_phrases(language: &str) -> &'static [&'static str] {
    Analysis::for_code(language).crisis_phrases()
}

/// The common words of `language` (see [`Analysis::known_words`]).
pub(crate) fn known_words(language: &str) -> Option<&'static [String]> {
    Analysis::for_code(language).known_words()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lower_case() {
        assert!(QUERY_STOP_EN.windows(2).all(|w| w[0] < w[1]));
        let words: Vec<&str> = WORDS_EN.lines().collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(words.iter().all(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn english_knows_common_words_and_their_forms() {
        let known = known_words("en-GB").unwrap();
        for word in ["kill", "killing", "worried", "fights"] {
            assert!(known.binary_search(&word.to_string()).is_ok(), "{word}");
        }
        assert!(known.binary_search(&"theraputic".to_string()).is_err());
        assert!(known_words("fr").is_none());
        assert!(crisis_phrases("de").is_empty() && !crisis_phrases("en").is_empty());
    }
}
