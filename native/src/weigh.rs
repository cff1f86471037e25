//! The compiled fitted weighing step: `boilerstrip.engine.weigh` without the `Line`s.
//!
//! [`Weigher::weigh`] does for one page what `Weights.encode`, `Weights.line_scores`,
//! `decoding.viterbi` and `decoding.explain_page` do together, and returns what they
//! return: the best path's label indices, each line's explanation (tuples of the very
//! `(name, weight)` pair objects that `Weights.pair_table` holds) and each line's strongest
//! evidence name.  Python stays the reference, so everything here follows its arithmetic
//! step by step:
//!
//! - a line's score for a label is `((0.0 + w1) + w2) + ...`, its names in their order, a
//!   name without weights adding the zero row, as `line_scores` adds one position at a time;
//! - the decoder's sums are taken as numpy takes them (`best[x] + moves[x, y]`, then `+ emit`),
//!   and every choice is numpy's `argmax`: the first maximum, or the first NaN where one is;
//! - the explanations are one stable sort by rank of each line's entries, as `explain_page`'s
//!   stable sort of the page's (line, rank) keys; the strongest is the first entry of the
//!   greatest weight (`None` where that is not above zero, or where a NaN propagates).
//!
//! The tables come from Python once per set of weights (the chains from `decoding._chain` and
//! `decoding._body_chain`, so that the chain has one definition).  Nothing here panics on
//! input: the tables' shapes are checked when the `Weigher` is made, every index read from
//! them or from a page is checked where it is used, and nothing recurses.  A page that this
//! pass cannot read exactly (a name that is not a `str`, or one holding a lone surrogate,
//! which no Rust string holds; evidence or lines that are not lists) is given back (`None`),
//! and Python weighs it.

use rustc_hash::FxHashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

/// One decoder chain (`decoding._chain` or `decoding._body_chain`): its states' labels, the
/// moves between states transposed (`into[y * n + x]` is Python's `moves[x][y]`, so that the
/// candidates of one state are one contiguous slice), and what a path pays to start and to end
/// in each state.
struct Chain {
    states: Vec<usize>,
    into: Vec<f64>,
    start: Vec<f64>,
    end: Vec<f64>,
}

/// The tables as Python lists: `(states, moves, start, end)`.
type ChainLists = (Vec<usize>, Vec<Vec<f64>>, Vec<f64>, Vec<f64>);

impl Chain {
    /// The chain of Python's lists, checked against the number of labels `k`.
    fn new((states, moves, start, end): ChainLists, k: usize) -> PyResult<Self> {
        let n = states.len();
        if let Some(bad) = states.iter().find(|&&s| s >= k) {
            return Err(PyValueError::new_err(format!("chain state {bad} is not one of {k} labels")));
        }
        if moves.len() != n || moves.iter().any(|row| row.len() != n) || start.len() != n || end.len() != n {
            return Err(PyValueError::new_err(format!("the chain's tables must be over its {n} states")));
        }
        let mut into = vec![0.0; n * n];
        for (x, row) in moves.iter().enumerate() {
            for (y, &w) in row.iter().enumerate() {
                let at = get_mut(&mut into, y * n + x)?;
                *at = w;
            }
        }
        Ok(Chain { states, into, start, end })
    }
}

/// `slice[i]`, or an error instead of a panic.
fn get<T: Copy>(slice: &[T], i: usize) -> PyResult<T> {
    slice.get(i).copied().ok_or_else(|| PyValueError::new_err(format!("index {i} out of range")))
}

/// `&mut slice[i]`, or an error instead of a panic.
fn get_mut<T>(slice: &mut [T], i: usize) -> PyResult<&mut T> {
    slice.get_mut(i).ok_or_else(|| PyValueError::new_err(format!("index {i} out of range")))
}

/// numpy's `argmax` of what `values` yields: the index of the first maximum, or of the first
/// NaN where one is (numpy propagates NaN); 0 for no values.  Returns the value too.
fn argmax(values: impl Iterator<Item = f64>) -> (usize, f64) {
    let mut arg = 0;
    let mut top = f64::NAN;
    for (i, v) in values.enumerate() {
        if i == 0 {
            top = v;
            if v.is_nan() {
                break;
            }
        } else if v > top || v.is_nan() {
            // numpy's own test, `!(v <= top)` (`top` is no NaN here): a greater value, or a NaN,
            // which ends the search
            arg = i;
            top = v;
            if v.is_nan() {
                break;
            }
        }
    }
    (arg, top)
}

