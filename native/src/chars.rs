//! What Python says about each character, read from the generated tables (`tables.rs`).
//!
//! The bits are those of `boilerstrip/native_tables.py`, which made the tables from
//! Python's `str` methods, `unicodedata` and the `regex` module: no Rust Unicode crate is
//! asked, since their versions and definitions differ from Python's.

use std::sync::OnceLock;

use crate::tables::{CASEFOLD, NFKC, RUNS};

/// `str.isspace`: what `strip()` and `split()` remove.
pub const PY_SPACE: u32 = 1 << 0;
/// `str.isdigit`.
pub const PY_DIGIT: u32 = 1 << 1;
/// `regex` `[\W\d_]`: trimmed from both ends of a line (`lexicon.core`).
pub const EDGE: u32 = 1 << 2;
/// `regex` `[\p{L}\p{N}]`: starts a word (`features._WORD`).
pub const WORD_START: u32 = 1 << 3;
/// `regex` `[\p{L}\p{N}\p{M}'’_-]`: continues a word.
pub const WORD_CONT: u32 = 1 << 4;
/// `regex` `\d`.
pub const RE_DIGIT: u32 = 1 << 5;
/// `regex` `\s`.
pub const RE_SPACE: u32 = 1 << 6;
/// A script written without spaces between words (`features._UNSPACED`).
pub const UNSPACED: u32 = 1 << 7;
/// `regex` `\w`: word characters, and the edges of `\b` (`cohesion._WORDS`, `signs`).
pub const RE_WORD: u32 = 1 << 11;
/// `regex` `[\p{Han}\p{Hiragana}\p{Katakana}]`: words read by pairs (`cohesion._UNSPACED`).
pub const HAN_KANA: u32 = 1 << 12;
/// `str.isalpha`.
pub const PY_ALPHA: u32 = 1 << 13;
/// `str.isupper`.
pub const PY_UPPER: u32 = 1 << 14;
/// `ch.lower() != ch.upper()`: a letter of a script with case (`names.name_shaped`).
pub const PY_CASED: u32 = 1 << 15;
/// NFKC leaves the character alone and it never ends a composition.
pub const NFKC_KEEP: u32 = 1 << 8;
/// NFKC maps the character, alone, to kept characters (`tables::NFKC`).
pub const NFKC_MAPPED: u32 = 1 << 9;
/// `str.casefold` changes the character (`tables::CASEFOLD`).
pub const CASEFOLDS: u32 = 1 << 10;
const CCC_SHIFT: u32 = 16;

const BMP: usize = 0x10000;

/// The basic plane's values, expanded once from the runs; other planes are searched.
fn bmp() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out = vec![0u32; BMP];
        for (i, &(start, value)) in RUNS.iter().enumerate() {
            let end = RUNS.get(i + 1).map_or(BMP, |&(next, _)| (next as usize).min(BMP));
            let start = start as usize;
            if start >= BMP {
                break;
            }
            out[start..end].fill(value);
        }
        out
    })
}

/// The value (bits and combining class) of a character.
#[inline]
pub fn value(c: char) -> u32 {
    let cp = c as usize;
    if cp < BMP {
        return bmp()[cp];
    }
    let cp = c as u32;
    let i = RUNS.partition_point(|&(start, _)| start <= cp);
    // RUNS starts at code point 0, so i >= 1
    RUNS.get(i.wrapping_sub(1)).map_or(0, |&(_, v)| v)
}

/// Does the character have all of `bits`?
#[inline]
pub fn is(c: char, bits: u32) -> bool {
    value(c) & bits == bits
}

/// The canonical combining class (`unicodedata.combining`).
#[inline]
pub fn ccc(v: u32) -> u32 {
    (v >> CCC_SHIFT) & 0xFF
}

fn lookup(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    let cp = c as u32;
    table.binary_search_by_key(&cp, |&(k, _)| k).ok().map(|i| table[i].1)
}

/// `str.casefold` of one character, pushed onto `out`.
#[inline]
pub fn push_casefold(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if value(c) & CASEFOLDS != 0 {
        match lookup(CASEFOLD, c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    } else {
        out.push(c);
    }
}

/// NFKC of a mapped character (`NFKC_MAPPED`).
pub fn nfkc(c: char) -> Option<&'static str> {
    lookup(NFKC, c)
}

/// Every run of `value & mask`, merged: what `boilerstrip.native` compares with this Python.
pub fn masked_runs(mask: u32) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &(start, v) in RUNS {
        let v = v & mask;
        if out.last().map_or(true, |&(_, last)| last != v) {
            out.push((start, v));
        }
    }
    out
}

/// `str.strip()`: the text without Python's white space at either end.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(|c: char| is(c, PY_SPACE))
}

/// The first `n` characters (code points) of a text, as Python's `text[:n]`.
pub fn char_prefix(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}
