//! `boilerstrip._native`: the compiled passes of boilerstrip: measurement here, the
//! context-free pass's cue rules in [`rules`] (`boilerstrip.verdicts.judge_page`), evidence in
//! [`evidence`] (with [`credits`]), the fitted weighing step in [`weigh`]
//! (`boilerstrip.engine.weigh`), and py3langid's classifier in [`langid`]
//! (`boilerstrip.langid.identify`).
//!
//! [`Measurer::measure`] is `boilerstrip.features.measure` for one page: it folds and
//! tokenises every line, chooses the page's stoplist and returns the same `Features`
//! objects, built by calling the Python class.  Python stays the reference: where this
//! pass cannot be sure of Python's answer it asks Python (a line whose NFKC is not done
//! character by character goes to `normalize.fold`) or gives the page back (`None`: a
//! line holding a lone surrogate, which no Rust string can hold), and the Python pass
//! measures it.  Nothing here panics on input: every index is checked, nothing recurses.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyList, PyString, PyTuple};

mod chars;
mod credits;
mod evidence;
mod fold;
mod langid;
mod line;
mod rules;
mod tables;
mod weigh;

use fold::Translation;

/// The compiled `features.measure`, holding what it needs from Python once.
#[pyclass(frozen, module = "boilerstrip._native")]
struct Measurer {
    /// `features.Features`, called for every line.
    features: Py<PyAny>,
    /// The lexicons' `scan`, which every `Features` carries.
    scan: Py<PyAny>,
    /// `normalize.fold`, for the lines this pass cannot fold itself.
    fold: Py<PyAny>,
    translation: Translation,
    date_words: FxHashSet<String>,
    /// Stopword -> indices of the stoplists that hold it (`language._index`).
    stop_index: FxHashMap<String, Vec<usize>>,
    /// Each stoplist's words: the chosen one is asked about every token of the page, and a
    /// set of a few hundred words stays in the cache where the index of all does not.
    stoplists: Vec<FxHashSet<String>>,
    /// `language.SAMPLE_TOKENS`.
    sample_tokens: usize,
}

/// The thresholds of `Config` that the pass reads.
#[derive(Clone, Copy)]
struct Limits {
    prefix: usize,
    date_max_words: usize,
    date_token_share: f64,
    date_token_share_with_pattern: f64,
}

/// What `Measurer::measure` returns: every line's `Features` and the stoplist chosen, or
/// `None` for a page given back to Python.
type Measured<'py> = Option<(Vec<Bound<'py, PyAny>>, Option<usize>)>;

/// A line folded, with the text its features are read from.
struct Prepared<'a> {
    raw: &'a str,
    raw_chars: usize,
    text: &'a str,
    folded: String,
}

fn as_str<'a>(bytes: &'a Bound<'_, PyBytes>) -> Option<&'a str> {
    std::str::from_utf8(bytes.as_bytes()).ok()
}

fn py_bool(py: Python<'_>, b: bool) -> Bound<'_, PyAny> {
    PyBool::new(py, b).to_owned().into_any()
}

impl Measurer {
    /// Python's `fold` of a line; `None` if Python returns a text no Rust string holds.
    fn py_fold(&self, py: Python<'_>, text: &str) -> PyResult<Option<String>> {
        let out = self.fold.bind(py).call1((PyString::new(py, text),))?;
        let encoded = out.cast_into::<PyString>()?.encode_utf8();
        Ok(encoded.ok().as_ref().and_then(as_str).map(str::to_owned))
    }

    /// `language.choose_stoplist`: the stoplist holding most of the sample's tokens, the
    /// first of the tied ones; `None` when no token is a stopword.
    fn choose_stoplist(&self, sample: &[&str]) -> Option<usize> {
        // counted first, as Python does, so that a token met a hundred times is looked up once
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for tok in sample {
            *counts.entry(tok).or_insert(0) += 1;
        }
        let mut votes: FxHashMap<usize, usize> = FxHashMap::default();
        for (tok, n) in counts {
            for &i in self.stop_index.get(tok).map_or(&[][..], Vec::as_slice) {
                *votes.entry(i).or_insert(0) += n;
            }
        }
        votes.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(i, _)| i)
    }

    fn is_stop(&self, best: Option<usize>, token: &str) -> bool {
        best.and_then(|b| self.stoplists.get(b)).is_some_and(|words| words.contains(token))
    }

    /// `features.measure`'s date test: mostly numbers and date words, with something only
    /// a date has.
    fn date_like(&self, tokens: &[&str], folded: &str, n: usize, limits: Limits) -> bool {
        let hits = tokens.iter().filter(|t| self.date_words.contains(**t) || line::date_number(t)).count();
        let chars: Vec<char> = folded.chars().collect();
        let pattern = line::time_or_date(&chars);
        let datey = pattern || tokens.iter().any(|t| self.date_words.contains(*t) || line::is_year(t));
        let share = hits as f64 / n as f64;
        datey
            && (share >= limits.date_token_share
                || (pattern && share >= limits.date_token_share_with_pattern))
    }
}

