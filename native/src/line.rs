//! The context-free facts about one line, as `boilerstrip/features.py` measures them.
//!
//! Each function says which Python pattern it answers for.  The patterns are simple
//! enough to answer without a regex engine (and so without one more Unicode version):
//! a sentence end is decided by the last character that is not a closing quote, a list
//! marker by the first characters, a date by a small automaton.

use crate::chars::{is, value, EDGE, PY_DIGIT, RE_DIGIT, RE_SPACE, UNSPACED, WORD_CONT, WORD_START};

/// `features._LIST_STARTS`.
const LIST_STARTS: &str = "•●▪▫◦‣⁃■□►▶▸·∙○◆◇➤➢✓✔☐»›>*+-–—";
/// The glyphs of `features._BULLET`'s first class.
const GLYPHS: &str = "•●▪▫◦‣⁃■□►▶▸·∙○◆◇➤➢✓✔☐»›>";
/// `features._BULLET`'s markers that need a space after them.
const MARKERS: &str = "*+-–—";
/// The closing quotes and brackets the sentence-end patterns allow after the mark.
const CLOSERS: &str = "\"'”’»)]";
const TERMINAL_MARKS: &str = ".!?؟。！？۔";
const FULL_STOP_MARKS: &str = ".。۔";
/// `features._TAIL_CHARS`.
pub const TAIL_CHARS: usize = 8;

#[inline]
fn digit(c: char) -> bool {
    is(c, RE_DIGIT)
}

#[inline]
fn space(c: char) -> bool {
    is(c, RE_SPACE)
}

/// `lexicon.core`: the folded line without `[\W\d_]` at either end.
pub fn core(folded: &str) -> &str {
    folded.trim_matches(|c: char| is(c, EDGE))
}

/// `features.words_of`: `[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*`, every match.
pub fn words(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in folded.char_indices() {
        let v = value(c);
        match start {
            Some(s) if v & WORD_CONT == 0 => {
                out.push(&folded[s..i]);
                start = if v & WORD_START != 0 { Some(i) } else { None };
            }
            None if v & WORD_START != 0 => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&folded[s..]);
    }
    out
}

/// Characters of the scripts written without spaces (`features._UNSPACED`), on a
/// non-ASCII line.
pub fn unspaced(folded: &str) -> usize {
    folded.chars().filter(|&c| is(c, UNSPACED)).count()
}

/// `_DIGIT.search(folded)`.
pub fn has_digit(folded: &str) -> bool {
    folded.chars().any(digit)
}

/// `_YEAR.fullmatch(token)`: `(?:19|20)\d\d`.
pub fn is_year(token: &str) -> bool {
    let mut it = token.chars();
    match (it.next(), it.next(), it.next(), it.next(), it.next()) {
        (Some(a), Some(b), Some(c), Some(d), None) => {
            ((a == '1' && b == '9') || (a == '2' && b == '0')) && digit(c) && digit(d)
        }
        _ => false,
    }
}

/// `features._date_number`.
pub fn date_number(token: &str) -> bool {
    let n = token.chars().count();
    if n > 0 && token.chars().all(|c| is(c, PY_DIGIT)) {
        return n <= 2 || is_year(token);
    }
    n <= 5 && token.chars().any(digit)
}

// The states of `_TIME_OR_DATE`'s day/month/year branches (one bit each):
// X: \d{1,2} \s*[/.-]\s* \d{1,2} \s*[/.-]\s* (\d{4}|\d{2});  Y: \d{4} … \d{1,2} … \d{1,2}.
const X1: u32 = 1 << 0; // one digit of the first number
const X2: u32 = 1 << 1; // two
const X3: u32 = 1 << 2; // white space after it
const X4: u32 = 1 << 3; // the first separator (and white space after it)
const X5: u32 = 1 << 4;
const X6: u32 = 1 << 5;
const X7: u32 = 1 << 6;
const X8: u32 = 1 << 7; // the second separator
const X9: u32 = 1 << 8; // digits of the last number: one to four
const X10: u32 = 1 << 9;
const X11: u32 = 1 << 10;
const X12: u32 = 1 << 11;
const Y1: u32 = 1 << 12;
const Y2: u32 = 1 << 13;
const Y3: u32 = 1 << 14;
const Y4: u32 = 1 << 15;
const Y5: u32 = 1 << 16;
const Y6: u32 = 1 << 17;
const Y7: u32 = 1 << 18;
const Y8: u32 = 1 << 19;
const Y9: u32 = 1 << 20;
const Y10: u32 = 1 << 21;
const Y11: u32 = 1 << 22;
const Y12: u32 = 1 << 23;
const START: u32 = 1 << 24;
const ACCEPT: u32 = X10 | X12 | Y11 | Y12;

