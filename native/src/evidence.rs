//! The compiled evidence pass: `boilerstrip.evidence.gather` for one page, the credit signs
//! (`names.credit_signs`) read by `credits.rs`.
//!
//! Python computes what is cheap and needs the passes' objects (the visible lines, the zones,
//! the comment sections, the passes' labels, the page's article share) and hands them in;
//! this pass reads each line's `Features` and `Verdict`, and makes every name of
//! `evidence.own`, `signs.signs`, `cohesion.cohesion`, the neighbours' names,
//! `evidence._clock_neighbours` and the credit signs, in the same order.  Every threshold,
//! bucket and word list is handed in by `boilerstrip.evidence` when the `Evidencer` is made
//! (one dict, read as `Settings`), so that each stays defined once, in Python; the fixed
//! names (`terminal`, `sign:clock` …) are written here as there, and
//! `tests/test_native_corpus.py` compares both passes on every dev page.
//!
//! A page holding a text no Rust string can (a lone surrogate) is given back (`None`), and
//! Python gathers it.  Nothing here panics on input or recurses.

use std::fmt::Write;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyFrozenSet, PyList, PyString};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::chars::{self, HAN_KANA, PY_ALPHA, PY_DIGIT, PY_UPPER, RE_DIGIT, RE_WORD};
use crate::credits::Credits;
use crate::fold::Translation;

/// `evidence.gather` compiled, holding its thresholds and buckets.
#[pyclass(frozen, module = "boilerstrip._native")]
pub struct Evidencer {
    /// The dict it was made from, read once.
    settings: Settings,
}

/// Every threshold, bucket and word list of the pass, as `evidence._evidencer` hands them in:
/// one dict whose keys are these fields' names (a missing key is a `KeyError`, a value of
/// another type a `TypeError`, when the `Evidencer` is made).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Settings {
    /// `(upper bound, name)`: `words:…`, then the name above every bound.
    word_buckets: Vec<(i64, String)>,
    word_top: String,
    char_buckets: Vec<(i64, String)>,
    char_top: String,
    /// `(lower bound, name)`: `stops:…`, then the name below every bound.
    stop_buckets: Vec<(f64, String)>,
    stop_bottom: String,
    link_buckets: Vec<(f64, String)>,
    link_bottom: String,
    /// `(lower bound, name)` of `cohesion:…`, and `cohesion:none`.
    cohesion_buckets: Vec<(f64, String)>,
    cohesion_none: String,
    cohesion_min_words: usize,
    min_word_chars: usize,
    position_parts: usize,
    /// `(offset among the visible lines, name)`.
    neighbours: Vec<(isize, String)>,
    clock_window: usize,
    /// `(upper bound, name)` of `near:clock:…`, then the name above every bound.
    clock_buckets: Vec<(usize, String)>,
    clock_top: String,
    prior: String,
    /// The thresholds of `signs.signs`.
    capitals_share: f64,
    digits_share: f64,
    /// `SIGN_CHARS`: a longer line is read at its two ends ...
    sign_chars: usize,
    /// ... its first `sign_head` characters and its last `sign_tail`.
    sign_head: usize,
    sign_tail: usize,
    /// `SEPARATOR_CHARS` and `QUOTES`, handed in as strings.
    #[pyo3(from_py_with = chars_of)]
    separators: Vec<char>,
    #[pyo3(from_py_with = chars_of)]
    quotes: Vec<char>,
    agency_scan_chars: usize,
    /// One word run of every agency alias (`evidence._agency_keys`, handed in as a list), or
    /// `None` when every line is searched; `find_agency` is the lexicons' search, `None`
    /// without lexicons.
    #[pyo3(from_py_with = key_set)]
    agency_keys: Option<FxHashSet<String>>,
    find_agency: Option<Py<PyAny>>,
    /// The lines the credit signs are read on (`CREDIT_SCAN_CHARS`, `CREDIT_MAX_CLOCKS`).
    credit_scan_chars: usize,
    credit_max_clocks: usize,
    /// The credit signs' word lists (`names.credit_words`, `None` without lexicons) and
    /// Python's `credit_signs`, for a line this pass cannot fold.
    #[pyo3(from_py_with = credits_of)]
    credit_words: Option<Credits>,
    credit_signs: Option<Py<PyAny>>,
}

