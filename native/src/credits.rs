//! `boilerstrip.names.credit_signs` compiled: whether a short line is shaped like a credit
//! (a name, a name before a date, a newsroom role), for the evidence pass (`evidence.rs`).
//!
//! The word lists (date words, role words, the furniture words, the particles) come from
//! Python when the `Evidencer` is made, so that each stays defined once.  A word this pass
//! cannot fold as `normalize.fold` does (NFKC that is not done character by character) sends
//! the line back to Python's `credit_signs`: `None` here.

use rustc_hash::FxHashSet;

use crate::chars::{self, PY_ALPHA, PY_CASED, PY_DIGIT, PY_SPACE, PY_UPPER, RE_WORD};
use crate::fold::{self, Translation};
use crate::tables::LOWER_ASCII;

/// What `credit_signs` reads besides the line.
pub struct Credits {
    pub translation: Translation,
    pub date_words: FxHashSet<String>,
    pub role_words: FxHashSet<String>,
    /// `names.furniture_words()`: the folded words of the lexicons' furniture phrases.
    pub furniture: FxHashSet<String>,
    /// `names.PARTICLES`, all ASCII (checked when the `Evidencer` is made).
    pub particles: FxHashSet<String>,
    /// `names.MAX_NAME_WORDS`.
    pub max_name_words: usize,
}

/// `str.split()`: the runs between Python's white space.
fn py_split(s: &str) -> Vec<&str> {
    s.split(|c: char| chars::is(c, PY_SPACE)).filter(|w| !w.is_empty()).collect()
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| chars::is(c, PY_DIGIT))
}

/// `text[:1].isupper()`.
fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| chars::is(c, PY_UPPER))
}

/// `names.tidy`: no soft hyphens, no `[\W_]` at either end, white space made single spaces.
pub fn tidy(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| c != '\u{ad}').collect();
    let trimmed = kept.trim_matches(|c: char| c == '_' || !chars::is(c, RE_WORD));
    py_split(trimmed).join(" ")
}

impl Credits {
    fn fold(&self, word: &str) -> Option<String> {
        fold::fold(word, &self.translation)
    }

    /// Is `word.lower()` one of the particles?
    fn is_particle_lower(&self, word: &str) -> bool {
        let mut lower = String::with_capacity(word.len());
        for c in word.chars() {
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else if let Ok(i) = LOWER_ASCII.binary_search_by_key(&(c as u32), |&(k, _)| k) {
                lower.push_str(LOWER_ASCII[i].1); // the Kelvin sign's "k"
            } else {
                return false; // its lower() is not ASCII: no particle is
            }
        }
        self.particles.contains(&lower)
    }

    /// `follows.casefold() in PARTICLES`.
    fn is_particle_casefolded(&self, word: &str) -> bool {
        let mut folded = String::with_capacity(word.len());
        for c in word.chars() {
            chars::push_casefold(&mut folded, c);
        }
        self.particles.contains(&folded)
    }

    /// `names.name_shaped`: two to five words without digits, each capitalised where the
    /// script has case (or a particle).
    pub fn name_shaped(&self, name: &str) -> bool {
        let words = py_split(name);
        if !(2..=self.max_name_words).contains(&words.len()) || has_digit(name) {
            return false;
        }
        words.iter().all(|word| match word.chars().find(|&c| chars::is(c, PY_ALPHA)) {
            None => false,
            Some(first) => {
                !chars::is(first, PY_CASED) || chars::is(first, PY_UPPER) || self.is_particle_lower(word)
            }
        })
    }

    /// `names.before_date`: the credit cut where a date starts, or `None` for a word this pass
    /// cannot fold.
    pub fn before_date(&self, name: &str) -> Option<String> {
        let words = py_split(name);
        for k in 1..words.len() {
            let word = words[k];
            let folded = self.fold(word)?;
            let w = folded.trim_matches(|c: char| ",.:;|".contains(c));
            let cut = || words[..k].join(" ");
            if has_digit(w) {
                return Some(cut());
            }
            if !self.date_words.contains(w) {
                continue;
            }
            if words[k + 1..(k + 4).min(words.len())].iter().any(|x| has_digit(x)) {
                return Some(cut());
            }
            if w.chars().count() == 1 && first_upper(word) {
                continue; // an initial
            }
            let follows = words.get(k + 1).copied().unwrap_or("");
            if (self.particles.contains(w) || first_upper(word)) && first_upper(follows) {
                continue;
            }
            if self.particles.contains(w) && self.is_particle_casefolded(follows) {
                continue;
            }
            return Some(cut());
        }
        Some(name.to_owned())
    }

    /// `names.credit_signs(text)`: some of `name`, `dated`, `role`, or `None` for a line
    /// this pass cannot fold.
    pub fn signs(&self, text: &str) -> Option<Vec<&'static str>> {
        let t = tidy(text);
        if t.is_empty() {
            return Some(Vec::new());
        }
        let mut words = Vec::new();
        for w in py_split(&t) {
            words.push(self.fold(w)?.trim_matches(|c: char| ",.:;()".contains(c)).to_owned());
        }
        let mut out = Vec::new();
        if self.name_shaped(&t) && !words.iter().all(|w| self.furniture.contains(w)) {
            out.push("name");
        }
        let cut = self.before_date(&t)?;
        if cut != t && self.name_shaped(&tidy(&cut)) {
            out.push("dated");
        }
        if words.iter().any(|w| self.role_words.contains(w)) {
            out.push("role");
        }
        Some(out)
    }
}
