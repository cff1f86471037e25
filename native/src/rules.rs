//! The compiled context-free pass: `boilerstrip.rules.judge` for every line of a page in one
//! call, but for the markup hints (`markup_rules.judge_markup`), which Python merges.
//!
//! [`Judge::judge`] reads each line's `Features` and gives one byte a line: the index of the
//! first cue rule of `rules.CUE_RULES` whose test holds and the line's shape (`shape_of`),
//! `rule * 5 + shape`; the shape alone where no cue rule holds (`26 * 5 + shape`);
//! [`INVISIBLE`]; or [`ASK`] where this pass cannot be sure of Python's answer (a text holding
//! a lone surrogate, which no Rust string holds; the few lines named at the rules below), and
//! Python judges the line.  Python maps the bytes to its shared `Verdict` objects
//! (`boilerstrip.verdicts`).  The tests are in `CUE_RULES`' order, each a function named as
//! the rule, so that the first to hold is Python's; `rules.py` stays the reference.
//!
//! The lexicon matchers are built once from the loaded `Lexicons` (their sets, phrases and
//! index, handed in by `boilerstrip.verdicts`), never from the lexicon files: a trie per
//! `prefix` key, the `line` sets, `scan`'s index of first tokens, the agencies with their
//! acronyms.  Every character class is Python's (`chars.rs`): `\w` and `\s` are the `regex`
//! module's, `str.split` splits on `str.isspace`.  Nothing here panics on input or recurses.

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::chars::{self, EDGE, PY_SPACE, RE_DIGIT, RE_SPACE, RE_WORD};
use crate::fold::{self, Translation};

/// The names of `rules.CUE_RULES`, in their order: Python uses this pass only where its rules
/// are these (`boilerstrip.verdicts`).
pub const RULE_NAMES: [&str; 26] = [
    "caption-prefix",
    "related-header",
    "comment-header",
    "comment-count-header",
    "navigation-header",
    "trafilatura-share-filter",
    "navigation-line",
    "menu-entries",
    "navigation-phrase",
    "related-prefix",
    "photo-credit",
    "byline",
    "agency-line",
    "role-credit",
    "generic-source",
    "tag-prefix",
    "navigation-prefix",
    "breadcrumb",
    "menu-row",
    "markup-residue",
    "code",
    "address",
    "date",
    "duplicate",
    "comment-policy",
    "comment-cue",
];
/// `rules.SHAPES`, in their order.
pub const SHAPE_NAMES: [&str; 5] = ["prose", "near", "heading", "list", "short"];
const PROSE: u8 = 0;
const NEAR: u8 = 1;
const HEADING: u8 = 2;
const LIST: u8 = 3;
const SHORT: u8 = 4;
/// The code of a line no cue rule claims is `NO_CUE + shape`.
pub const NO_CUE: u8 = (RULE_NAMES.len() * SHAPE_NAMES.len()) as u8;
/// `rules._INVISIBLE`.
pub const INVISIBLE: u8 = NO_CUE + SHAPE_NAMES.len() as u8;
/// Python judges the line.
pub const ASK: u8 = 255;

/// The `contains` keys the rules count (`Features.count_phrases`), by their index in [`Counts`].
const CONTAINS_KEYS: [&str; 4] = ["comment_cues", "comment_policy", "navigation_phrases", "photo_credits"];
const COMMENT_CUES: usize = 0;
const COMMENT_POLICY: usize = 1;
const NAVIGATION_PHRASES: usize = 2;
const PHOTO_CREDITS: usize = 3;
type Counts = [u32; 4];
/// `lexicon._MAX_CLITIC`.
const MAX_CLITIC: usize = 3;
/// `lexicon.Lexicons.is_run_of_entries`' `longest`.
const LONGEST_ENTRY: usize = 4;

#[inline]
fn word(c: char) -> bool {
    chars::is(c, RE_WORD)
}

#[inline]
fn re_space(c: char) -> bool {
    chars::is(c, RE_SPACE)
}

/// `str.split()`: the words between runs of `str.isspace`.
fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| chars::is(c, PY_SPACE)).filter(|w| !w.is_empty())
}

/// `lexicon.core`: `[\W\d_]` trimmed from both ends.
fn core(text: &str) -> &str {
    text.trim_matches(|c: char| chars::is(c, EDGE))
}

/// The phrases of one `prefix` key as a trie: `Lexicons.prefix(key, folded)`.
struct Prefixes {
    next: FxHashMap<(u32, char), u32>,
    /// Does a phrase end at the node?
    ends: Vec<bool>,
}

