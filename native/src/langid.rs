//! py3langid's `LanguageIdentifier.classify` with `norm_probs=True`: `boilerstrip.langid.identify`.
//!
//! The model is py3langid's own: `boilerstrip.langid` reads its arrays from the loaded
//! identifier at first use and hands them here as little-endian bytes (nothing of the model
//! is kept in the repository).  [`LanguageIdentifier::classify`] follows py3langid 0.4.0 step
//! by step:
//!
//! - `_encode`: the text lowercased where `str.isupper()`, then NFC, then UTF-8 with
//!   `surrogatepass`.  Those three are Python's own (`str.isupper`, `str.lower`,
//!   `unicodedata.normalize`, `str.encode`, called on the string), since Rust's Unicode
//!   follows another version; an ASCII text, where all three are plain byte rules, is done
//!   here without them.
//! - `visit_counts`: the DFA walk over the bytes, `state = nextmove[rowbase[state] + byte]`
//!   from state 0, counting `output[state]` where it is not negative.
//! - `_sparse_score`: `log1p(counts) @ nb_ptc[features] + nb_pc` in float32; with no feature
//!   at all every score is 0.0 (not `nb_pc`), as py3langid gives under `norm_probs`.
//! - the softmax at temperature `sqrt(len(bytes) or 1)`: scores times `float32(1 / sqrt(n))`,
//!   `exp(s - max)`, divided by their sum; then each alias pair `(i, j)` (a label met twice,
//!   `sr` and `uz`) folded: `s[i] += s[j]`, `s[j] = 0`; then numpy's `argmax` (the first
//!   maximum, or the first NaN).
//!
//! The code is py3langid's; the probability is equal to within 1e-5, not bit for bit: numpy
//! sums the matrix product in float32 in the order its BLAS chooses (blocks of features,
//! FMA, another order on another processor), which cannot be followed here, so the product
//! is summed in float64 and rounded to float32 once, the exact sum's nearest float32.  On the
//! 3,384 texts of `tests/test_native_langid.py`'s corpora the probability is then within 1e-5
//! of py3langid's on all but one, an unsure text (0.458) where numpy's own float32 sum is off
//! the exact one by 1.7e-5; summed in float32 in py3langid's order of features it was off by
//! up to 5e-5.  The exponentials and the softmax's sum are likewise taken in float64 and
//! rounded.
//!
//! Nothing here panics on input: the model's shapes and every index it holds are checked when
//! the identifier is made (a model that fails is refused with `ValueError`, and Python keeps
//! py3langid), and every read is checked again where it is made.

use rustc_hash::FxHashMap;

use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// The model of a py3langid identifier, and what `_encode` calls in Python.
#[pyclass(frozen, module = "boilerstrip._native")]
pub struct LanguageIdentifier {
    /// `tk_nextmove`: the DFA's distinct 256-byte rows, one after the other.
    nextmove: Vec<u32>,
    /// Each state's row offset into `nextmove` (`_rowbase`: `tk_row[state] << 8`) and its
    /// feature (`tk_output`, negative for none), side by side: one read of the walk.
    states: Vec<(u32, i32)>,
    /// `nb_ptc`, features by classes, as float16 bits.
    ptc: Vec<u16>,
    /// `nb_pc`, one per class.
    pc: Vec<f32>,
    /// `nb_classes`: the very strings py3langid returns.
    classes: Vec<Py<PyString>>,
    /// `_alias_pairs`: (first, dupe) columns of a label met twice.
    aliases: Vec<(usize, usize)>,
    /// `unicodedata.normalize`.
    normalize: Py<PyAny>,
}

/// The parts of a text the DFA walks side by side (see [`LanguageIdentifier::hits`]).
const LANES: usize = 8;
/// The bytes a part after the first is walked from state 0 before its own.
const WARMUP: usize = 16;

fn invalid(message: String) -> PyErr {
    PyValueError::new_err(message)
}

/// Little-endian words of `N` bytes, or an error when the length is not a multiple of `N`.
fn words<const N: usize, T>(bytes: &[u8], name: &str, from: fn([u8; N]) -> T) -> PyResult<Vec<T>> {
    if bytes.len() % N != 0 {
        return Err(invalid(format!(
            "{name}: {} bytes is not a whole number of {N}-byte values",
            bytes.len()
        )));
    }
    let mut out = Vec::with_capacity(bytes.len() / N);
    for chunk in bytes.chunks_exact(N) {
        let mut word = [0u8; N];
        word.copy_from_slice(chunk);
        out.push(from(word));
    }
    Ok(out)
}

