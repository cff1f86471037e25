"""Types of the compiled core (``native/src/lib.rs``), for mypy; the module may not be built.

See :mod:`boilerstrip.native` for when it runs and :func:`boilerstrip.features.measure`
for what it computes.
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