impl Prefixes {
    fn new(phrases: &[String]) -> Self {
        let mut next = FxHashMap::default();
        let mut ends = vec![false];
        for p in phrases {
            let mut node = 0u32;
            for c in p.chars() {
                let fresh = ends.len() as u32;
                node = *next.entry((node, c)).or_insert(fresh);
                if node == fresh {
                    ends.push(false);
                }
            }
            if let Some(e) = ends.get_mut(node as usize) {
                *e = node != 0;
            }
        }
        Prefixes { next, ends }
    }

    /// `Lexicons.prefix(key, folded)`: the phrase that opens the folded line once its
    /// `^[\W_]+` is skipped (`_LEAD`; a line opened by a letter or a decimal digit skips
    /// nothing, and those are `\w` and not `_`: `tests/test_native_rules.py` checks it), as
    /// the slice of `folded` it spans.  The pattern is the phrases longest first, each with
    /// `(?!\w)` after a phrase ending in `\w`: the longest phrase whose edge holds.
    fn find<'a>(&self, folded: &'a str) -> Option<&'a str> {
        let text = folded.trim_start_matches(|c: char| !word(c) || c == '_');
        let mut node = 0u32;
        let mut best = None;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            match self.next.get(&(node, c)) {
                Some(&n) => node = n,
                None => break,
            }
            if self.ends.get(node as usize).copied().unwrap_or(false) {
                let edge = !word(c) || !it.peek().is_some_and(|&(_, d)| word(d));
                if edge {
                    best = Some(&text[..i + c.len_utf8()]);
                }
            }
        }
        best
    }
}

/// The `contains` phrases opened by one token: each key's index in [`CONTAINS_KEYS`] (`None`
/// for a key the rules do not count) and the phrase's other tokens.
type Opened = Vec<(Option<usize>, Vec<String>)>;
/// `Lexicons.contains_index` as Python hands it in: first token -> `(key, phrase tokens)`.
type IndexIn = Vec<(String, Vec<(String, Vec<String>)>)>;

/// `Lexicons.scan`'s matchers: the `contains` phrases by first token, the proclitics.
struct Scanner {
    index: FxHashMap<String, Opened>,
    triggers: Option<FxHashSet<String>>,
    proclitics: FxHashSet<String>,
    clitic_starts: FxHashSet<char>,
}

/// `lexicon._TOKEN.findall(folded)`: `\w+|[^\w\s]`.
fn tokens(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        if word(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&folded[s..i]);
        }
        if !re_space(c) {
            out.push(&folded[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&folded[s..]);
    }
    out
}

impl Scanner {
    /// `Lexicons.scan(folded)`, for the keys the rules count.
    fn scan(&self, folded: &str) -> Counts {
        let mut hits = [0u32; 4];
        let toks = tokens(folded);
        for (i, &tok) in toks.iter().enumerate() {
            if self.triggers.as_ref().is_some_and(|t| !t.contains(tok)) {
                continue;
            }
            // the token, then each part of it behind a proclitic of up to `MAX_CLITIC` letters
            let mut cut = [0usize; MAX_CLITIC];
            let mut cuts = 0;
            if tok.chars().next().is_some_and(|c| self.clitic_starts.contains(&c)) {
                let n = tok.chars().count();
                for (k, (b, _)) in
                    tok.char_indices().enumerate().take(MAX_CLITIC.min(n.saturating_sub(2)) + 1)
                {
                    if k > 0 && self.proclitics.contains(&tok[..b]) {
                        cut[cuts] = b;
                        cuts += 1;
                    }
                }
            }
            let variants = std::iter::once(tok).chain(cut[..cuts].iter().map(|&b| &tok[b..]));
            for variant in variants {
                for (key, rest) in self.index.get(variant).map_or(&[][..], Vec::as_slice) {
                    let found = rest.is_empty()
                        || toks.get(i + 1..i + 1 + rest.len()).is_some_and(|t| t.iter().eq(rest.iter()));
                    if let (true, Some(k)) = (found, key) {
                        if let Some(h) = hits.get_mut(*k) {
                            *h += 1;
                        }
                    }
                }
            }
        }
        hits
    }
}