/// A float16's value, exactly (the model's are checked finite, so there is no infinity or
/// NaN to carry): its exponent and mantissa moved into a float32's and scaled by 2^112,
/// which maps the subnormals too.
#[inline]
fn half(h: u16) -> f32 {
    let h = u32::from(h);
    let magnitude = f32::from_bits((h & 0x7fff) << 13) * f32::from_bits(0x7780_0000);
    f32::from_bits(magnitude.to_bits() | ((h & 0x8000) << 16))
}

/// numpy's `argmax`: the first maximum, or the first NaN; 0 for no values.
fn argmax(values: &[f32]) -> usize {
    let mut arg = 0;
    let mut best = f32::NEG_INFINITY;
    for (i, &v) in values.iter().enumerate() {
        if v.is_nan() {
            return i;
        }
        if i == 0 || v > best {
            arg = i;
            best = v;
        }
    }
    arg
}

/// numpy's `max`: NaN where one is.
fn max(values: &[f32]) -> f32 {
    let mut best = f32::NEG_INFINITY;
    for &v in values {
        if v.is_nan() {
            return v;
        }
        if v > best {
            best = v;
        }
    }
    best
}

/// Python's `str.isupper()` of an ASCII text: an upper-case letter and no lower-case one.
fn ascii_isupper(text: &[u8]) -> bool {
    text.iter().any(u8::is_ascii_uppercase) && !text.iter().any(u8::is_ascii_lowercase)
}

impl LanguageIdentifier {
    /// py3langid's `_encode` of a `str`: the bytes the DFA walks.
    fn encode(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
        let py = text.py();
        if let Ok(s) = text.to_str() {
            if s.is_ascii() {
                // NFC leaves ASCII alone, and `lower` and `isupper` are byte rules on it
                let bytes = s.as_bytes();
                return Ok(if ascii_isupper(bytes) { bytes.to_ascii_lowercase() } else { bytes.to_vec() });
            }
        }
        // a text with other characters (or lone surrogates, which `to_str` refuses)
        let mut text = text.clone().into_any();
        if text.call_method0(intern!(py, "isupper"))?.is_truthy()? {
            text = text.call_method0(intern!(py, "lower"))?;
        }
        let text = self.normalize.bind(py).call1((intern!(py, "NFC"), text))?;
        let encoded =
            text.call_method1(intern!(py, "encode"), (intern!(py, "utf-8"), intern!(py, "surrogatepass")))?;
        Ok(encoded.cast_into::<PyBytes>()?.as_bytes().to_vec())
    }

    /// One step of the DFA from a state of row offset `base` on `byte`: the next state, its
    /// row offset and its feature (negative for none).
    #[inline]
    fn step(&self, base: u32, byte: u8) -> PyResult<(u32, u32, i32)> {
        let Some(&next) = self.nextmove.get(base as usize + usize::from(byte)) else {
            return Err(invalid(format!("row offset {base} has no move for byte {byte}")));
        };
        let Some(&(base, feature)) = self.states.get(next as usize) else {
            return Err(invalid(format!("DFA state {next} out of range")));
        };
        Ok((next, base, feature))
    }

    /// The DFA walked over `bytes` from `at` (a state and its row offset): the features met are
    /// pushed on `hits`, and the last state returned.
    fn walk(&self, at: (u32, u32), bytes: &[u8], hits: &mut Vec<u32>) -> PyResult<(u32, u32)> {
        let (mut state, mut base) = at;
        for &byte in bytes {
            let feature;
            (state, base, feature) = self.step(base, byte)?;
            if let Ok(feature) = u32::try_from(feature) {
                hits.push(feature);
            }
        }
        Ok((state, base))
    }