/// A string's characters (`Settings::separators`, `Settings::quotes`).
fn chars_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<char>> {
    Ok(obj.extract::<String>()?.chars().collect())
}

/// A list of words as a set, or `None` (`Settings::agency_keys`).
fn key_set(obj: &Bound<'_, PyAny>) -> PyResult<Option<FxHashSet<String>>> {
    Ok(obj.extract::<Option<Vec<String>>>()?.map(|keys| keys.into_iter().collect()))
}

/// The credit signs' word lists made ready, or `None` (`Settings::credit_words`).
fn credits_of(obj: &Bound<'_, PyAny>) -> PyResult<Option<Credits>> {
    obj.extract::<Option<CreditWords>>()?.map(CreditWords::into_credits).transpose()
}

/// What `Evidencer::gather` returns: every line's names and its count of timed lines around
/// it, or `None` for a page given back to Python.
type Gathered<'py> = Option<(Vec<Bound<'py, PyList>>, Vec<usize>)>;

/// The credit signs' word lists, as `boilerstrip.evidence` hands them in.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct CreditWords {
    table: std::collections::HashMap<u32, Option<String>>,
    date_words: Vec<String>,
    role_words: Vec<String>,
    furniture: Vec<String>,
    particles: Vec<String>,
    max_name_words: usize,
}

impl CreditWords {
    fn into_credits(self) -> PyResult<Credits> {
        let bad = |m: &str| pyo3::exceptions::PyValueError::new_err(m.to_owned());
        let mut entries = Vec::with_capacity(self.table.len());
        for (cp, to) in self.table {
            entries.push((char::from_u32(cp).ok_or_else(|| bad("not a character"))?, to.unwrap_or_default()));
        }
        if !self.particles.iter().all(|p| p.is_ascii()) {
            return Err(bad("the particles must be ASCII"));
        }
        Ok(Credits {
            translation: Translation::new(entries).ok_or_else(|| bad("translation table too large"))?,
            date_words: self.date_words.into_iter().collect(),
            role_words: self.role_words.into_iter().collect(),
            furniture: self.furniture.into_iter().collect(),
            particles: self.particles.into_iter().collect(),
            max_name_words: self.max_name_words,
        })
    }
}

/// A page's names, each made once as a Python string and referred to by its index: a page
/// repeats a few hundred names over all its lines.
struct Names<'py> {
    py: Python<'py>,
    ids: FxHashMap<String, u32>,
    made: Vec<Bound<'py, PyString>>,
    buf: String,
}

impl<'py> Names<'py> {
    fn new(py: Python<'py>) -> Self {
        Names { py, ids: FxHashMap::default(), made: Vec::new(), buf: String::new() }
    }

    fn id(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.ids.get(name) {
            return k;
        }
        let k = self.made.len() as u32;
        self.made.push(PyString::new(self.py, name));
        self.ids.insert(name.to_owned(), k);
        k
    }

    /// The name `format!(args)` would make, without making a string where it is known.
    fn format(&mut self, args: std::fmt::Arguments<'_>) -> u32 {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let _ = buf.write_fmt(args);
        let k = self.id(&buf);
        self.buf = buf;
        k
    }
}

/// What the pass reads of one line.
struct LineIn<'a> {
    text: &'a str,
    folded: &'a str,
    chars: i64,
    words: i64,
    stop_density: f64,
    flags: [bool; 7],
    has_digit: bool,
    repeats: i64,
    link_density: Option<f64>,
    cues: Vec<String>,
    rule: String,
    shape: String,
    opens: Option<String>,
}