/// The loaded lexicons, as `boilerstrip.verdicts` hands them in (one dict, these fields).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct LexIn {
    /// The `line` keys' sets (`Lexicons.line_sets`).
    line_sets: FxHashMap<String, Vec<String>>,
    /// The `prefix` keys' phrases (`Lexicons.prefixes`).
    prefixes: FxHashMap<String, Vec<String>>,
    /// `Lexicons.contains_index`: first token -> `(key, phrase tokens)`.
    contains_index: IndexIn,
    triggers: Option<Vec<String>>,
    proclitics: Vec<String>,
    clitic_starts: Vec<String>,
    /// The agencies' folded spellings (`Lexicons.agencies`' keys) and `Lexicons.acronyms`.
    agencies: Vec<String>,
    acronyms: FxHashMap<String, Vec<String>>,
    menu_starts: Vec<String>,
    /// `normalize.translation_table()`, for `fold_cased`.
    table: std::collections::HashMap<u32, Option<String>>,
}

/// `Config`'s thresholds that the rules and `shape_of` read, as `boilerstrip.verdicts` hands
/// them in (integers within 2**53, the four compared with a fraction as floats).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Limits {
    cue_max_chars: i64,
    cue_sentence_max_words: i64,
    navigation_phrase_hits: i64,
    related_prefix_max_words: i64,
    photo_credit_max_words: i64,
    entry_run_max_words: i64,
    menu_row_separators: i64,
    byline_min_words: i64,
    byline_max_words: i64,
    byline_max_chars: i64,
    role_credit_min_words: i64,
    role_credit_max_words: i64,
    agency_line_max_words: i64,
    breadcrumb_min_words: i64,
    breadcrumb_max_words: i64,
    menu_opened_max_words: i64,
    code_min_braces: i64,
    code_words_per_mark: i64,
    min_duplicate_chars: i64,
    max_repetitions: i64,
    comment_cue_min: i64,
    comment_cue_words: i64,
    comment_cue_max_words: i64,
    prose_min_words: i64,
    question_prose_words: i64,
    long_prose_words: i64,
    near_min_words: i64,
    short_words: i64,
    length_high: i64,
    max_word_chars: f64,
    max_link_density: f64,
    stopwords_low: f64,
    stopwords_high: f64,
}

/// What the rules read of one line's `Features`.
struct Line<'a> {
    text: &'a str,
    folded: &'a str,
    core: &'a str,
    chars: i64,
    words: i64,
    bullet: bool,
    terminal: bool,
    full_stop: bool,
    ellipsis: bool,
    stop_density: f64,
    date_like: bool,
    has_digit: bool,
    separators: i64,
    repeats: i64,
    link_density: Option<f64>,
    /// `f.cues`, asked `"pre" in f.cues` by the `code` rule only
    cues: Bound<'a, PyAny>,
}

/// A line's phrase counts, scanned when a rule first asks (`Features.count_phrases`).
struct Lazy<'s> {
    scanner: &'s Scanner,
    folded: &'s str,
    counts: Option<Counts>,
}

impl Lazy<'_> {
    fn get(&mut self) -> Counts {
        *self.counts.get_or_insert_with(|| self.scanner.scan(self.folded))
    }
}

/// `rules.judge` compiled, holding the lexicons' matchers.
#[pyclass(frozen, module = "boilerstrip._native")]
pub struct Judge {
    related_headers: FxHashSet<String>,
    comment_headers: FxHashSet<String>,
    navigation_headers: FxHashSet<String>,
    menu_entries: FxHashSet<String>,
    generic_sources: FxHashSet<String>,
    caption_prefixes: Prefixes,
    comment_count_prefixes: Prefixes,
    related_prefixes: Prefixes,
    byline_prefixes: Prefixes,
    source_prefixes: Prefixes,
    tag_prefixes: Prefixes,
    navigation_prefixes: Prefixes,
    scanner: Scanner,
    agencies: FxHashSet<String>,
    acronyms: FxHashMap<String, FxHashSet<String>>,
    menu_starts: FxHashSet<String>,
    translation: Translation,
}