    /// The features that `visit_counts`'s walk over `bytes` meets, in the order it meets them:
    /// those of each part of the text in turn (at most one a byte).
    ///
    /// The walk is one chain of dependent reads in a table of tens of megabytes, most of them
    /// misses of the caches between one page and the next.  So the text is cut into [`LANES`]
    /// parts walked side by side, the reads of each lane waiting on the memory alongside the
    /// others'.  A part after the first starts in state 0 [`WARMUP`] bytes before its first
    /// byte, which puts it in the state the whole walk has there, the DFA being the
    /// Aho-Corasick automaton of the model's byte n-grams (its state, the longest n-gram
    /// prefix ending at the byte, is shorter than the warm-up).  That is checked on every
    /// part, not assumed: a part whose state at its first byte is not the one the part before
    /// ends in is walked again from that state, so the features are the single walk's whatever
    /// the model.
    fn hits(&self, bytes: &[u8]) -> PyResult<Vec<Vec<u32>>> {
        let start = (0, self.states.first().map_or(0, |s| s.0));
        let part = bytes.len() / LANES;
        if part < 4 * WARMUP {
            let mut hits = Vec::with_capacity(bytes.len());
            self.walk(start, bytes, &mut hits)?;
            return Ok(vec![hits]);
        }
        // lane k walks bytes[from[k] - WARMUP .. to[k]] (lane 0 from 0), keeping what it meets
        // from `from[k]` on
        let from: [usize; LANES] = std::array::from_fn(|k| k * part);
        let to: [usize; LANES] =
            std::array::from_fn(|k| if k + 1 == LANES { bytes.len() } else { (k + 1) * part });
        let mut pos: [usize; LANES] = std::array::from_fn(|k| from[k].saturating_sub(WARMUP));
        let mut at = [start; LANES];
        let mut entered = [start; LANES];
        let mut lanes: Vec<Vec<u32>> = (0..LANES).map(|_| Vec::with_capacity(part + LANES)).collect();
        loop {
            let mut active = false;
            for k in 0..LANES {
                let i = pos[k];
                if i >= to[k] {
                    continue;
                }
                active = true;
                if i == from[k] {
                    entered[k] = at[k];
                }
                let (state, base, feature) = self.step(at[k].1, bytes.get(i).copied().unwrap_or(0))?;
                at[k] = (state, base);
                if i >= from[k] {
                    if let (Ok(feature), Some(lane)) = (u32::try_from(feature), lanes.get_mut(k)) {
                        lane.push(feature);
                    }
                }
                pos[k] = i + 1;
            }
            if !active {
                break;
            }
        }
        let mut last = start;
        for (k, lane) in lanes.iter_mut().enumerate() {
            if k > 0 && entered[k].0 != last.0 {
                lane.clear();
                at[k] = self.walk(last, bytes.get(from[k]..to[k]).unwrap_or(&[]), lane)?;
            }
            last = at[k];
        }
        Ok(lanes)
    }

    /// `visit_counts`: each feature the DFA emits over `bytes` and how often, in the order
    /// first met.
    fn visits(&self, bytes: &[u8]) -> PyResult<Vec<(usize, u64)>> {
        let mut seen: FxHashMap<u32, usize> = FxHashMap::default();
        let mut counts: Vec<(usize, u64)> = Vec::new();
        for feature in self.hits(bytes)?.into_iter().flatten() {
            let slot = *seen.entry(feature).or_insert(counts.len());
            match counts.get_mut(slot) {
                Some(entry) => entry.1 += 1,
                None => counts.push((feature as usize, 1)),
            }
        }
        Ok(counts)
    }

    /// `_raw_score`: `log1p(counts) @ nb_ptc[features] + nb_pc` (the product summed in float64;
    /// see the module's notes), or zeros where the text has no feature.
    fn raw_scores(&self, visits: &[(usize, u64)]) -> PyResult<Vec<f32>> {
        let n = self.pc.len();
        if visits.is_empty() {
            return Ok(vec![0.0; n]);
        }
        // The rows are read once each from a table of tens of megabytes, mostly misses of the
        // caches, and a row's products are too many instructions for the processor to reach the
        // next row's reads while it waits: so every line of every row is read first, in a loop
        // short enough that the reads wait on the memory together.
        let mut touched = 0u16;
        for &(feature, _) in visits {
            let start = feature * n;
            for i in (start..start + n).step_by(32).chain(std::iter::once(start + n - 1)) {
                touched ^= self.ptc.get(i).copied().unwrap_or(0);
            }
        }
        std::hint::black_box(touched);
        let mut sums = vec![0.0f64; n];
        for &(feature, count) in visits {
            // numpy holds the counts as float32 and takes log1p in float32 (here in float64,
            // rounded)
            let weight = f64::from((f64::from(count as f32)).ln_1p() as f32);
            let start = feature * n;
            let Some(row) = self.ptc.get(start..start + n) else {
                return Err(invalid(format!("feature {feature} out of range")));
            };
            for (sum, &h) in sums.iter_mut().zip(row) {
                *sum += weight * f64::from(half(h));
            }
        }
        Ok(sums.iter().zip(&self.pc).map(|(&s, &pc)| s as f32 + pc).collect())
    }