#[pymethods]
impl Measurer {
    #[new]
    #[pyo3(signature = (features, scan, fold, table, date_words, stoplists, sample_tokens))]
    fn new(
        features: Py<PyAny>,
        scan: Py<PyAny>,
        fold: Py<PyAny>,
        table: HashMap<u32, Option<String>>,
        date_words: Vec<String>,
        stoplists: Vec<Vec<String>>,
        sample_tokens: usize,
    ) -> PyResult<Self> {
        let mut entries = Vec::with_capacity(table.len());
        for (cp, to) in table {
            let c = char::from_u32(cp).ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err(format!("not a character: {cp:#x}"))
            })?;
            entries.push((c, to.unwrap_or_default()));
        }
        let translation = Translation::new(entries)
            .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("translation table too large"))?;
        let mut stop_index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, words) in stoplists.iter().enumerate() {
            for w in words {
                stop_index.entry(w.clone()).or_default().push(i);
            }
        }
        let stoplists = stoplists.into_iter().map(|words| words.into_iter().collect()).collect();
        let date_words = date_words.into_iter().collect();
        Ok(Measurer { features, scan, fold, translation, date_words, stop_index, stoplists, sample_tokens })
    }

    /// `normalize.fold(text)` where this pass is sure of it, else `None` (a lone surrogate,
    /// or NFKC that is not done character by character).
    fn fold(&self, text: &Bound<'_, PyString>) -> Option<String> {
        let encoded = text.encode_utf8().ok()?;
        fold::fold(as_str(&encoded)?, &self.translation)
    }

    /// `features.measure(lines, lex, cfg)` for one page: the `Features` of every line and the
    /// index of the stoplist chosen, or `None` when the page holds a text no Rust string can
    /// (a lone surrogate): Python measures it then.
    #[pyo3(signature = (lines, prefix, date_max_words, date_token_share, date_token_share_with_pattern))]
    fn measure<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'py, PyList>,
        prefix: usize,
        date_max_words: usize,
        date_token_share: f64,
        date_token_share_with_pattern: f64,
    ) -> PyResult<Measured<'py>> {
        let limits = Limits { prefix, date_max_words, date_token_share, date_token_share_with_pattern };
        let raws: Vec<Bound<'py, PyAny>> = lines.iter().collect();
        let mut texts = Vec::with_capacity(raws.len());
        let mut encoded = Vec::with_capacity(raws.len());
        for raw in &raws {
            let text = raw.getattr(intern!(py, "text"))?.cast_into::<PyString>()?;
            let Ok(bytes) = text.encode_utf8() else { return Ok(None) };
            texts.push(text);
            encoded.push(bytes);
        }
        let mut prepared = Vec::with_capacity(raws.len());
        for bytes in &encoded {
            let Some(raw) = as_str(bytes) else { return Ok(None) };
            let text = chars::py_strip(chars::char_prefix(raw, prefix));
            let folded = match fold::fold(text, &self.translation) {
                Some(f) => f,
                None => match self.py_fold(py, text)? {
                    Some(f) => f,
                    None => return Ok(None),
                },
            };
            prepared.push(Prepared { raw, raw_chars: raw.chars().count(), text, folded });
        }
        // the first tokens of the page choose its stoplist; only their lines keep them
        let mut sample: Vec<&str> = Vec::new();
        let mut kept: Vec<Option<Vec<&str>>> = Vec::with_capacity(prepared.len());
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        let mut cores = Vec::with_capacity(prepared.len());
        for p in &prepared {
            let core = line::core(&p.folded);
            if !core.is_empty() {
                *counts.entry(core).or_insert(0) += 1;
            }
            cores.push(core);
            if sample.len() < self.sample_tokens {
                let tokens = line::words(&p.folded);
                sample.extend_from_slice(&tokens);
                kept.push(Some(tokens));
            } else {
                kept.push(None);
            }
        }
        let best = self.choose_stoplist(&sample[..sample.len().min(self.sample_tokens)]);
        let features = self.features.bind(py);
        let scan = self.scan.bind(py);
        let mut out = Vec::with_capacity(prepared.len());
        for (i, p) in prepared.iter().enumerate() {
            let measured;
            let tokens: &[&str] = match &kept[i] {
                Some(t) => t,
                None => {
                    measured = line::words(&p.folded);
                    &measured
                }
            };
            let row = self.row(py, p, tokens, cores[i], &counts, best, limits, &texts[i])?;
            let raw = &raws[i];
            let mut items = row;
            items.push(raw.getattr(intern!(py, "link_density"))?);
            items.push(raw.getattr(intern!(py, "cues"))?);
            items.push(scan.clone());
            out.push(features.call1(PyTuple::new(py, items)?)?);
        }
        Ok(Some((out, best)))
    }
}