/// `entries` in a stable sort by rank into `sorted`, as `explain_page`'s stable argsort of
/// (line, rank) keys orders a line.  Where every rank and position fits in 32 bits (`packed`:
/// always, but for tables of four billion names) the keys are `rank << 32 | position`, all
/// distinct, and an unstable sort of them, faster on a line's few dozen entries, gives the
/// stable order.  `keys` and `sorted` are buffers kept from line to line.
fn order(entries: &mut [Entry], keys: &mut Vec<u64>, sorted: &mut Vec<Entry>, packed: bool) {
    sorted.clear();
    if !packed || u32::try_from(entries.len()).is_err() {
        entries.sort_by_key(|e| e.rank);
        sorted.extend_from_slice(entries);
        return;
    }
    keys.clear();
    keys.extend(entries.iter().enumerate().map(|(p, e)| ((e.rank as u64) << 32) | p as u64));
    keys.sort_unstable();
    sorted.extend(keys.iter().filter_map(|&key| entries.get((key & 0xFFFF_FFFF) as usize).copied()));
}

/// Each line's mask of allowed labels (an index into the second, `None`: any label) and the
/// page's distinct masks, `true` for a label kept.
type Masks = (Vec<Option<usize>>, Vec<Vec<bool>>);

/// Each line's explanation (a tuple of `(name, weight)` pairs) and strongest name, if any.
type Explained<'py> = (Vec<Bound<'py, PyTuple>>, Vec<Option<Bound<'py, PyAny>>>);

/// What [`Weigher::weigh`] returns for a page: its path, explanations and strongest names.
type Weighed<'py> = (Vec<usize>, Vec<Bound<'py, PyTuple>>, Vec<Option<Bound<'py, PyAny>>>);

/// One entry of a line's explanation before the sort: its rank, its index into the pair table,
/// its weight as a candidate for the line's strongest evidence, and its row of the matrix.
#[derive(Clone, Copy)]
struct Entry {
    rank: usize,
    code: usize,
    weight: f64,
    row: usize,
}

/// The compiled `engine.weigh` for one set of `Weights`, holding its tables once.
#[pyclass(frozen, module = "boilerstrip._native")]
pub struct Weigher {
    /// The number of labels.
    k: usize,
    /// Each evidence name's row of `matrix` (`Weights.index`); a name not here takes the last row.
    index: FxHashMap<String, usize>,
    /// The row of the names without weights (`len(Weights.state)`).
    unknown: usize,
    /// `Weights.matrix`, row after row: `k` weights a row, the last row zeros.
    matrix: Vec<f64>,
    /// `Weights.ranks`, laid out as `matrix`.
    ranks: Vec<usize>,
    /// `Weights.ranks_top`.
    ranks_top: usize,
    /// `Weights.unruled`: per row, whether it is never a line's strongest evidence.
    unruled: Vec<bool>,
    /// Each row's evidence name (`list(Weights.state)`): the very objects the pairs hold first.
    names: Vec<Py<PyAny>>,
    /// `Weights.pair_table`: the `(name, weight)` pairs at `row * k + label`, then the
    /// transitions' at `moves_offset + a * k + b`.
    pairs: Vec<Py<PyAny>>,
    /// `Weights.moves_offset`.
    moves_offset: usize,
    /// `decoding._chain`'s tables.
    chain: Chain,
    /// The body label and `decoding._body_chain`'s tables, for the pages whose best path holds
    /// no body line; `None` where the labels hold no body or the missing-body cost is zero.
    body: Option<(usize, Chain)>,
}