    /// `_decide` then `classify`: the best class's index and its probability.
    fn decide(&self, bytes: &[u8]) -> PyResult<(usize, f32)> {
        let mut scores = self.raw_scores(&self.visits(bytes)?)?;
        // `scores *= 1.0 / math.sqrt(len(text) or 1)`: a float64 factor, applied as float32
        let factor = (1.0 / (bytes.len().max(1) as f64).sqrt()) as f32;
        for s in scores.iter_mut() {
            *s *= factor;
        }
        let top = max(&scores);
        for s in scores.iter_mut() {
            *s = f64::from(*s - top).exp() as f32;
        }
        let total = scores.iter().map(|&s| f64::from(s)).sum::<f64>() as f32;
        for s in scores.iter_mut() {
            *s /= total;
        }
        for &(i, j) in &self.aliases {
            let (Some(&first), Some(&dupe)) = (scores.get(i), scores.get(j)) else {
                return Err(invalid(format!("alias pair ({i}, {j}) out of range")));
            };
            scores[i] = first + dupe;
            scores[j] = 0.0;
        }
        let best = argmax(&scores);
        Ok((best, scores.get(best).copied().unwrap_or(f32::NAN)))
    }
}

#[pymethods]
impl LanguageIdentifier {
    /// The identifier of py3langid's arrays: `nextmove` (`tk_nextmove`), `rowbase` (`_rowbase`)
    /// as unsigned 32-bit words, `output` (`tk_output`) as signed ones, `ptc` (`nb_ptc`, C
    /// order) as float16, `pc` (`nb_pc`) as float32, all little-endian; `classes`
    /// (`nb_classes`) and `aliases` (`_alias_pairs`).  `ValueError` where they do not fit
    /// together.
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (nextmove, rowbase, output, ptc, pc, classes, aliases))]
    fn new(
        py: Python<'_>,
        nextmove: &[u8],
        rowbase: &[u8],
        output: &[u8],
        ptc: &[u8],
        pc: &[u8],
        classes: Vec<Py<PyString>>,
        aliases: Vec<(usize, usize)>,
    ) -> PyResult<Self> {
        let nextmove = words(nextmove, "nextmove", u32::from_le_bytes)?;
        let rowbase = words(rowbase, "rowbase", u32::from_le_bytes)?;
        let output = words(output, "output", i32::from_le_bytes)?;
        let ptc = words(ptc, "ptc", u16::from_le_bytes)?;
        let pc = words(pc, "pc", f32::from_le_bytes)?;
        let n = pc.len();
        if n == 0 || classes.len() != n {
            return Err(invalid(format!("{} classes for {n} class priors", classes.len())));
        }
        if ptc.len() % n != 0 {
            return Err(invalid(format!("ptc: {} values is not a whole number of rows of {n}", ptc.len())));
        }
        let features = ptc.len() / n;
        let states = rowbase.len();
        if states == 0 || output.len() != states {
            return Err(invalid(format!("{} row offsets for {} outputs", states, output.len())));
        }
        if let Some(&base) = rowbase.iter().find(|&&b| (b as usize).saturating_add(256) > nextmove.len()) {
            return Err(invalid(format!("row offset {base} past the {} moves", nextmove.len())));
        }
        if let Some(&to) = nextmove.iter().find(|&&s| s as usize >= states) {
            return Err(invalid(format!("a move to state {to} of {states}")));
        }
        if let Some(&f) = output.iter().find(|&&f| usize::try_from(f).is_ok_and(|f| f >= features)) {
            return Err(invalid(format!("output feature {f} of {features}")));
        }
        if ptc.iter().any(|&h| h & 0x7c00 == 0x7c00) || pc.iter().any(|p| !p.is_finite()) {
            return Err(invalid("the model holds an infinity or a NaN".to_owned()));
        }
        if let Some(&(i, j)) = aliases.iter().find(|&&(i, j)| i >= n || j >= n) {
            return Err(invalid(format!("alias pair ({i}, {j}) of {n} classes")));
        }
        let normalize = py.import(intern!(py, "unicodedata"))?.getattr(intern!(py, "normalize"))?.unbind();
        let states = rowbase.into_iter().zip(output).collect();
        Ok(LanguageIdentifier { nextmove, states, ptc, pc, classes, aliases, normalize })
    }

    /// `classify(text)`: `(language, probability)` as py3langid's `classify` gives them (the
    /// probability to within 1e-5).
    fn classify(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<(Py<PyString>, f64)> {
        let bytes = self.encode(text)?;
        let (best, probability) = self.decide(&bytes)?;
        let Some(code) = self.classes.get(best) else {
            return Err(invalid(format!("class {best} out of range")));
        };
        Ok((code.clone_ref(py), f64::from(probability)))
    }
}