/// Floor division, as Python's `//` (the divisor is not zero).
fn floor_div(a: i64, b: i64) -> i64 {
    let q = a.wrapping_div(b);
    if (a.wrapping_rem(b) != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// `rules._short_cue_line`.
fn short_cue_line(x: &Line<'_>, lim: &Limits) -> bool {
    x.chars <= lim.cue_max_chars && !(x.terminal && x.words > lim.cue_sentence_max_words)
}

/// `rules._CREDIT_SEPARATOR.search(text)`: `,|،|\s[-–—|]\s`.
fn credit_separator(text: &str) -> bool {
    let t: Vec<char> = text.chars().collect();
    t.iter().any(|&c| c == ',' || c == '،')
        || t.windows(3).any(|w| re_space(w[0]) && matches!(w[1], '-' | '–' | '—' | '|') && re_space(w[2]))
}

/// `rules._PATH.search(text)`: `\s(?:»|›|>|::|→)\s`.
fn path(text: &str) -> bool {
    let t: Vec<char> = text.chars().collect();
    (0..t.len()).any(|i| {
        if !re_space(t[i]) {
            return false;
        }
        let after = |k: usize| t.get(i + k).is_some_and(|&c| re_space(c));
        match t.get(i + 1) {
            Some('»') | Some('›') | Some('>') | Some('→') => after(2),
            Some(':') => t.get(i + 2) == Some(&':') && after(3),
            _ => false,
        }
    })
}

/// `rules._ADDRESS.fullmatch(text)`: `(?:https?://|www\.)\S{1,2000}`.
fn address(text: &str) -> bool {
    let rest = ["https://", "http://", "www."].iter().find_map(|p| text.strip_prefix(p));
    rest.is_some_and(|r| {
        let n = r.chars().count();
        (1..=2000).contains(&n) && !r.chars().any(re_space)
    })
}

/// `rules._MARKUP.match(text)`:
/// `<(?:[!/]|[a-zA-Z][a-zA-Z0-9:-]*(?=\s*/?>|\s[^<>]*=))[^<>]{0,2000}>$`, `$` the end or
/// before a final newline: a tag name closed at once or followed by attributes (a `=`).
fn markup_residue(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('<') else { return false };
    let Some(first) = rest.chars().next() else { return false };
    if !(first.is_ascii_alphabetic() || first == '!' || first == '/') {
        return false;
    }
    let Some(close) = rest.find(['<', '>']) else { return false };
    if rest.as_bytes()[close] != b'>' {
        return false;
    }
    let inner = &rest[..close];
    // the first `>` closes the tag: nothing after it but a final newline (`$`)
    let after = &rest[close + 1..];
    if !(after.is_empty() || after == "\n") {
        return false;
    }
    if !first.is_ascii_alphabetic() {
        return inner.chars().count() <= 2001; // `[!/]`, then `[^<>]{0,2000}`
    }
    let name_end =
        inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-')).unwrap_or(inner.len());
    let attrs = &inner[name_end..];
    let spaced = attrs.trim_start_matches(re_space);
    let closed_at_once = spaced.strip_prefix('/').unwrap_or(spaced).is_empty();
    let with_attributes = attrs.starts_with(re_space) && attrs.contains('=');
    attrs.chars().count() <= 2000 && (closed_at_once || with_attributes)
}

/// The alternatives of `rules.SHARE_FILTER` in lower case but `More on this.{,8}`.
const SHARE_WORDS: [&str; 22] = [
    "drucken",
    "e-mail",
    "email",
    "facebook",
    "flipboard",
    "google",
    "instagram",
    "linkedin",
    "mail",
    "pdf",
    "pinterest",
    "pocket",
    "print",
    "qq",
    "reddit",
    "twitter",
    "wechat",
    "weibo",
    "whatsapp",
    "xing",
    "mehr zum thema",
    "mehr zum thema:",
];
const MORE_ON_THIS: &str = "more on this";

/// `rules.SHARE_FILTER.match(text)` (Python's `re`, `IGNORECASE`):
/// `\W*(Drucken|E-?Mail|…|Mehr zum Thema:?|More on this.{,8}$)$`.  Decided here for an ASCII
/// text (`\W` is `[^A-Za-z0-9_]` there, and the case ASCII's); `None` (ask Python) for a
/// text of other characters that could match: one that ends, in ASCII lower case, with an
/// alternative, or holds "more on this" near its end.  Besides ASCII letters, only "İ", "ı",
/// "ſ" and "\u{212A}" (KELVIN SIGN) match a letter of the pattern in `re`'s `IGNORECASE` (the test checks it):
/// they are read as those letters for that.
fn share_filter(text: &str) -> Option<bool> {
    if text.ends_with('\n') {
        return None; // `$` before a final newline: not on a stripped line
    }
    if text.is_ascii() {
        let rest = text.trim_start_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        if rest.len() > MORE_ON_THIS.len() + 8 {
            return Some(false); // longer than every alternative
        }
        let lower = rest.to_ascii_lowercase();
        if SHARE_WORDS.contains(&lower.as_str()) {
            return Some(true);
        }
        let more =
            lower.strip_prefix(MORE_ON_THIS).is_some_and(|tail| tail.len() <= 8 && !tail.contains('\n'));
        return Some(more);
    }
    // the alternatives stand at the end, in at most `MORE_ON_THIS.len() + 8` characters
    let start = text.char_indices().rev().nth(MORE_ON_THIS.len() + 7).map_or(0, |(b, _)| b);
    let lower: String = text[start..]
        .chars()
        .map(|c| match c {
            'İ' | 'ı' => 'i',
            'ſ' => 's',
            '\u{212A}' => 'k', // KELVIN SIGN
            c if c.is_ascii() => c.to_ascii_lowercase(),
            _ => '\u{0}',
        })
        .collect();
    if SHARE_WORDS.iter().any(|w| lower.ends_with(w)) || lower.contains(MORE_ON_THIS) {
        return None;
    }
    Some(false)
}

/// `rules._COUNT.match(folded).end()`: `^\W*\d+\s*`.
fn count_end(folded: &str) -> Option<usize> {
    let lead = folded.len() - folded.trim_start_matches(|c: char| !word(c)).len();
    let digits = folded[lead..].trim_start_matches(|c: char| chars::is(c, RE_DIGIT));
    if digits.len() == folded.len() - lead {
        return None;
    }
    Some(folded.len() - digits.trim_start_matches(re_space).len())
}

impl Judge {
    /// `lex.whole_line(key, …)` is a set's `contains`; `Lexicons.is_run_of_entries(core)`.
    fn is_run_of_entries(&self, line_core: &str) -> bool {
        let words: Vec<&str> = py_split(line_core).collect();
        if words.len() < 2 || !self.menu_starts.contains(words[0]) {
            return false;
        }
        let mut reach = vec![false; words.len() + 1];
        reach[0] = true;
        let mut joined = String::new();
        for k in 1..=words.len() {
            reach[k] = (k.saturating_sub(LONGEST_ENTRY)..k).any(|j| {
                if !reach[j] {
                    return false;
                }
                joined.clear();
                for (n, w) in words[j..k].iter().enumerate() {
                    if n > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(w);
                }
                self.menu_entries.contains(joined.as_str())
            });
        }
        reach[words.len()]
    }

    /// `Lexicons.agency(text, core) is not None`; `None` where this pass cannot fold the text
    /// as `fold_cased` does (NFKC that is not done character by character).
    fn agency(&self, text: &str, line_core: &str) -> Option<bool> {
        if !self.agencies.contains(line_core) {
            return Some(false);
        }
        let Some(spellings) = self.acronyms.get(line_core) else { return Some(true) };
        let cased = fold::fold_cased(text, &self.translation)?;
        Some(spellings.contains(core(&cased)))
    }

    /// `rules.shape_of`.
    fn shape(x: &Line<'_>, lim: &Limits) -> u8 {
        if x.link_density.is_some_and(|d| d > lim.max_link_density) && !x.terminal {
            return if x.bullet { LIST } else { SHORT };
        }
        if x.words != 0 && (x.chars as f64) / (x.words as f64) > lim.max_word_chars {
            return SHORT;
        }
        let prose_words = if x.full_stop { lim.prose_min_words } else { lim.question_prose_words };
        if x.terminal && x.words >= prose_words {
            return PROSE;
        }
        if x.words >= lim.long_prose_words && x.stop_density >= lim.stopwords_low {
            return PROSE;
        }
        if x.chars > lim.length_high && x.stop_density >= lim.stopwords_high && !x.bullet {
            return PROSE;
        }
        if x.bullet {
            return LIST;
        }
        if x.words >= lim.near_min_words && x.stop_density >= lim.stopwords_low && !x.ellipsis {
            return NEAR;
        }
        if x.words > lim.short_words {
            return HEADING;
        }
        SHORT
    }

    /// The index of the first cue rule whose test holds, `None` for none, `Err` to ask Python.
    fn first_rule(&self, x: &Line<'_>, lim: &Limits) -> Result<Option<usize>, ()> {
        let mut counts = Lazy { scanner: &self.scanner, folded: x.folded, counts: None };
        let opens = |p: &Prefixes| short_cue_line(x, lim) && p.find(x.folded).is_some();
        // caption-prefix: `_opens_with("caption_prefixes")`
        if opens(&self.caption_prefixes) {
            return Ok(Some(0));
        }
        // related-header: `lex.whole_line("related_headers", f.core)`
        if self.related_headers.contains(x.core) {
            return Ok(Some(1));
        }
        // comment-header
        if self.comment_headers.contains(x.core) {
            return Ok(Some(2));
        }
        // comment-count-header: `_counted(f, lex, "comment_count_prefixes")`
        if x.chars <= lim.cue_max_chars
            && count_end(x.folded).is_some_and(|e| self.comment_count_prefixes.find(&x.folded[e..]).is_some())
        {
            return Ok(Some(3));
        }
        // navigation-header
        if self.navigation_headers.contains(x.core) {
            return Ok(Some(4));
        }
        // trafilatura-share-filter: asks Python for a non-ASCII line that could match
        if x.chars <= lim.cue_max_chars && share_filter(x.text).ok_or(())? {
            return Ok(Some(5));
        }
        // navigation-line
        if self.menu_entries.contains(x.core) {
            return Ok(Some(6));
        }
        // menu-entries
        if x.words <= lim.entry_run_max_words && self.is_run_of_entries(x.core) {
            return Ok(Some(7));
        }
        // navigation-phrase
        if x.chars <= lim.cue_max_chars {
            let nav = i64::from(counts.get()[NAVIGATION_PHRASES]);
            if nav >= lim.navigation_phrase_hits || (short_cue_line(x, lim) && nav > 0) {
                return Ok(Some(8));
            }
        }
        // related-prefix
        if x.words <= lim.related_prefix_max_words && self.related_prefixes.find(x.folded).is_some() {
            return Ok(Some(9));
        }
        // photo-credit
        if x.words <= lim.photo_credit_max_words && counts.get()[PHOTO_CREDITS] > 0 {
            return Ok(Some(10));
        }
        // byline: `_byline`
        if self.byline(x, lim) {
            return Ok(Some(11));
        }
        // agency-line: `_agency_only`; asks Python where `fold_cased` cannot be done here
        if x.words <= lim.agency_line_max_words
            && !x.core.is_empty()
            && self.agency(x.text, x.core).ok_or(())?
        {
            return Ok(Some(12));
        }
        // role-credit: `_role_credit`
        if !x.terminal
            && (lim.role_credit_min_words..=lim.role_credit_max_words).contains(&x.words)
            && credit_separator(x.text)
            && py_split(x.core).any(|w| self.generic_sources.contains(w))
        {
            return Ok(Some(13));
        }
        // generic-source: `_generic_source` (a date may follow the credit, other figures not)
        if !x.bullet && !(x.has_digit && !x.date_like) && self.generic_sources.contains(x.core) {
            return Ok(Some(14));
        }
        // tag-prefix, navigation-prefix: `_opens_with`
        if opens(&self.tag_prefixes) {
            return Ok(Some(15));
        }
        if opens(&self.navigation_prefixes) {
            return Ok(Some(16));
        }
        // breadcrumb: `_breadcrumb`
        if self.breadcrumb(x, lim) {
            return Ok(Some(17));
        }
        // menu-row: `_menu_row`
        if x.separators >= lim.menu_row_separators {
            return Ok(Some(18));
        }
        // markup-residue
        if markup_residue(x.text) {
            return Ok(Some(19));
        }
        // code: `_code`
        if code(x, lim)? {
            return Ok(Some(20));
        }
        // address
        if address(x.text) {
            return Ok(Some(21));
        }
        // date
        if x.date_like {
            return Ok(Some(22));
        }
        // duplicate: `_duplicate`
        if x.chars > lim.min_duplicate_chars && x.repeats > lim.max_repetitions {
            return Ok(Some(23));
        }
        // comment-policy: `_comment_policy`
        if !x.bullet {
            let c = counts.get();
            let least = lim.comment_cue_min.max(floor_div(x.words, lim.comment_cue_words));
            if c[COMMENT_POLICY] > 0 || i64::from(c[COMMENT_CUES]) >= least {
                return Ok(Some(24));
            }
        }
        // comment-cue: `_comment_cue`
        if !x.bullet
            && x.words <= lim.comment_cue_max_words
            && !(x.terminal && x.words >= lim.prose_min_words)
            && counts.get()[COMMENT_CUES] > 0
        {
            return Ok(Some(25));
        }
        Ok(None)
    }

    /// `rules._byline` (a whole generic credit is left to `generic-source`).
    fn byline(&self, x: &Line<'_>, lim: &Limits) -> bool {
        if x.bullet || x.chars > lim.byline_max_chars || self.generic_sources.contains(x.core) {
            return false;
        }
        if !(lim.byline_min_words..=lim.byline_max_words).contains(&x.words) {
            return false;
        }
        let m = self.byline_prefixes.find(x.folded).or_else(|| self.source_prefixes.find(x.folded));
        m.is_some_and(|p| x.words > py_split(p).count() as i64)
    }

    /// `rules._breadcrumb`.
    fn breadcrumb(&self, x: &Line<'_>, lim: &Limits) -> bool {
        if !(lim.breadcrumb_min_words..=lim.breadcrumb_max_words).contains(&x.words) {
            return false;
        }
        if path(x.text) {
            return true;
        }
        if x.words > lim.menu_opened_max_words {
            return false;
        }
        let first = x.core.split(' ').next().unwrap_or("");
        self.menu_entries.contains(first) && !x.terminal
    }

    /// One line's code.
    fn code_of(&self, x: &Line<'_>, lim: &Limits) -> u8 {
        let shape = Self::shape(x, lim);
        match self.first_rule(x, lim) {
            Ok(Some(rule)) => rule as u8 * SHAPE_NAMES.len() as u8 + shape,
            Ok(None) => NO_CUE + shape,
            Err(()) => ASK,
        }
    }
}

/// `rules._code`; `Err` where `"pre" in f.cues` raises.
fn code(x: &Line<'_>, lim: &Limits) -> Result<bool, ()> {
    let text = x.text;
    if !(text.contains('{') || text.contains('}')) {
        return Ok(false);
    }
    let py = x.cues.py();
    if x.cues.contains(intern!(py, "pre")).map_err(|_| ())? {
        return Ok(false);
    }
    let count = |c: char| text.chars().filter(|&d| d == c).count() as i128;
    let braces = count('{') + count('}');
    let marks = braces + count(';') + count('=');
    Ok(braces >= i128::from(lim.code_min_braces)
        && marks * i128::from(lim.code_words_per_mark) >= py_split(text).count() as i128)
}

fn set_of(words: Vec<String>) -> FxHashSet<String> {
    words.into_iter().collect()
}

/// A line's text field as a `str`, or `None` for one no Rust string holds.
fn text_of<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Option<&'a str>> {
    Ok(obj.cast::<PyString>()?.to_str().ok())
}

#[pymethods]
impl Judge {
    /// Made from one dict of the loaded lexicons (`LexIn`'s fields).
    #[new]
    fn new(lex: LexIn) -> PyResult<Self> {
        let LexIn {
            mut line_sets,
            mut prefixes,
            contains_index,
            triggers,
            proclitics,
            clitic_starts,
            agencies,
            acronyms,
            menu_starts,
            table,
        } = lex;
        let mut line = |key: &str| -> PyResult<FxHashSet<String>> {
            line_sets
                .remove(key)
                .map(set_of)
                .ok_or_else(|| PyValueError::new_err(format!("no line set {key}")))
        };
        let (related_headers, comment_headers, navigation_headers, menu_entries, generic_sources) = (
            line("related_headers")?,
            line("comment_headers")?,
            line("navigation_headers")?,
            line("menu_entries")?,
            line("generic_sources")?,
        );
        let mut prefix = |key: &str| -> PyResult<Prefixes> {
            let phrases =
                prefixes.remove(key).ok_or_else(|| PyValueError::new_err(format!("no prefix key {key}")))?;
            Ok(Prefixes::new(&phrases))
        };
        let caption_prefixes = prefix("caption_prefixes")?;
        let comment_count_prefixes = prefix("comment_count_prefixes")?;
        let related_prefixes = prefix("related_prefixes")?;
        let byline_prefixes = prefix("byline_prefixes")?;
        let source_prefixes = prefix("source_prefixes")?;
        let tag_prefixes = prefix("tag_prefixes")?;
        let navigation_prefixes = prefix("navigation_prefixes")?;
        let mut index: FxHashMap<String, Opened> = FxHashMap::default();
        for (first, entries) in contains_index {
            let slot = index.entry(first.clone()).or_default();
            for (key, phrase) in entries {
                if phrase.first() != Some(&first) {
                    return Err(PyValueError::new_err("a contains phrase must open with its first token"));
                }
                let k = CONTAINS_KEYS.iter().position(|&c| c == key);
                slot.push((k, phrase[1..].to_vec()));
            }
        }
        let scanner = Scanner {
            index,
            triggers: triggers.map(set_of),
            proclitics: set_of(proclitics),
            // `tok[0] in clitic_starts`: only a one-character entry can hold
            clitic_starts: clitic_starts
                .iter()
                .filter_map(|s| {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => Some(c),
                        _ => None,
                    }
                })
                .collect(),
        };
        let mut entries = Vec::with_capacity(table.len());
        for (cp, to) in table {
            let c = char::from_u32(cp)
                .ok_or_else(|| PyValueError::new_err(format!("not a character: {cp:#x}")))?;
            entries.push((c, to.unwrap_or_default()));
        }
        let translation =
            Translation::new(entries).ok_or_else(|| PyValueError::new_err("translation table too large"))?;
        Ok(Judge {
            related_headers,
            comment_headers,
            navigation_headers,
            menu_entries,
            generic_sources,
            caption_prefixes,
            comment_count_prefixes,
            related_prefixes,
            byline_prefixes,
            source_prefixes,
            tag_prefixes,
            navigation_prefixes,
            scanner,
            agencies: set_of(agencies),
            acronyms: acronyms.into_iter().map(|(k, v)| (k, set_of(v))).collect(),
            menu_starts: set_of(menu_starts),
            translation,
        })
    }

    /// One byte a line of `feats` (see the module's notes), as `bytes`.  `limits` is the dict
    /// of `Limits`' fields; a `comment_cue_words` of zero is refused (Python divides by it).
    fn judge<'py>(
        &self,
        py: Python<'py>,
        feats: &Bound<'py, PyList>,
        limits: Limits,
    ) -> PyResult<Bound<'py, PyBytes>> {
        if limits.comment_cue_words == 0 {
            return Err(PyValueError::new_err("comment_cue_words must not be zero"));
        }
        let mut out = Vec::with_capacity(feats.len());
        for f in feats.iter() {
            out.push(self.line(py, &f, &limits)?);
        }
        Ok(PyBytes::new(py, &out))
    }

    /// `Lexicons.scan(folded)` for the keys the rules count, or `None` for a text no Rust
    /// string holds (for the tests).
    fn scan(&self, folded: &Bound<'_, PyString>) -> Option<Vec<(&'static str, u32)>> {
        let counts = self.scanner.scan(folded.to_str().ok()?);
        Some(CONTAINS_KEYS.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(&k, n)| (k, n)).collect())
    }

    /// The phrase `Lexicons.prefix(key, folded)` finds, or `None` (for the tests).
    fn prefix(&self, key: &str, folded: &Bound<'_, PyString>) -> PyResult<Option<String>> {
        let p = match key {
            "caption_prefixes" => &self.caption_prefixes,
            "comment_count_prefixes" => &self.comment_count_prefixes,
            "related_prefixes" => &self.related_prefixes,
            "byline_prefixes" => &self.byline_prefixes,
            "source_prefixes" => &self.source_prefixes,
            "tag_prefixes" => &self.tag_prefixes,
            "navigation_prefixes" => &self.navigation_prefixes,
            _ => return Err(PyValueError::new_err(format!("no prefix key {key}"))),
        };
        Ok(folded.to_str().ok().and_then(|f| p.find(f)).map(str::to_owned))
    }
}