/// The names of `LineIn::flags`, in `evidence.own`'s order.
const FLAG_NAMES: [&str; 7] =
    ["terminal", "full-stop", "colon-end", "bullet", "numbered", "date-like", "ellipsis"];
/// The `Features` fields of `LineIn::flags`, in the same order.
const FLAG_FIELDS: [&str; 7] =
    ["terminal", "full_stop", "colon_end", "bullet", "numbered", "date_like", "ellipsis"];
/// `evidence.own`'s `short-with-digit` holds up to this many words.
const SHORT_WORDS: i64 = 6;

fn up_to<'a>(value: i64, buckets: &'a [(i64, String)], top: &'a str) -> &'a str {
    buckets.iter().find(|(b, _)| value <= *b).map_or(top, |(_, n)| n.as_str())
}

fn at_least<'a>(value: f64, buckets: &'a [(f64, String)], bottom: &'a str) -> &'a str {
    buckets.iter().find(|(b, _)| value >= *b).map_or(bottom, |(_, n)| n.as_str())
}

#[inline]
fn word(c: char) -> bool {
    chars::is(c, RE_WORD)
}

/// `_ADDRESS.search(t)`: `https?://|www\.|\.(?:com|org|net)\b|@\w`.
fn address(t: &[char]) -> bool {
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| t.get(i + k) == Some(&c));
    (0..t.len()).any(|i| match t[i] {
        'h' => at(i, "http://") || at(i, "https://"),
        'w' => at(i, "www."),
        '.' => ["com", "org", "net"].iter().any(|s| at(i + 1, s)) && !t.get(i + 4).is_some_and(|&c| word(c)),
        '@' => t.get(i + 1).is_some_and(|&c| word(c)),
        _ => false,
    })
}

/// `_CLOCK.search(t)`: `\b\d{1,2}[:h]\d{2}\b`.
fn clock(t: &[char]) -> bool {
    let digit = |i: usize| t.get(i).is_some_and(|&c| chars::is(c, RE_DIGIT));
    let ends = |i: usize| !t.get(i).is_some_and(|&c| word(c));
    (0..t.len()).any(|i| {
        if !digit(i) || (i > 0 && word(t[i - 1])) {
            return false;
        }
        // \d{1,2} tries two digits first, then one
        [2usize, 1].iter().any(|&k| {
            (0..k).all(|d| digit(i + d))
                && matches!(t.get(i + k), Some(':') | Some('h'))
                && digit(i + k + 1)
                && digit(i + k + 2)
                && ends(i + k + 3)
        })
    })
}

impl Settings {
    /// `signs.signs(text)`.
    fn signs(&self, text: &str, out: &mut Vec<&'static str>) {
        let all: Vec<char> = chars::py_strip(text).chars().collect();
        let t: Vec<char> = if all.len() > self.sign_chars {
            let mut t = all[..self.sign_head.min(all.len())].to_vec();
            t.push(' ');
            t.extend_from_slice(&all[all.len().saturating_sub(self.sign_tail)..]);
            t
        } else {
            all
        };
        let (mut letters, mut upper, mut digits) = (0usize, 0usize, 0usize);
        for &c in &t {
            let v = chars::value(c);
            letters += usize::from(v & PY_ALPHA != 0);
            upper += usize::from(v & PY_UPPER != 0);
            digits += usize::from(v & PY_DIGIT != 0);
        }
        if letters >= 3 && upper as f64 >= self.capitals_share * letters as f64 {
            out.push("sign:capitals");
        }
        if address(&t) {
            out.push("sign:address");
        }
        if t.contains(&'©') {
            out.push("sign:copyright");
        }
        if digits >= 3 && clock(&t) {
            out.push("sign:clock");
        }
        let k = t.iter().filter(|c| self.separators.contains(c)).count();
        if k > 0 {
            out.push(["sign:separators-1", "sign:separators-2", "sign:separators-3"][k.min(3) - 1]);
        }
        // `t[:1] in _QUOTES`: the empty string is in every string
        if t.first().map_or(true, |c| self.quotes.contains(c)) {
            out.push("sign:quote");
        }
        if !t.is_empty() && digits as f64 >= self.digits_share * t.len() as f64 {
            out.push("sign:digits");
        }
        if matches!(t.last(), Some('?') | Some('؟')) {
            out.push("sign:question");
        }
    }
}

