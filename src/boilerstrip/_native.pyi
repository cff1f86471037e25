"""Types of the compiled core (``native/src/lib.rs``), for mypy; the module may not be built.

See :mod:`boilerstrip.native` for when it runs, :func:`boilerstrip.features.measure`,
:func:`boilerstrip.engine.weigh` and :func:`boilerstrip.langid.identify` for what it computes
(``native/src/weigh.rs`` and ``native/src/langid.rs`` for the latter two).
"""

from collections.abc import Callable
from typing import Any

UNIDATA_VERSION: str
REGEX_VERSION: str

def table_runs(mask: int) -> list[tuple[int, int]]: ...

class Measurer:
    def __init__(
        self,
        features: type,
        scan: Callable[[str], dict[str, int]],
        fold: Callable[[str], str],
        table: dict[int, str | None],
        date_words: list[str],
        stoplists: list[list[str]],
        sample_tokens: int,
    ) -> None: ...
    def fold(self, text: str) -> str | None: ...
    def measure(
        self,
        lines: list[Any],
        prefix: int,
        date_max_words: int,
        date_token_share: float,
        date_token_share_with_pattern: float,
    ) -> tuple[list[Any], int | None] | None: ...

class Evidencer:
    # One dict of every threshold, bucket and word list, keyed by the fields of ``Settings`` in
    # native/src/evidence.rs (``evidence._evidencer`` makes it); a key left out is a KeyError.
    def __init__(self, settings: dict[str, Any]) -> None: ...
    def signs(self, text: str) -> list[str] | None: ...
    def credit_signs(self, text: str) -> list[str] | None: ...
    def words(self, folded: str) -> list[str] | None: ...
    def gather(
        self,
        feats: list[Any],
        verdicts: list[Any],
        rules: list[str],
        said: list[str],
        zones: list[str],
        comments: list[bool],
        body: list[bool],
        share: str,
    ) -> tuple[list[list[str]], list[int]] | None: ...

#: One chain of the fitted decoder, as ``decoding._chain`` makes it: each state's label, the
#: moves between states (a square table), and what a path pays to start and to end in each.
Chain = tuple[list[int], list[list[float]], list[float], list[float]]

class Weigher:
    def __init__(
        self,
        names: list[str],
        matrix: list[list[float]],
        ranks: list[list[int]],
        unruled: list[bool],
        pairs: list[tuple[str, float] | None],
        chain: Chain,
        body: tuple[int, Chain] | None,
    ) -> None: ...
    def weigh(
        self, evidence: list[list[str]], allowed: list[frozenset[int] | None] | None
    ) -> tuple[list[int], list[tuple[tuple[str, float], ...]], list[str | None]] | None: ...

#: ``rules.CUE_RULES``' names and ``rules.SHAPES``, in the order the compiled pass tries them.
RULE_NAMES: list[str]
SHAPE_NAMES: list[str]

class Judge:
    # One dict of the loaded lexicons' sets, phrases and index, keyed by the fields of ``LexIn``
    # in native/src/rules.rs (``verdicts._build`` makes it); a key left out is a KeyError.
    def __init__(self, lexicons: dict[str, Any]) -> None: ...
    def judge(self, feats: list[Any], limits: dict[str, int | float]) -> bytes: ...
    def scan(self, folded: str) -> list[tuple[str, int]] | None: ...
    def prefix(self, key: str, folded: str) -> str | None: ...

class LanguageIdentifier:
    # py3langid's model, as ``langid._model_arrays`` reads it from a loaded identifier: the DFA's
    # moves, row offsets (unsigned 32-bit) and outputs (signed 32-bit), ``nb_ptc`` (float16, C
    # order) and ``nb_pc`` (float32), all little-endian bytes; then the classes and alias pairs.
    # ValueError where they do not fit together.
    def __init__(
        self,
        nextmove: bytes,
        rowbase: bytes,
        output: bytes,
        ptc: bytes,
        pc: bytes,
        classes: list[str],
        aliases: list[tuple[int, int]],
    ) -> None: ...
    def classify(self, text: str) -> tuple[str, float]: ...