impl Judge {
    /// The code of one `Features` object.
    fn line<'py>(&self, py: Python<'py>, f: &Bound<'py, PyAny>, lim: &Limits) -> PyResult<u8> {
        if f.getattr(intern!(py, "invisible"))?.is_truthy()? {
            return Ok(INVISIBLE);
        }
        let (text, folded, core) = (
            f.getattr(intern!(py, "text"))?,
            f.getattr(intern!(py, "folded"))?,
            f.getattr(intern!(py, "core"))?,
        );
        let (Some(text), Some(folded), Some(line_core)) =
            (text_of(&text)?, text_of(&folded)?, text_of(&core)?)
        else {
            return Ok(ASK);
        };
        let link = f.getattr(intern!(py, "link_density"))?;
        let cues = f.getattr(intern!(py, "cues"))?;
        let flag = |name: &Bound<'py, PyString>| -> PyResult<bool> { f.getattr(name)?.is_truthy() };
        let x = Line {
            text,
            folded,
            core: line_core,
            chars: f.getattr(intern!(py, "chars"))?.extract()?,
            words: f.getattr(intern!(py, "words"))?.extract()?,
            bullet: flag(intern!(py, "bullet"))?,
            terminal: flag(intern!(py, "terminal"))?,
            full_stop: flag(intern!(py, "full_stop"))?,
            ellipsis: flag(intern!(py, "ellipsis"))?,
            stop_density: f.getattr(intern!(py, "stop_density"))?.extract()?,
            date_like: flag(intern!(py, "date_like"))?,
            has_digit: flag(intern!(py, "has_digit"))?,
            separators: f.getattr(intern!(py, "separators"))?.extract()?,
            repeats: f.getattr(intern!(py, "repeats"))?.extract()?,
            link_density: if link.is_none() { None } else { Some(link.extract()?) },
            cues,
        };
        Ok(self.code_of(&x, lim))
    }
}