/// `cohesion.words(folded)`: runs of Han and kana by pairs of characters, other runs of
/// word characters of at least `min_chars` characters that are not all digits.
fn words(folded: &str, min_chars: usize) -> FxHashSet<&str> {
    let mut out = FxHashSet::default();
    let idx: Vec<(usize, char)> = folded.char_indices().collect();
    let end_of = |k: usize| idx.get(k).map_or(folded.len(), |&(b, _)| b);
    let mut i = 0;
    while i < idx.len() {
        let c = idx[i].1;
        let kana = chars::is(c, HAN_KANA);
        if !kana && !word(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < idx.len() && (if kana { chars::is(idx[j].1, HAN_KANA) } else { word(idx[j].1) }) {
            j += 1;
        }
        if kana {
            // w[k:k + 2] for k in range(max(len(w) - 1, 1))
            for k in i..i + (j - i - 1).max(1) {
                out.insert(&folded[idx[k].0..end_of((k + 2).min(j))]);
            }
        } else if j - i >= min_chars && !idx[i..j].iter().all(|&(_, c)| chars::is(c, PY_DIGIT)) {
            out.insert(&folded[idx[i].0..end_of(j)]);
        }
        i = j;
    }
    out
}

fn text_of<'a, 'py>(obj: &'a Bound<'py, PyAny>) -> PyResult<Option<&'a str>> {
    Ok(obj.cast::<PyString>()?.to_str().ok())
}

impl Settings {
    /// `evidence.own(f, v)` with `signs.signs(f.text)`, pushed onto `out`.
    fn own(&self, x: &LineIn<'_>, names: &mut Names<'_>, out: &mut Vec<u32>) {
        if x.rule.starts_with("cue:") || x.rule.starts_with("markup:") {
            out.push(names.id(&x.rule));
        }
        out.push(names.format(format_args!("shape:{}", x.shape)));
        if let Some(o) = &x.opens {
            out.push(names.format(format_args!("opens:{o}")));
        }
        out.push(names.id(up_to(x.words, &self.word_buckets, &self.word_top)));
        out.push(names.id(up_to(x.chars, &self.char_buckets, &self.char_top)));
        out.push(names.id(at_least(x.stop_density, &self.stop_buckets, &self.stop_bottom)));
        for (on, name) in x.flags.iter().zip(FLAG_NAMES) {
            if *on {
                out.push(names.id(name));
            }
        }
        if x.has_digit && x.words <= SHORT_WORDS {
            out.push(names.id("short-with-digit"));
        }
        if x.repeats > 1 {
            out.push(names.id("repeated"));
        }
        if let Some(d) = x.link_density {
            out.push(names.id(at_least(d, &self.link_buckets, &self.link_bottom)));
        }
        if !x.cues.is_empty() {
            let mut cues: Vec<&String> = x.cues.iter().collect();
            cues.sort();
            for c in cues {
                out.push(names.format(format_args!("cue={c}")));
            }
        }
        let mut signs = Vec::new();
        self.signs(x.text, &mut signs);
        for sign in signs {
            out.push(names.id(sign));
        }
    }