impl Measurer {
    /// The first seventeen fields of a line's `Features`, in the class's order.
    #[allow(clippy::too_many_arguments)]
    fn row<'py>(
        &self,
        py: Python<'py>,
        p: &Prepared<'_>,
        tokens: &[&str],
        core: &str,
        counts: &FxHashMap<&str, usize>,
        best: Option<usize>,
        limits: Limits,
        raw_text: &Bound<'py, PyString>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let folded = p.folded.as_str();
        let unspaced = if folded.is_ascii() { 0 } else { line::unspaced(folded) / 2 };
        let n = tokens.len() + unspaced;
        let stops = tokens.iter().filter(|t| self.is_stop(best, t)).count();
        let has_digit = line::has_digit(folded);
        let date_like =
            n > 0 && n <= limits.date_max_words && has_digit && self.date_like(tokens, folded, n, limits);
        let long = p.raw_chars > limits.prefix;
        let full = if long { chars::py_strip(p.raw) } else { p.text };
        let full_chars = full.chars().count();
        let tail: Vec<char> = {
            let mut t: Vec<char> = full.chars().rev().take(line::TAIL_CHARS).collect();
            t.reverse();
            t
        };
        let (terminal, full_stop, ellipsis) = line::sentence_ends(&tail);
        let text_chars: Vec<char> = p.text.chars().collect();
        let (bullet, numbered) = line::list_item(&text_chars);
        let separators = if p.text.contains(['|', '•', '·']) { line::separators(&text_chars) } else { 0 };
        let words = if long { n.max(p.raw_chars / 6) } else { n };
        let repeats = if core.is_empty() { 0 } else { counts.get(core).copied().unwrap_or(0) };
        // the same text as the line's is handed back as the line's own string
        let full_obj: Bound<'py, PyAny> = if full.len() == p.raw.len() {
            raw_text.clone().into_any()
        } else {
            PyString::new(py, full).into_any()
        };
        let folded_obj = if folded == full { full_obj.clone() } else { PyString::new(py, folded).into_any() };
        let core_obj =
            if core.len() == folded.len() { folded_obj.clone() } else { PyString::new(py, core).into_any() };
        let stop_density = if n > 0 { stops as f64 / n as f64 } else { 0.0 };
        Ok(vec![
            full_obj,
            folded_obj,
            core_obj,
            full_chars.into_pyobject(py)?.into_any(),
            words.into_pyobject(py)?.into_any(),
            py_bool(py, bullet),
            py_bool(py, numbered),
            py_bool(py, terminal),
            py_bool(py, full_stop),
            py_bool(py, ellipsis),
            py_bool(py, line::colon_end(full)),
            PyFloat::new(py, stop_density).into_any(),
            py_bool(py, date_like),
            py_bool(py, has_digit),
            separators.into_pyobject(py)?.into_any(),
            repeats.into_pyobject(py)?.into_any(),
            py_bool(py, folded.is_empty()),
        ])
    }
}

/// Every run of the tables' values masked by `mask`: `(first code point, value)`.
#[pyfunction]
fn table_runs(mask: u32) -> Vec<(u32, u32)> {
    chars::masked_runs(mask)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Measurer>()?;
    m.add_class::<evidence::Evidencer>()?;
    m.add_class::<weigh::Weigher>()?;
    m.add_class::<rules::Judge>()?;
    m.add("RULE_NAMES", rules::RULE_NAMES.to_vec())?;
    m.add("SHAPE_NAMES", rules::SHAPE_NAMES.to_vec())?;
    m.add_class::<langid::LanguageIdentifier>()?;
    m.add_function(wrap_pyfunction!(table_runs, m)?)?;
    m.add("UNIDATA_VERSION", tables::UNIDATA_VERSION)?;
    m.add("REGEX_VERSION", tables::REGEX_VERSION)?;
    Ok(())
}