#[pymethods]
impl Weigher {
    /// The tables of one `Weights`, as `decoding.compiled_weigher` hands them over.
    #[new]
    #[pyo3(signature = (names, matrix, ranks, unruled, pairs, chain, body))]
    fn new(
        names: Vec<Bound<'_, PyString>>,
        matrix: Vec<Vec<f64>>,
        ranks: Vec<Vec<usize>>,
        unruled: Vec<bool>,
        pairs: Vec<Py<PyAny>>,
        chain: ChainLists,
        body: Option<(usize, ChainLists)>,
    ) -> PyResult<Self> {
        let unknown = names.len();
        let rows = unknown + 1;
        let k = matrix.first().map_or(0, Vec::len);
        let shaped = |t: usize| t == rows;
        if !shaped(matrix.len()) || !shaped(ranks.len()) || !shaped(unruled.len()) {
            return Err(PyValueError::new_err(format!(
                "the tables must have {rows} rows, one a name and one more"
            )));
        }
        if matrix.iter().any(|r| r.len() != k) || ranks.iter().any(|r| r.len() != k) {
            return Err(PyValueError::new_err(format!("every row must hold {k} labels' values")));
        }
        let moves_offset = rows * k;
        if pairs.len() != moves_offset + k * k {
            return Err(PyValueError::new_err(format!(
                "the pair table must hold {} pairs, not {}",
                moves_offset + k * k,
                pairs.len()
            )));
        }
        let mut index = FxHashMap::default();
        for (i, name) in names.iter().enumerate() {
            // a name no Rust string holds stays out of the index: only a page holding one could
            // match it, and such a page is given back to Python
            if let Ok(text) = name.to_str() {
                index.insert(text.to_owned(), i);
            }
        }
        let ranks: Vec<usize> = ranks.into_iter().flatten().collect();
        let ranks_top = ranks.iter().copied().max().unwrap_or(0);
        let chain = Chain::new(chain, k)?;
        let body = match body {
            Some((label, lists)) if label < k => Some((label, Chain::new(lists, k)?)),
            Some((label, _)) => {
                return Err(PyValueError::new_err(format!("body label {label} is not one of {k}")))
            }
            None => None,
        };
        Ok(Weigher {
            k,
            index,
            unknown,
            matrix: matrix.into_iter().flatten().collect(),
            ranks,
            ranks_top,
            unruled,
            names: names.into_iter().map(|n| n.into_any().unbind()).collect(),
            pairs,
            moves_offset,
            chain,
            body,
        })
    }

    /// `engine.weigh`'s path, explanations and strongest names for one page: `evidence` holds
    /// each line's evidence names, `allowed` each line's allowed labels (`None`: any).  `None`
    /// gives the page back to Python (a name that is not a `str` or holds a lone surrogate).
    #[pyo3(signature = (evidence, allowed))]
    fn weigh<'py>(
        &self,
        py: Python<'py>,
        evidence: &Bound<'py, PyAny>,
        allowed: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Weighed<'py>>> {
        let Some((ids, starts)) = self.encode(evidence)? else { return Ok(None) };
        let n = starts.len() - 1;
        if n == 0 {
            return Ok(Some((Vec::new(), Vec::new(), Vec::new())));
        }
        if self.chain.states.is_empty() {
            return Ok(None); // no labels: Python's decoder says what it says of that
        }
        let (at, masks) = self.masks(allowed, n)?;
        let scores = self.scores(&ids, &starts, &at, &masks)?;
        let mut path = self.best(&self.chain, &scores, n)?;
        if let Some((label, body)) = &self.body {
            if !path.contains(label) {
                // the best path holds no body line and pays for it: decoded again over the
                // states doubled by "a body line came before", as `viterbi` does
                path = self.best(body, &scores, n)?;
            }
        }
        let (explained, strongest) = self.explain(py, &ids, &starts, &path)?;
        Ok(Some((path, explained, strongest)))
    }
}