    /// `cohesion.cohesion`: each line's bucket.
    fn cohesion<'a>(&'a self, folded: &[&str], body: &[bool]) -> Vec<&'a str> {
        let sets: Vec<FxHashSet<&str>> = folded.iter().map(|f| words(f, self.min_word_chars)).collect();
        let mut vocab: FxHashMap<&str, usize> = FxHashMap::default();
        let mut total = 0usize;
        for (ws, &b) in sets.iter().zip(body) {
            if b {
                for w in ws {
                    *vocab.entry(w).or_insert(0) += 1;
                }
                total += ws.len();
            }
        }
        sets.iter()
            .zip(body)
            .map(|(ws, &b)| {
                let own = usize::from(b);
                if ws.is_empty() || total - if b { ws.len() } else { 0 } < self.cohesion_min_words {
                    return self.cohesion_none.as_str();
                }
                let shared = ws.iter().filter(|w| vocab.get(*w).copied().unwrap_or(0) > own).count();
                let share = shared as f64 / ws.len() as f64;
                at_least(share, &self.cohesion_buckets, &self.cohesion_none)
            })
            .collect()
    }

    /// Does the line name an agency (`evidence._may_name_agency`)?
    fn names_agency(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        folded: &Bound<'_, PyAny>,
        f: &str,
    ) -> PyResult<bool> {
        let Some(find) = &self.find_agency else { return Ok(false) };
        if let Some(keys) = &self.agency_keys {
            let mut hit = false;
            let mut start: Option<usize> = None;
            for (b, c) in f.char_indices().chain(std::iter::once((f.len(), ' '))) {
                match (word(c) && b < f.len(), start) {
                    (true, None) => start = Some(b),
                    (false, Some(s)) => {
                        if keys.contains(&f[s..b]) {
                            hit = true;
                            break;
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
            if !hit {
                return Ok(false);
            }
        }
        Ok(!find.bind(py).call1((text, folded))?.is_none())
    }
}

#[pymethods]
impl Evidencer {
    /// Made from one dict, `Settings`' fields by name.
    #[new]
    fn new(settings: Settings) -> Self {
        Evidencer { settings }
    }

    /// `signs.signs(text)`, or `None` for a text no Rust string holds (for the tests).
    fn signs(&self, text: &Bound<'_, PyString>) -> Option<Vec<&'static str>> {
        let mut out = Vec::new();
        self.settings.signs(text.to_str().ok()?, &mut out);
        Some(out)
    }

    /// `names.credit_signs(text)`, or `None` where this pass gives the line to Python, or
    /// the `Evidencer` has no lexicons (for the tests).
    fn credit_signs(&self, text: &Bound<'_, PyString>) -> Option<Vec<&'static str>> {
        self.settings.credit_words.as_ref()?.signs(text.to_str().ok()?)
    }

    /// `cohesion.words(folded)`, sorted, or `None` as `signs` (for the tests).
    fn words(&self, folded: &Bound<'_, PyString>) -> Option<Vec<String>> {
        let mut out: Vec<String> = words(folded.to_str().ok()?, self.settings.min_word_chars)
            .into_iter()
            .map(str::to_owned)
            .collect();
        out.sort();
        Some(out)
    }

    /// The evidence of every line and each line's count of timed lines around it (what
    /// `evidence.gather` makes before the credit signs), or `None` for a page given back.
    #[allow(clippy::too_many_arguments)]
    fn gather<'py>(
        &self,
        py: Python<'py>,
        feats: &Bound<'py, PyList>,
        verdicts: &Bound<'py, PyList>,
        rules: Vec<Option<String>>,
        said: Vec<String>,
        zones: Vec<String>,
        comments: Vec<bool>,
        body: Vec<bool>,
        share: String,
    ) -> PyResult<Gathered<'py>> {
        let n = feats.len();
        if verdicts.len() != n
            || rules.len() != n
            || said.len() != n
            || zones.len() != n
            || comments.len() != n
            || body.len() != n
        {
            return Err(pyo3::exceptions::PyValueError::new_err("one entry a line in every list"));
        }
        let fs: Vec<Bound<'py, PyAny>> = feats.iter().collect();
        let mut objs = Vec::with_capacity(n); // (text, folded) objects, for the agency search
        for f in &fs {
            objs.push((f.getattr(intern!(py, "text"))?, f.getattr(intern!(py, "folded"))?));
        }
        let mut lines = Vec::with_capacity(n);
        for ((f, v), (text, folded)) in fs.iter().zip(verdicts.iter()).zip(&objs) {
            let (Some(text), Some(folded)) = (text_of(text)?, text_of(folded)?) else { return Ok(None) };
            let mut flags = [false; 7];
            for (slot, name) in flags.iter_mut().zip(FLAG_FIELDS) {
                *slot = f.getattr(name)?.is_truthy()?;
            }
            let link = f.getattr(intern!(py, "link_density"))?;
            let cue_set = f.getattr(intern!(py, "cues"))?;
            let mut cues = Vec::new();
            for c in cue_set
                .cast::<PyFrozenSet>()
                .map(|s| s.iter().collect::<Vec<_>>())
                .or_else(|_| cue_set.try_iter()?.collect::<PyResult<Vec<_>>>())?
            {
                let Some(s) = text_of(&c)? else { return Ok(None) };
                cues.push(s.to_owned());
            }
            let opens = v.getattr(intern!(py, "opens"))?;
            lines.push(LineIn {
                text,
                folded,
                chars: f.getattr(intern!(py, "chars"))?.extract()?,
                words: f.getattr(intern!(py, "words"))?.extract()?,
                stop_density: f.getattr(intern!(py, "stop_density"))?.extract()?,
                flags,
                has_digit: f.getattr(intern!(py, "has_digit"))?.is_truthy()?,
                repeats: f.getattr(intern!(py, "repeats"))?.extract()?,
                link_density: if link.is_none() { None } else { Some(link.extract()?) },
                cues,
                rule: v.getattr(intern!(py, "rule"))?.extract()?,
                shape: v.getattr(intern!(py, "shape"))?.extract()?,
                opens: if opens.is_truthy()? { Some(opens.extract()?) } else { None },
            });
        }
        let folded: Vec<&str> = lines.iter().map(|x| x.folded).collect();
        let cohesive = self.settings.cohesion(&folded, &body);
        let mut names = Names::new(py);
        let prior = names.id(&self.settings.prior);
        let none = names.id(&self.settings.cohesion_none);
        let page_share = names.id(&share);
        let said_ids: Vec<u32> = said.iter().map(|x| names.id(x)).collect();
        let cohesive_ids: Vec<u32> = cohesive.iter().map(|x| names.id(x)).collect();
        let mut out: Vec<Vec<u32>> = Vec::with_capacity(n);
        for (i, x) in lines.iter().enumerate() {
            let mut ev = Vec::with_capacity(64);
            self.settings.own(x, &mut names, &mut ev);
            ev.push(prior);
            if let Some(r) = &rules[i] {
                if !r.is_empty() && *r != x.rule {
                    ev.insert(1.min(ev.len()), names.id(r));
                }
            }
            let (s, z) = (&said[i], &zones[i]);
            let Some(place) = z.split(':').nth(1) else { return Ok(None) };
            ev.push(said_ids[i]);
            ev.push(page_share);
            ev.push(names.format(format_args!("{s}&{share}")));
            ev.push(names.id(z));
            ev.push(names.format(format_args!("{s}&{place}")));
            ev.push(names.format(format_args!("{s}&shape:{}", x.shape)));
            if comments[i] {
                ev.push(names.id("in-comments"));
            }
            ev.push(cohesive_ids[i]);
            if cohesive_ids[i] != none {
                ev.push(names.format(format_args!("{}&{s}", cohesive[i])));
            }
            ev.push(names.format(format_args!("pos:{}", self.settings.position_parts * i / n)));
            if x.chars >= 0
                && (x.chars as u64) <= self.settings.agency_scan_chars as u64
                && self.settings.names_agency(py, &objs[i].0, &objs[i].1, x.folded)?
            {
                ev.push(names.id("names:agency"));
            }
            out.push(ev);
        }
        let visible: Vec<usize> = (0..n).filter(|&i| lines[i].shape != "invisible").collect();
        for (k, &i) in visible.iter().enumerate() {
            for (off, name) in &self.settings.neighbours {
                let j = k as isize + off;
                if j < 0 || j as usize >= visible.len() {
                    let edge = names.format(format_args!("{name}:page-edge"));
                    out[i].push(edge);
                    continue;
                }
                let o = visible[j as usize];
                let mut add = vec![names.format(format_args!("{name}:{}", said[o]))];
                if off.abs() == 1 {
                    add.push(names.format(format_args!("{name}:shape:{}", lines[o].shape)));
                    if cohesive_ids[o] != none {
                        add.push(names.format(format_args!("{name}:{}", cohesive[o])));
                    }
                    if lines[o].rule.starts_with("cue:") {
                        add.push(names.format(format_args!("{name}:{}", lines[o].rule)));
                    }
                }
                out[i].extend(add);
            }
        }
        let clocks = self.settings.clock_neighbours(&mut out, &mut names);
        if let Some(credits) = &self.settings.credit_words {
            for (i, x) in lines.iter().enumerate() {
                let read = x.chars >= 0 && (x.chars as u64) <= self.settings.credit_scan_chars as u64;
                if !read || comments[i] || clocks[i] >= self.settings.credit_max_clocks {
                    continue;
                }
                let signs: Vec<String> = match credits.signs(x.text) {
                    Some(found) => found.into_iter().map(str::to_owned).collect(),
                    None => match &self.settings.credit_signs {
                        Some(python) => python.bind(py).call1((&objs[i].0,))?.extract()?,
                        None => return Ok(None),
                    },
                };
                for sign in signs {
                    out[i].push(names.format(format_args!("credit:{sign}")));
                }
            }
        }
        let lists = out
            .iter()
            .map(|ev| PyList::new(py, ev.iter().map(|&k| &names.made[k as usize])))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Some((lists, clocks)))
    }
}

impl Settings {
    /// `evidence._clock_neighbours`: the clock names of the lines around each line, and how
    /// many timed lines stand within `clock_window` of it.
    fn clock_neighbours(&self, out: &mut [Vec<u32>], names: &mut Names<'_>) -> Vec<usize> {
        let n = out.len();
        let w = self.clock_window;
        let clock = names.id("sign:clock");
        let (prev, prev2, next) =
            (names.id("prev:sign:clock"), names.id("prev2:sign:clock"), names.id("next:sign:clock"));
        let buckets: Vec<(usize, u32)> =
            self.clock_buckets.iter().map(|(top, b)| (*top, names.id(b))).collect();
        let top = names.id(&self.clock_top);
        let has: Vec<usize> = out.iter().map(|ev| usize::from(ev.contains(&clock))).collect();
        let mut near: usize = has[..(w + 1).min(n)].iter().sum();
        let mut counts = Vec::with_capacity(n);
        for i in 0..n {
            if i > 0 {
                if i + w < n {
                    near += has[i + w];
                }
                if i > w {
                    near -= has[i - w - 1];
                }
            }
            let ev = &mut out[i];
            if i > 0 && has[i - 1] == 1 {
                ev.push(prev);
            }
            if i > 1 && has[i - 2] == 1 {
                ev.push(prev2);
            }
            if i + 1 < n && has[i + 1] == 1 {
                ev.push(next);
            }
            let others = near - has[i];
            counts.push(others);
            ev.push(buckets.iter().find(|(b, _)| others <= *b).map_or(top, |&(_, k)| k));
        }
        counts
    }
}