fn step(states: u32, c: char) -> u32 {
    let has = |s: u32| states & s != 0;
    let mut next = 0;
    if digit(c) {
        if has(START) {
            next |= X1 | Y1;
        }
        if has(X1) {
            next |= X2;
        }
        if has(X4) {
            next |= X5;
        }
        if has(X5) {
            next |= X6;
        }
        if has(X8) {
            next |= X9;
        }
        if has(X9) {
            next |= X10;
        }
        if has(X10) {
            next |= X11;
        }
        if has(X11) {
            next |= X12;
        }
        if has(Y1) {
            next |= Y2;
        }
        if has(Y2) {
            next |= Y3;
        }
        if has(Y3) {
            next |= Y4;
        }
        if has(Y6) {
            next |= Y7;
        }
        if has(Y7) {
            next |= Y8;
        }
        if has(Y10) {
            next |= Y11;
        }
        if has(Y11) {
            next |= Y12;
        }
    } else if space(c) {
        if states & (X1 | X2 | X3) != 0 {
            next |= X3;
        }
        if has(X4) {
            next |= X4;
        }
        if states & (X5 | X6 | X7) != 0 {
            next |= X7;
        }
        if has(X8) {
            next |= X8;
        }
        if states & (Y4 | Y5) != 0 {
            next |= Y5;
        }
        if has(Y6) {
            next |= Y6;
        }
        if states & (Y7 | Y8 | Y9) != 0 {
            next |= Y9;
        }
        if has(Y10) {
            next |= Y10;
        }
    } else if c == '/' || c == '.' || c == '-' {
        if states & (X1 | X2 | X3) != 0 {
            next |= X4;
        }
        if states & (X5 | X6 | X7) != 0 {
            next |= X8;
        }
        if states & (Y4 | Y5) != 0 {
            next |= Y6;
        }
        if states & (Y7 | Y8 | Y9) != 0 {
            next |= Y10;
        }
    }
    next
}

/// `_TIME_OR_DATE.search(folded) is not None`:
/// `\d{1,2}:\d{2}|(?<!\d)(?:<day/month/year>|<year-month-day>)(?!\d)`.
pub fn time_or_date(chars: &[char]) -> bool {
    // a time: a digit, a colon, two digits
    for w in chars.windows(4) {
        if digit(w[0]) && w[1] == ':' && digit(w[2]) && digit(w[3]) {
            return true;
        }
    }
    let mut states = 0u32;
    for i in 0..=chars.len() {
        let next_is_digit = chars.get(i).is_some_and(|&c| digit(c));
        if states & ACCEPT != 0 && !next_is_digit {
            return true;
        }
        let Some(&c) = chars.get(i) else { break };
        if i == 0 || !digit(chars[i - 1]) {
            states |= START;
        }
        states = step(states, c);
    }
    false
}

/// `_TERMINAL`, `_FULL_STOP` and `_ELLIPSIS` on the line's last characters.
pub fn sentence_ends(tail: &[char]) -> (bool, bool, bool) {
    let Some(q) = tail.iter().rposition(|&c| !CLOSERS.contains(c)) else {
        return (false, false, false);
    };
    let mark = tail[q];
    let after_dot = q > 0 && (tail[q - 1] == '.' || tail[q - 1] == '…');
    let terminal = TERMINAL_MARKS.contains(mark) && !after_dot;
    let full_stop = FULL_STOP_MARKS.contains(mark) && !after_dot;
    let ellipsis = mark == '…' || (mark == '.' && q >= 2 && tail[q - 1] == '.' && tail[q - 2] == '.');
    (terminal, full_stop, ellipsis)
}

/// `(bullet, numbered)`: `features._BULLET` and `features._NUMBERED` where the first
/// character is one of `_LIST_STARTS` or a digit (`str.isdigit`), else neither.
pub fn list_item(text: &[char]) -> (bool, bool) {
    let Some(&first) = text.first() else {
        return (false, false);
    };
    if !(LIST_STARTS.contains(first) || is(first, PY_DIGIT)) {
        return (false, false);
    }
    // `^\s*`: nothing a list item starts with is white space, so the longest run it is
    let i = text.iter().position(|&c| !space(c)).unwrap_or(text.len());
    let at = |k: usize| text.get(k).copied();
    let Some(c) = at(i) else { return (false, false) };
    let digits = text[i..].iter().take_while(|&&c| digit(c)).count();
    let numbered = (1..=3).contains(&digits)
        && matches!(at(i + digits), Some('.') | Some(')'))
        && at(i + digits + 1).is_some_and(space);
    let bullet = GLYPHS.contains(c) || (MARKERS.contains(c) && at(i + 1).is_some_and(space)) || numbered;
    (bullet, numbered)
}

/// `len(_SEPARATORS.findall(text))`: `\s[|•·]\s|\s\|$|^\|\s`, where the text holds one
/// of `|`, `•`, `·`.
pub fn separators(text: &[char]) -> usize {
    let n = text.len();
    let at = |k: usize| text.get(k).copied();
    let (mut count, mut i) = (0, 0);
    while i < n {
        if space(text[i]) {
            if matches!(at(i + 1), Some('|') | Some('•') | Some('·')) && at(i + 2).is_some_and(space) {
                count += 1;
                i += 3;
                continue;
            }
            if at(i + 1) == Some('|') && i + 2 == n {
                count += 1;
                i += 2;
                continue;
            }
        }
        if i == 0 && text[0] == '|' && at(1).is_some_and(space) {
            count += 1;
            i = 2;
            continue;
        }
        i += 1;
    }
    count
}

/// `text.endswith((":", "："))`.
pub fn colon_end(text: &str) -> bool {
    text.ends_with(':') || text.ends_with('：')
}