impl Weigher {
    /// `Weights.encode`: the rows of the page's names, end to end, and where each line's start
    /// (one more than the lines, the last the end); `None` for a page given back to Python.
    fn encode(&self, evidence: &Bound<'_, PyAny>) -> PyResult<Option<(Vec<usize>, Vec<usize>)>> {
        let Ok(lines) = evidence.cast::<PyList>() else { return Ok(None) };
        let mut ids = Vec::new();
        let mut starts = Vec::with_capacity(lines.len() + 1);
        starts.push(0);
        // each name object met on the page and its row: a page holds a few hundred distinct
        // names (the evidence's strings are interned) among thousands, and an address is
        // cheaper to hash than the text.  The objects live in the page's lists for the call, and
        // no Python code runs meanwhile, so that an address stays one object's.
        let mut seen: FxHashMap<usize, usize> = FxHashMap::default();
        for line in lines.iter() {
            let Ok(names) = line.cast::<PyList>() else { return Ok(None) };
            for name in names.iter() {
                let address = name.as_ptr() as usize;
                let row = match seen.get(&address) {
                    Some(&row) => row,
                    None => {
                        let Ok(name) = name.cast::<PyString>() else { return Ok(None) };
                        let Ok(text) = name.to_str() else { return Ok(None) };
                        let row = self.index.get(text).copied().unwrap_or(self.unknown);
                        seen.insert(address, row);
                        row
                    }
                };
                ids.push(row);
            }
            starts.push(ids.len());
        }
        Ok(Some((ids, starts)))
    }

    /// Each line's allowed labels (`allowed[i]`, where given and not `None`) as a mask over the
    /// labels (`true`: kept), asked of the Python object as `viterbi` asks it (`j not in a`),
    /// once per distinct object of the page: the rules' constraints are a handful of shared
    /// sets.  Returns each line's mask, as an index into the masks returned beside.
    fn masks(&self, allowed: &Bound<'_, PyAny>, n: usize) -> PyResult<Masks> {
        let mut at = vec![None; n];
        let mut masks: Vec<Vec<bool>> = Vec::new();
        if allowed.is_none() {
            return Ok((at, masks));
        }
        let given: Vec<Bound<'_, PyAny>> = allowed.extract()?;
        // each distinct object, held so that its identity stays its own while the page is weighed
        let mut seen: Vec<Bound<'_, PyAny>> = Vec::new();
        for (slot, a) in at.iter_mut().zip(given) {
            if a.is_none() {
                continue;
            }
            let found = seen.iter().position(|obj| obj.is(&a));
            *slot = Some(match found {
                Some(i) => i,
                None => {
                    let mut mask = Vec::with_capacity(self.k);
                    for j in 0..self.k {
                        mask.push(a.contains(j)?);
                    }
                    masks.push(mask);
                    seen.push(a);
                    seen.len() - 1
                }
            });
        }
        Ok((at, masks))
    }

    /// `Weights.line_scores` with `viterbi`'s constraints: one row of `k` scores a line, each
    /// the sum of its names' weights in their order from `0.0`, and minus infinity for a label
    /// the line's constraint rules out.
    fn scores(
        &self,
        ids: &[usize],
        starts: &[usize],
        allowed: &[Option<usize>],
        masks: &[Vec<bool>],
    ) -> PyResult<Vec<f64>> {
        let k = self.k;
        let mut out = Vec::with_capacity((starts.len() - 1) * k);
        let mut row = vec![0.0f64; k];
        for (i, bounds) in starts.windows(2).enumerate() {
            let names =
                ids.get(bounds[0]..bounds[1]).ok_or_else(|| PyValueError::new_err("bad line bounds"))?;
            row.fill(0.0);
            for &id in names {
                let weights = self
                    .matrix
                    .get(id * k..(id + 1) * k)
                    .ok_or_else(|| PyValueError::new_err(format!("row {id} out of range")))?;
                for (total, &w) in row.iter_mut().zip(weights) {
                    *total += w;
                }
            }
            if let Some(m) = allowed.get(i).copied().flatten() {
                let mask = masks.get(m).ok_or_else(|| PyValueError::new_err("bad mask"))?;
                for (total, &kept) in row.iter_mut().zip(mask) {
                    if !kept {
                        *total = f64::NEG_INFINITY;
                    }
                }
            }
            out.extend_from_slice(&row);
        }
        Ok(out)
    }

