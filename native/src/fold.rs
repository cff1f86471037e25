//! `boilerstrip.normalize.fold`, where the compiled pass can be sure of Python's answer.
//!
//! Python folds a line in four steps: its translation table (`normalize._TABLE`), NFKC
//! (then the table again) where the text is not already NFKC, white space collapsed to
//! single spaces (`" ".join(text.split())`), and `str.casefold`.  Each step is done here
//! from Python's own tables.  NFKC is done only where it can be done character by
//! character (see `boilerstrip/native_tables.py`): [`fold`] returns `None` otherwise,
//! and the caller asks Python.

use crate::chars::{self, ccc, value, NFKC_KEEP, NFKC_MAPPED, PY_SPACE};

/// Python's translation table (`normalize._TABLE`): what each character becomes ("" for
/// a character deleted).
pub struct Translation {
    /// Basic plane: 0 for a character left alone, else 1 + its index in `values`.
    bmp: Vec<u16>,
    /// Characters of other planes, sorted.
    astral: Vec<(char, usize)>,
    values: Vec<String>,
}

impl Translation {
    /// The table from `(character, replacement)` pairs.  `None` when it holds more
    /// entries than the index can number (it holds a few hundred).
    pub fn new(entries: Vec<(char, String)>) -> Option<Translation> {
        let mut bmp = vec![0u16; 0x10000];
        let mut astral = Vec::new();
        let mut values = Vec::with_capacity(entries.len());
        for (c, to) in entries {
            let index = values.len();
            values.push(to);
            if (c as u32) < 0x10000 {
                bmp[c as usize] = u16::try_from(index + 1).ok()?;
            } else {
                astral.push((c, index));
            }
        }
        astral.sort_unstable();
        Some(Translation { bmp, astral, values })
    }

    #[inline]
    fn get(&self, c: char) -> Option<&str> {
        let cp = c as usize;
        let index = if cp < 0x10000 {
            match self.bmp[cp] {
                0 => return None,
                k => usize::from(k) - 1,
            }
        } else {
            let i = self.astral.binary_search_by_key(&c, |&(k, _)| k).ok()?;
            self.astral[i].1
        };
        self.values.get(index).map(String::as_str)
    }

    /// `text.translate(table)`, and whether anything changed.
    fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                match self.get(c) {
                    Some(to) => out.push_str(to),
                    None => out.push(c),
                }
            }
        }
        out
    }
}

/// NFKC of a text if every character is kept or mapped and the result's combining
/// classes are in canonical order; also whether a character was mapped.
fn nfkc(text: &str) -> Option<(String, bool)> {
    let mut out = String::with_capacity(text.len());
    let mut mapped = false;
    for c in text.chars() {
        let v = value(c);
        if v & NFKC_KEEP != 0 {
            out.push(c);
        } else if v & NFKC_MAPPED != 0 {
            out.push_str(chars::nfkc(c)?);
            mapped = true;
        } else {
            return None;
        }
    }
    // the quick check's order test: a mark after a mark of a higher class is not NFKC
    let mut last = 0;
    for c in out.chars() {
        let class = ccc(value(c));
        if class != 0 && last > class {
            return None;
        }
        last = class;
    }
    Some((out, mapped))
}

/// `" ".join(text.split())`, then `str.casefold` where `casefold`, pushed onto a new string.
fn collapse(text: &str, casefold: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| chars::is(c, PY_SPACE)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if casefold {
            for c in word.chars() {
                chars::push_casefold(&mut out, c);
            }
        } else {
            out.push_str(word);
        }
    }
    out
}

/// `normalize.fold(text)`, or `None` where NFKC cannot be done character by character.
pub fn fold(text: &str, table: &Translation) -> Option<String> {
    fold_with(text, table, true)
}

/// `normalize.fold_cased(text)` (the fold but for the case), or `None` as [`fold`].
pub fn fold_cased(text: &str, table: &Translation) -> Option<String> {
    fold_with(text, table, false)
}

fn fold_with(text: &str, table: &Translation, casefold: bool) -> Option<String> {
    if text.is_ascii() {
        return Some(collapse(text, casefold));
    }
    let translated = table.apply(text);
    let (normal, mapped) = nfkc(&translated)?;
    let normal = if mapped { table.apply(&normal) } else { normal };
    Some(collapse(&normal, casefold))
}
