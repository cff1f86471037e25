"""The compiled language identifier (``LanguageIdentifier``, ``native/src/langid.rs``) against py3langid.

:func:`boilerstrip.langid.identify` classifies with the compiled core where it runs, on
py3langid's own model.  It must give py3langid's code, and its probability to within
:data:`boilerstrip.langid.PROBABILITY_TOLERANCE` (numpy sums its float32 product in its BLAS's
order, the extension in float64).  Checked on the text and the body of every line-gold page
(the seeds, the Arabic line gold, and the line-labelled corpus of ``benchmarks/corpus`` where
``../shared`` and its renderer are there), on the hand-written bodies of the AEB pages, on
texts made up in many scripts, on hostile texts (empty, NUL, lone surrogates, ten megabytes),
on generated ones, and on a made-up model whose DFA is no Aho-Corasick automaton (the walk in
parts must then fall back on walking each part again).  A model that is not py3langid 0.4.0's
leaves py3langid in charge.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
from array import array
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from native_paths import NATIVE_MISSING, both, core
from strategies import hostile_text, property_settings

from boilerstrip import langid, native

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
TOLERANCE = langid.PROBABILITY_TOLERANCE

pytestmark = pytest.mark.skipif(NATIVE_MISSING is not None, reason=NATIVE_MISSING or "")


@pytest.fixture(scope="module")
def compiled() -> Any:
    module = native.built()
    assert module is not None
    made = langid._compiled_identifier(module)
    assert made is not None, "py3langid's model was refused: is py3langid still 0.4.0?"
    return made


@pytest.fixture(scope="module")
def reference() -> Any:
    return langid._identifier()


#: How far the compiled identifier may be from :func:`summed_exactly` (its exponentials).
EXACT_TOLERANCE = 1e-6
#: Texts whose py3langid probability is further than the tolerance from the exact sum's.
ROUNDED: list[str] = []


def summed_exactly(reference: Any, text: str) -> tuple[str, float]:
    """py3langid's ``classify`` with its product ``log1p(counts) @ nb_ptc[features]`` summed in
    float64 and rounded to float32 once, as the extension sums it; every other step py3langid's."""
    from py3langid.langid import visit_counts

    encoded = reference._encode(text)
    visits = visit_counts(reference.tk_nextmove, reference._rowbase, reference.tk_output, encoded)
    if visits:
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        product = np.log1p(counts).astype(np.float64) @ reference.nb_ptc[idx].astype(np.float64)
        scores = product.astype(np.float32) + reference.nb_pc
    else:
        scores = np.zeros(len(reference.nb_classes), dtype=np.float32)
    scores *= 1.0 / math.sqrt(len(encoded) or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for i, j in reference._alias_pairs:
        scores[i] += scores[j]
        scores[j] = 0.0
    best = int(scores.argmax())
    return reference.nb_classes[best], float(scores[best])


def differences(compiled: Any, reference: Any, texts: list[str]) -> list[str]:
    """Where the compiled identifier does not give py3langid's code and probability.

    The probability may be further than :data:`TOLERANCE` from py3langid's where py3langid's
    own float32 product is: numpy sums it in its BLAS's order (blocks of features, FMA), and on
    a text whose best class is unsure (a probability near 0.5) a few float32 roundings of
    scores in the thousands move the probability by 1e-5 or more.  There the compiled one
    must be :data:`EXACT_TOLERANCE` from the exact sum's (:func:`summed_exactly`); such texts
    are kept in :data:`ROUNDED`.
    """
    out = []
    for text in texts:
        code, prob = compiled.classify(text)
        want, want_prob = reference.classify(text)
        assert isinstance(code, str) and isinstance(prob, float)
        if code == want and abs(prob - float(want_prob)) <= TOLERANCE:
            continue
        exact, exact_prob = summed_exactly(reference, text)
        if code == want == exact and abs(prob - exact_prob) <= EXACT_TOLERANCE:
            ROUNDED.append(f"{text[:40]!r}: {prob!r}, py3langid {want_prob!r}, exact sum {exact_prob!r}")
            continue
        out.append(
            f"{text[:40]!r} ({len(text)} chars): {code} {prob!r} against {want} {want_prob!r}"
            f" (exact sum: {exact} {exact_prob!r})"
        )
    return out


def cuts(text: str) -> list[str]:
    """The text whole, as ``identify`` cuts it, and windows of it (short ones are less sure)."""
    out = [text, text[: langid.MAX_CHARS]]
    for start in range(0, min(len(text), 20_000), 2_500):
        out += [text[start : start + 300], text[start : start + 60]]
    return out


def gold_pages() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Each line-gold page's name and ``(label, text)`` rows: the seeds and the Arabic gold."""
    paths = sorted((ROOT / "seeds").glob("*.gold.tsv"))
    if (EVAL / "arabic" / "gold").is_dir():
        paths += sorted((EVAL / "arabic" / "gold").glob("*.gold.tsv"))
    for path in paths:
        rows = [row.partition("\t") for row in path.read_text(encoding="utf-8").split("\n")]
        yield path.name, [(label.strip(), text) for label, _, text in rows]


def test_line_gold_pages_text_and_body(compiled: Any, reference: Any) -> None:
    problems, seen = [], 0
    for name, rows in gold_pages():
        text = "\n".join(t for _, t in rows)
        body = "\n".join(t for label, t in rows if label == "body")
        assert body, name
        seen += 1
        problems += [f"{name}: {d}" for d in differences(compiled, reference, cuts(text) + cuts(body))]
    assert seen >= 2
    assert not problems, problems[:5]


@pytest.mark.skipif(
    not EVAL.is_dir() or importlib.util.find_spec("inscriptis") is None,
    reason="needs ../shared and inscriptis (the line-labelled corpus's renderer)",
)
def test_line_labelled_corpus_text_and_body(compiled: Any, reference: Any) -> None:
    corpus = pytest.importorskip("benchmarks.corpus")
    pages, errors = corpus.load_corpus(EVAL.parent)
    assert pages and not errors, errors[:3]
    problems = []
    for page in pages:
        body = "\n".join(line for line, label in zip(page.lines, page.gold) if label == "body")
        problems += [
            f"{page.id}: {d}" for d in differences(compiled, reference, cuts(page.text) + cuts(body))
        ]
    assert not problems, problems[:5]


@pytest.mark.skipif(not (EVAL / "aeb").is_dir(), reason="needs ../shared/eval/aeb")
def test_aeb_bodies(compiled: Any, reference: Any) -> None:
    truth = json.loads((EVAL / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    texts = [text for entry in truth.values() for text in cuts(entry["articleBody"])]
    assert len(texts) > 1000
    assert not (problems := differences(compiled, reference, texts)), problems[:5]


#: Texts made up in many scripts, and texts of no language.
MADE_UP = [
    "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
    "وزیر امور خارجه گفت که مذاکرات هفته آینده در پایتخت از سر گرفته می‌شود.",
    "وزیر خارجہ نے کہا کہ مذاکرات اگلے ہفتے دارالحکومت میں دوبارہ شروع ہوں گے۔",
    "外交部长表示，谈判将于下周在首都恢复。",
    "外交部長は、交渉は来週首都で再開されると述べた。",
    "Министр иностранных дел заявил, что переговоры возобновятся на следующей неделе.",
    "Ο υπουργός Εξωτερικών δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.",
    "विदेश मंत्री ने कहा कि वार्ता अगले सप्ताह राजधानी में फिर से शुरू होगी।",
    "외무장관은 회담이 다음 주 수도에서 재개될 것이라고 말했다.",
    "שר החוץ אמר כי השיחות יתחדשו בשבוע הבא בבירה.",
    "รัฐมนตรีต่างประเทศกล่าวว่าการเจรจาจะเริ่มขึ้นอีกครั้งในสัปดาห์หน้า",
    "Der Außenminister sagte, die Gespräche würden nächste Woche fortgesetzt.",
    "Le ministre a déclaré que les pourparlers reprendraient la semaine prochaine.",
    "DER AUSSENMINISTER SAGTE, DIE GESPRÄCHE WÜRDEN NÄCHSTE WOCHE FORTGESETZT.",
    "ΟΙ ΣΥΝΟΜΙΛΙΕΣ ΘΑ ΣΥΝΕΧΙΣΤΟΥΝ",
    "İSTANBUL'DA GÖRÜŞMELER YENİDEN BAŞLAYACAK",
    "The minister said 外交部长表示 وقال الوزير Министр заявил",
    "Cafe\u0301 con leche, man\u0303ana",  # combining marks: NFC composes them
    "\ufb01nancial \u212b \u2126",  # NFC keeps compatibility characters, composes the rest
    "0123456789 2024-05-01 12:30 +49 (0)30 1234567",
    "😀🎉👍🏽 🇩🇪 ❤️",
    "... --- *** ||| ###",
    " \t\n\r\x0b\x0c",
    "a",
    "A",
]


@pytest.mark.parametrize("text", MADE_UP)
def test_made_up_texts(compiled: Any, reference: Any, text: str) -> None:
    texts = [text, text * 3, text * 40, text.upper(), text.lower()]
    assert not (problems := differences(compiled, reference, texts)), problems


#: Texts that must not crash, whatever they are.
HOSTILE = [
    "",
    "\x00",
    "\x00" * 5000,
    "abc\x00def",
    "\ud800",
    "\udfff",
    "\udfff\ud800",  # a low surrogate before a high one: no pair
    "text \ud83d with a lone high surrogate",
    "\ud83d\ude00",  # two surrogates that would pair: Python keeps them apart
    "Ä\ud800" * 700,
    "\U0010ffff\ufffe\uffff",
    "\u0301\u0301\u0301",  # combining marks with nothing to combine with
    "\ufeff" * 3000,
    "x" * 100_000,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_texts(compiled: Any, reference: Any, text: str) -> None:
    assert not (problems := differences(compiled, reference, [text])), problems
    (code_a, prob_a), (code_b, prob_b) = both(lambda: langid.identify(text))
    assert code_a == code_b and abs(prob_a - prob_b) <= TOLERANCE


def test_no_feature_is_py3langids_uniform_answer(compiled: Any, reference: Any) -> None:
    # no feature: every class equal, then the alias pairs folded, so the first alias wins
    code, prob = compiled.classify("")
    assert (code, prob) == reference.classify("")
    assert prob == pytest.approx(2 / len(reference.nb_classes))


def test_ten_megabytes(compiled: Any, reference: Any) -> None:
    rng = random.Random(15)
    words = [w for text in MADE_UP[:13] for w in text.split()]
    huge = " ".join(rng.choice(words) for _ in range(1_600_000))[:10_000_000]
    assert len(huge) == 10_000_000
    code, prob = compiled.classify(huge)
    assert isinstance(code, str) and 0.0 <= prob <= 1.0
    # what identify classifies: its first characters, the same on both cores
    python, compiled_answer = both(lambda: langid.identify(huge))
    assert python == compiled_answer or (
        python[0] == compiled_answer[0] and abs(python[1] - compiled_answer[1]) <= TOLERANCE
    )
    # a long text against py3langid itself (a few hundred kilobytes: py3langid is slow on more)
    assert not (problems := differences(compiled, reference, [huge[:300_000]])), problems


def test_identify_is_the_same_on_both_cores() -> None:
    texts = [*MADE_UP, *HOSTILE]
    for _, rows in gold_pages():
        texts += cuts("\n".join(t for _, t in rows))
    for text in texts:
        (code_a, prob_a), (code_b, prob_b) = both(partial(langid.identify, text))
        assert code_a == code_b, text[:60]
        assert abs(prob_a - prob_b) <= TOLERANCE, text[:60]
    with core("python"):
        assert langid._classifier() == langid._identifier().classify
    made = langid._compiled_identifier(native.built())
    assert made is not None
    with core("native"):
        assert langid._classifier() == made.classify


@property_settings()
@given(st.one_of(hostile_text(), st.text(st.characters(), min_size=600, max_size=3000)))
def test_generated_texts(text: str) -> None:
    made = langid._compiled_identifier(native.built())
    assert not (problems := differences(made, langid._identifier(), [text, text[:1000]])), problems


def test_lone_surrogates_are_encoded_as_py3langid_encodes_them(compiled: Any, reference: Any) -> None:
    rng = random.Random(7)
    alphabet = ["\ud800", "\udbff", "\udc00", "\udfff", "a", "Я", "ع", " ", "中"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 2000))) for _ in range(50)]
    assert not (problems := differences(compiled, reference, texts)), problems


# --- models that are not py3langid 0.4.0's ---------------------------------------------------


def toy_identifier(states: int = 7, features: int = 5, rng_seed: int = 3) -> Any:
    """A py3langid identifier on a made-up model whose DFA counts its input's bytes modulo
    ``states``: its state depends on every byte read, so no warm-up synchronises a part."""
    from py3langid.langid import LanguageIdentifier

    rng = np.random.default_rng(rng_seed)
    nextmove = array("I", [(s + b) % states for s in range(states) for b in range(256)])
    row = array("H", range(states))
    output = [s % features if s % 3 else -1 for s in range(states)]
    classes = ["en", "de", "sr", "fr", "sr"]  # one label twice: an alias pair
    ptc = rng.uniform(-12, -3, size=(features, len(classes))).astype(np.float16)
    pc = rng.uniform(-4, -1, size=len(classes)).astype(np.float32)
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def test_a_dfa_that_does_not_synchronise_is_walked_again() -> None:
    module = native.built()
    assert module is not None
    toy = toy_identifier()
    made = module.LanguageIdentifier(*langid._model_arrays(toy))
    rng = random.Random(11)
    texts = ["".join(chr(rng.randrange(32, 0x800)) for _ in range(n)) for n in (0, 5, 100, 600, 4000)]
    texts += ["a" * 10_000, "ab" * 777]
    assert not (problems := differences(made, toy, texts)), problems


def test_a_model_of_another_form_is_left_to_py3langid() -> None:
    toy = toy_identifier()
    cases: list[tuple[str, dict[str, Any]]] = [
        ("float32 weights", {"nb_ptc": toy.nb_ptc.astype(np.float32)}),
        ("weights as lists", {"nb_ptc": toy.nb_ptc.tolist()}),
        ("one weight per class missing", {"nb_pc": toy.nb_pc[:-1]}),
        ("classes that are not strings", {"nb_classes": [1, 2, 3, 4, 5]}),
        ("a minimum confidence", {"min_confidence": 0.5}),
        ("raw scores", {"_norm_probs": False}),
        ("signed moves", {"tk_nextmove": np.asarray(toy.tk_nextmove, dtype=np.int64)}),
        ("a 64-bit output", {"tk_output": [1 << 40] * len(toy.tk_output)}),
    ]
    slots = [*type(toy).__slots__, "_rowbase"]
    for name, change in cases:
        fields = {slot: getattr(toy, slot) for slot in slots if hasattr(toy, slot)}
        odd = SimpleNamespace(**{**fields, **change})
        try:
            langid._model_arrays(odd)
        except (TypeError, ValueError):
            continue
        pytest.fail(f"{name}: taken for py3langid 0.4.0's model")


def test_arrays_that_do_not_fit_together_are_refused() -> None:
    module = native.built()
    assert module is not None
    good = list(langid._model_arrays(toy_identifier()))
    nextmove, rowbase, output, ptc, pc, classes, _ = good
    bad = {
        "a move past the states": (np.full(len(nextmove) // 4, 99, "<u4").tobytes(), 0),
        "a row past the moves": (np.full(len(rowbase) // 4, 1 << 20, "<u4").tobytes(), 1),
        "an output past the features": (np.full(len(output) // 4, 99, "<i4").tobytes(), 2),
        "a ragged weight table": (ptc[:-2], 3),
        "an infinite weight": (np.full(len(ptc) // 2, np.inf, "<f2").tobytes(), 3),
        "a NaN prior": (np.full(len(pc) // 4, np.nan, "<f4").tobytes(), 4),
        "no classes": (b"", 4),
        "fewer classes than priors": (classes[:-1], 5),
        "an alias past the classes": ([(0, 99)], 6),
        "bytes that are no whole words": (nextmove[:-1], 0),
        "no states": (b"", 1),
    }
    for name, (value, at) in bad.items():
        args = list(good)
        args[at] = value
        try:
            module.LanguageIdentifier(*args)
        except ValueError:
            continue
        pytest.fail(f"{name}: accepted")


def test_an_extension_that_answers_otherwise_is_not_used() -> None:
    class Wrong:
        def __init__(self, *args: Any) -> None:
            pass

        def classify(self, text: str) -> tuple[str, float]:
            return "xx", 1.0

    class Refusing:
        def __init__(self, *args: Any) -> None:
            raise ValueError("not this model")

    build = langid._compiled_identifier.__wrapped__
    assert build(SimpleNamespace(LanguageIdentifier=Wrong)) is None
    assert build(SimpleNamespace(LanguageIdentifier=Refusing)) is None
    module = native.built()
    assert module is not None and build(module) is not None


def test_few_texts_are_off_by_py3langids_rounding() -> None:
    # runs after the corpus tests of this module (pytest keeps the file's order)
    assert len(ROUNDED) <= 20, ROUNDED[:5]