    /// `decoding._best` over `chain` and `viterbi`'s mapping back to labels: the best path's
    /// label indices, `scores` holding `k` scores a line for `n` lines (`n > 0`).
    fn best(&self, chain: &Chain, scores: &[f64], n: usize) -> PyResult<Vec<usize>> {
        let k = self.k;
        let s = chain.states.len();
        let emit =
            |i: usize, state: usize| -> PyResult<f64> { get(scores, i * k + get(&chain.states, state)?) };
        let mut best = Vec::with_capacity(s);
        for (state, &start) in chain.start.iter().enumerate() {
            best.push(emit(0, state)? + start);
        }
        let mut next = vec![0.0f64; s];
        // the best state before each state of each line (the first line's row unused, as in Python)
        let mut back = vec![0u32; n * s];
        for i in 1..n {
            for (y, slot) in next.iter_mut().enumerate() {
                let into =
                    chain.into.get(y * s..(y + 1) * s).ok_or_else(|| PyValueError::new_err("bad chain"))?;
                let (arg, top) = argmax(best.iter().zip(into).map(|(&b, &m)| b + m));
                *get_mut(&mut back, i * s + y)? =
                    u32::try_from(arg).map_err(|_| PyValueError::new_err("too many states"))?;
                *slot = top + emit(i, y)?;
            }
            std::mem::swap(&mut best, &mut next);
        }
        let (mut y, _) = argmax(best.iter().zip(&chain.end).map(|(&b, &e)| b + e));
        let mut states = vec![0usize; n];
        *get_mut(&mut states, n - 1)? = y;
        for i in (1..n).rev() {
            y = get(&back, i * s + y)? as usize;
            *get_mut(&mut states, i - 1)? = y;
        }
        states.iter().map(|&state| get(&chain.states, state)).collect()
    }

    /// `decoding.explain_page`: each line's explanation, as a tuple of the pair table's objects,
    /// and its strongest evidence name (`None` where no weight of it is above zero).
    fn explain<'py>(
        &self,
        py: Python<'py>,
        ids: &[usize],
        starts: &[usize],
        path: &[usize],
    ) -> PyResult<Explained<'py>> {
        let k = self.k;
        let n = starts.len() - 1;
        let mut explained = Vec::with_capacity(n);
        let mut strongest = Vec::with_capacity(n);
        let mut entries: Vec<Entry> = Vec::new();
        let last = self.ranks_top + 2; // the transition ranks after every state weight
        let packed = u32::try_from(last).is_ok(); // every rank fits in the keys of `order`
        let mut keys: Vec<u64> = Vec::new();
        let mut sorted: Vec<Entry> = Vec::new();
        let mut pairs: Vec<&Bound<'py, PyAny>> = Vec::new();
        for (i, bounds) in starts.windows(2).enumerate() {
            let y = get(path, i)?;
            let names =
                ids.get(bounds[0]..bounds[1]).ok_or_else(|| PyValueError::new_err("bad line bounds"))?;
            entries.clear();
            for (p, &row) in names.iter().enumerate() {
                if row == self.unknown {
                    continue; // names without weights are not weighed
                }
                let code = row * k + y;
                // the line's first name, its context-free verdict, leads
                let rank = if p == 0 { 0 } else { get(&self.ranks, code)? + 1 };
                let weight =
                    if get(&self.unruled, row)? { f64::NEG_INFINITY } else { get(&self.matrix, code)? };
                entries.push(Entry { rank, code, weight, row });
            }
            if i > 0 {
                let code = self.moves_offset + get(path, i - 1)? * k + y;
                entries.push(Entry { rank: last, code, weight: f64::NEG_INFINITY, row: self.unknown });
            }
            order(&mut entries, &mut keys, &mut sorted, packed);
            pairs.clear();
            for e in &sorted {
                let pair = self.pairs.get(e.code).ok_or_else(|| PyValueError::new_err("bad pair index"))?;
                pairs.push(pair.bind(py));
            }
            explained.push(PyTuple::new(py, pairs.iter().copied())?);
            strongest.push(match Self::strongest(&sorted) {
                Some(row) => Some(
                    self.names
                        .get(row)
                        .ok_or_else(|| PyValueError::new_err("bad name row"))?
                        .bind(py)
                        .clone(),
                ),
                None => None,
            });
        }
        Ok((explained, strongest))
    }

    /// The row of the first entry with the greatest weight where that weight is above zero, as
    /// `explain_page`'s `np.maximum.reduceat` and first position of it: a NaN is the maximum
    /// there and never above zero, so a line holding one has no strongest evidence.
    fn strongest(entries: &[Entry]) -> Option<usize> {
        let (at, top) = argmax(entries.iter().map(|e| e.weight));
        let entry = entries.get(at)?;
        (top > 0.0).then_some(entry.row)
    }
}
