"""One page in, one labelled page out: the entry point the CLI, batch mode and datatrove share.

Whatever the page arrives as (bytes or ``str``, gzipped or not, HTML or
plain text, declared or not), :func:`load_page` gets it to the labeller the
same way everywhere, so a page gives the same labels from every front end.
The work is in two steps because the CLI needs the prepared text between
them (to count the rows of a TSV): :func:`prepare` (gunzip, sniff, decode)
and :func:`label` (the text or the HTML reader).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from . import strip, strip_html
from .model import Page
from .readers.sniff import Kind, decode_text, gunzip_if_needed, sniff

if TYPE_CHECKING:
    from .config import Config

__all__ = ["InputKind", "label", "load_page", "prepare"]

#: What the caller says a page is; ``"auto"`` leaves it to :func:`~boilerstrip.readers.sniff.sniff`.
InputKind = Literal["auto", "html", "text"]


def prepare(
    data: bytes | str, kind: InputKind = "auto", *, name: str = "input", encoding: str | None = None
) -> tuple[Kind, bytes | str]:
    """Decide what ``data`` is and get it ready for the labeller: gunzip, sniff, decode.

    HTML stays bytes (the HTML reader honours the page's own ``<meta charset>``)
    unless ``encoding`` names the encoding; plain text is decoded from its BOM,
    as UTF-8 or by the HTML reader's detection (see
    :func:`boilerstrip.readers.sniff.decode_text`), or with ``encoding`` when given.

    >>> prepare(b"caf\\xc3\\xa9\\n")
    ('text', 'café\\n')
    """
    if isinstance(data, bytes):
        data = gunzip_if_needed(data, name=name)
    resolved: Kind = sniff(data) if kind == "auto" else kind
    if isinstance(data, bytes) and (resolved == "text" or encoding is not None):
        data = decode_text(data, name=name, encoding=encoding)
    return resolved, data


def label(kind: Kind, payload: bytes | str, *, url: str | None = None, config: Config | None = None) -> Page:
    """Label a prepared input with the text or the HTML reader (``config``: the defaults when ``None``)."""
    if kind == "html":
        return strip_html(payload, url=url, config=config)
    if not isinstance(payload, str):
        raise TypeError(f"text input must be str, not {type(payload).__name__}")
    return strip(payload, config=config)


def load_page(
    data: bytes | str,
    kind: InputKind = "auto",
    *,
    url: str | None = None,
    name: str = "input",
    encoding: str | None = None,
) -> Page:
    """The page in ``data``, whatever it is: :func:`prepare`, then :func:`label`."""
    resolved, payload = prepare(data, kind, name=name, encoding=encoding)
    return label(resolved, payload, url=url)
