"""Bytes to text for HTML pages: BOM, declared charset, or a detection that knows Arabic script.

Order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides alone;
2. bytes that are valid UTF-8 and hold non-ASCII text are UTF-8 whatever the page
   declares: legacy text in another encoding is almost never valid UTF-8 by chance,
   whereas pages re-saved as UTF-8 by a CMS, a proxy or a web archive often keep
   their old ``<meta charset>``;
3. the declaration (``<meta charset>``, ``<meta http-equiv="Content-Type">``, an XML
   declaration) read from the first bytes, with browsers' label aliases
   (``iso-8859-1`` means windows-1252 …), kept when the text it gives is plausible;
4. a detection among candidate encodings: those the page's ``lang`` suggests, the
   common legacy ones, then charset-normalizer's guesses, scored by how coherent the
   decoded words are (see :func:`plausibility`).  ``charset_normalizer`` alone is not
   enough: on an HTML page it samples mostly ASCII markup and misreads windows-1256
   Arabic as ``mac_turkish`` or gives up.

Bytes that are none of these (binary data, compressed files, noise) raise
:class:`~boilerstrip.model.InputError` with the reason.

The byte-level tests other modules need live here too, once: a byte-order
mark (:func:`split_bom`), gzip's magic bytes (:func:`is_gzip`) and an HTTP
header's charset (:func:`header_charset`, the same ``charset=`` grammar as
the meta tag's).
"""

from __future__ import annotations

import codecs
import re

import regex

from ..model import InputError

__all__ = [
    "declared_encoding",
    "decode_html",
    "header_charset",
    "html_source",
    "is_gzip",
    "plausibility",
    "split_bom",
]

#: How far into the document a charset declaration is looked for.  The HTML
#: standard's prescan reads 1024 bytes; real pages often put a long ``<head>``
#: (scripts, styles) before the meta, so a wider window is read.
DECLARATION_WINDOW = 16_384

#: Below this plausibility a decoding is not believed (see :func:`plausibility`).
MIN_PLAUSIBILITY = 0.6

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: The first two bytes of every gzip stream.
_GZIP_MAGIC = b"\x1f\x8b"

# Labels whose meaning in browsers (WHATWG Encoding standard) differs from Python's
# codec of the same name, or that Python does not know.
# fmt: off
_LABEL_ALIASES = {
    **dict.fromkeys(
        ("latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1", "ascii", "us-ascii",
         "ansi_x3.4-1968", "cp819", "ibm819", "x-cp1252"),
        "cp1252",
    ),
    "x-cp1256": "cp1256",
    **dict.fromkeys(("iso-8859-6-i", "iso-8859-6-e", "csiso88596i", "csiso88596e"), "iso8859-6"),
    **dict.fromkeys(("windows-874", "tis-620", "iso-8859-11", "dos-874"), "cp874"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis"),
                    "cp932"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80", "iso-ir-58"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean", "csksc56011987", "windows-949"), "cp949"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"), "big5hkscs"),
    **dict.fromkeys(("iso-8859-9", "latin5", "l5", "iso8859-9"), "cp1254"),
    # a meta tag cannot truthfully declare UTF-16 (the tag itself would not be readable as ASCII)
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be"), "utf-8"),
    **dict.fromkeys(("unicode-1-1-utf-8", "unicode11utf8", "x-unicode20utf8"), "utf-8"),
}
# fmt: on
#: ``charset=LABEL`` as a meta tag and an HTTP ``Content-Type`` header both write it.
_CHARSET_PARAMETER = r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_:.()+-]+)"""
_META_CHARSET = re.compile(rb"<meta[^>]*?" + _CHARSET_PARAMETER.encode(), re.IGNORECASE)
_HEADER_CHARSET = re.compile(_CHARSET_PARAMETER, re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-zA-Z0-9_.:+-]+)""", re.IGNORECASE)
_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?\s*([a-zA-Z]{2,3})""", re.IGNORECASE)

# Text between tags that holds a non-ASCII byte: what a detection should look at,
# rather than the (ASCII) markup around it.
_TEXT_RUN = re.compile(rb"[^<>]+")
_HIGH = re.compile(rb"[\x80-\xff]")
_ASCII = bytes(range(128))
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")

# Legacy encodings to try first for a page in a given language, then for any page.
_BY_LANGUAGE = {
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ku", "sd", "ug", "ckb", "per", "ara"), ("cp1256", "iso8859-6")),
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be", "kk"), ("cp1251", "koi8-r", "koi8-u")),
    "el": ("cp1253", "iso8859-7"),
    "he": ("cp1255", "iso8859-8"),
    "iw": ("cp1255", "iso8859-8"),
    "tr": ("cp1254",),
    "th": ("cp874",),
    "ja": ("cp932", "euc_jp", "iso2022_jp"),
    "zh": ("gb18030", "big5hkscs"),
    "ko": ("cp949",),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "hr", "sl", "ro"), ("cp1250", "iso8859-2")),
    "vi": ("cp1258",),
}
# CJK double-byte encodings read each other's bytes as valid Han text: only a language
# model tells them apart.
_DOUBLE_BYTE = frozenset({"gb18030", "cp932", "cp949", "big5hkscs", "euc_jp", "iso2022_jp"})
# Thai last: windows-874 reads most high bytes as Thai letters, so mojibake in it looks coherent.
# fmt: off
_COMMON = (
    "cp1252", "cp1256", "iso8859-6", "cp1251", "cp1250", "gb18030", "cp932", "cp949", "big5hkscs",
    "cp1253", "cp1255", "cp1254", "koi8-r", "cp874",
)
# fmt: on

# A word is coherent when all its letters belong to one writing system (Han, kana and
# Hangul count as one East Asian system: Japanese mixes them).
_COHERENT_WORD = regex.compile(
    r"[\p{Latin}\p{Nd}\p{M}_]+|[\p{Arabic}\p{Nd}\p{M}_\u0640\u200c\u200d]+|[\p{Cyrillic}\p{Nd}\p{M}_]+"
    r"|[\p{Greek}\p{Nd}\p{M}_]+|[\p{Hebrew}\p{Nd}\p{M}_]+|[\p{Thai}\p{Nd}\p{M}_]+"
    r"|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u30fc\p{Nd}_]+|[\p{Devanagari}\p{Nd}\p{M}_]+"
)
_WORD = regex.compile(r"\w*[^\W\p{ASCII}]\w*")
# Mojibake tells: a lower-case letter followed by a capital inside a word ("ЗбЪС"), a Latin
# word of three letters or more without an ASCII one ("ÇáÚÑÈíÉ": Arabic read as
# windows-1252), both rare in real text of cased scripts, a word that opens with a
# combining mark, or a Thai leading vowel not followed by a consonant (Arabic read as
# windows-874: "ال" becomes "วไ").
_CASE_FLIP = regex.compile(r"\p{Ll}\p{Lu}|^\p{M}|[\u0e40-\u0e44](?![\u0e01-\u0e2e])")
_LATIN_RUN = regex.compile(r"^[\u00c0-\u024f]{3,}$")
# ... and a non-ASCII symbol glued between two letters ("Za¿ó³æ": Polish read as windows-1252),
# leaving out the joiners, soft hyphen and apostrophes that real words do hold, and the
# CJK punctuation that stands between words of scripts written without spaces.
_GLUED_SYMBOL = regex.compile(
    r"(?<=\p{L})[^\w\s\p{ASCII}\u200c\u200d\u00ad\u2019\u2018\u2010\u2011\u00b7\u02bc\u05f3\u05f4"
    r"\u3000-\u303f\uff00-\uffef]+(?=\p{L})"
)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML document; return ``(text, encoding)``.

    Raises :class:`InputError` when the bytes cannot be read as a text page.

    >>> decode_html("<p>مرحبا</p>".encode("cp1256") + b"<meta charset=windows-1256>")
    ('<p>مرحبا</p><meta charset=windows-1256>', 'cp1256')
    >>> decode_html(b"\\xef\\xbb\\xbf<p>x</p>")
    ('<p>x</p>', 'utf-8')
    """
    source, encoding = html_source(data)
    return (source.decode("utf-8") if isinstance(source, bytes) else source), encoding


def html_source(data: bytes) -> tuple[str | bytes, str]:
    """What to give the parser for these bytes, and their encoding.

    As :func:`decode_html`, but valid UTF-8 (most pages) comes back as the
    bytes themselves, checked piecewise: the parser reads UTF-8 bytes
    directly, so the page is never held as a ``str`` as well, which matters
    for memory on large pages (a ``str`` with one emoji takes four bytes a
    character).
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    bom, marked = split_bom(data)
    if marked is not None:
        body = data[len(bom) :]
        if marked == "utf-8" and _valid_utf8(body):
            return body, marked
        try:
            return body.decode(marked), marked
        except UnicodeDecodeError as err:
            raise InputError(
                f"the page starts with a {marked} byte-order mark but is not {marked}: {err}"
            ) from None
    if is_gzip(data):
        raise InputError("the bytes are gzip-compressed: decompress them before passing the page")
    if data.startswith((b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise InputError("the bytes are a binary file (zip, PDF or image), not an HTML page")
    utf16 = _bomless_utf16(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8, NULs and all
    if utf16 is not None:
        wide = data.decode(utf16, errors="replace")
        if not _binary(wide.encode("utf-8", errors="replace")):
            return wide, utf16
    if _binary(data):
        raise InputError("the bytes hold control characters that no text page has: binary data, not HTML")
    if _valid_utf8(data):
        return data, "utf-8"

    sample = _text_sample(data)
    declared = declared_encoding(data[:DECLARATION_WINDOW])
    if declared is not None and declared != "utf-8":
        text = _decode_leniently(data, declared)
        if text is not None and _score(sample, declared) >= MIN_PLAUSIBILITY:
            return text, declared
    if declared == "utf-8":
        # declared UTF-8 with a few broken sequences (a truncated character) is still UTF-8
        text = _decode_leniently(data, "utf-8")
        if text is not None:
            return text, "utf-8"
    encoding = detect_encoding(data, sample)
    if encoding is None or (text := _decode_leniently(data, encoding)) is None:
        raise InputError(
            "cannot tell the encoding of these bytes: not UTF-8, no usable charset declaration, "
            "and no legacy encoding gives readable text; decode them yourself and pass a str"
        )
    return text, encoding


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The byte-order mark ``data`` starts with and the encoding it names, or ``(b"", None)``.

    >>> split_bom(b"\\xef\\xbb\\xbfabc"), split_bom(b"abc")
    ((b'\\xef\\xbb\\xbf', 'utf-8'), (b'', None))
    """
    return next(((bom, encoding) for bom, encoding in _BOMS if data.startswith(bom)), (b"", None))


def is_gzip(data: bytes) -> bool:
    """Whether ``data`` starts as a gzip stream does (a saved ``.gz`` page, a compressed HTTP body)."""
    return data.startswith(_GZIP_MAGIC)


def header_charset(content_type: str | None) -> str | None:
    """The charset label an HTTP ``Content-Type`` header names, as written there, or ``None``.

    >>> header_charset("text/html; charset='Windows-1256'"), header_charset("text/html")
    ('Windows-1256', None)
    """
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _valid_utf8(data: bytes, chunk: int = 65_536) -> bool:
    """Whether ``data`` is UTF-8, checked a piece at a time so as never to hold it all as a ``str``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(data[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def declared_encoding(head: bytes) -> str | None:
    """The Python codec a page's first bytes declare, or ``None``.

    >>> declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">')
    'iso8859-6'
    >>> declared_encoding(b"<meta charset='latin1'>")  # browsers read latin1 as windows-1252
    'cp1252'
    >>> declared_encoding(b'<meta charset="no-such-thing">') is None
    True
    """
    for pattern in (_XML_DECLARATION, _META_CHARSET):
        for match in pattern.finditer(head):
            codec = codec_for_label(match.group(1).decode("ascii", "replace"))
            if codec is not None:
                return codec
    return None


def codec_for_label(label: str) -> str | None:
    """The Python codec for an encoding label as browsers read it, or ``None``."""
    label = label.strip().strip("\"'").lower()
    if label in _LABEL_ALIASES:
        return _LABEL_ALIASES[label]
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def detect_encoding(data: bytes, sample: bytes | None = None) -> str | None:
    """The most plausible legacy encoding of ``data`` (not valid UTF-8), or ``None``.

    Candidates are scored with :func:`plausibility` on the page's non-ASCII text;
    ties go to the encodings the page's ``lang`` suggests, then to the commoner
    ones.  When several candidates read equally well (CJK double-byte encodings
    read each other's bytes as valid Han text) or none reads well,
    charset-normalizer's language models break the tie.
    """
    sample = _text_sample(data) if sample is None else sample
    lang = _LANG.search(data, 0, DECLARATION_WINDOW)
    preferred = list(_BY_LANGUAGE.get(lang.group(1).decode().lower(), ())) if lang else []
    candidates = preferred + [c for c in _COMMON if c not in preferred]
    scores: dict[str, float] = {}
    for encoding in candidates:
        scores[encoding] = _score(sample, encoding)
        if scores[encoding] >= 0.98 and encoding not in _DOUBLE_BYTE:
            break  # a single-byte encoding that reads this well is the one: stop early
    best = max(scores, key=scores.__getitem__)  # max keeps the first of equals
    tied = [c for c in scores if scores[c] >= scores[best] - 0.05]
    if scores[best] < 0.9 or (best in _DOUBLE_BYTE and len(tied) > 1 and best not in preferred):
        for guess in _normalizer_guesses(sample):
            if guess not in scores:
                scores[guess] = _score(sample, guess)
            if scores[guess] >= scores[best] - 0.05:
                best = guess
                break
    return best if scores[best] >= MIN_PLAUSIBILITY else None


def plausibility(text: str) -> float:
    """How much ``text`` looks like real writing rather than mojibake, from -1 to 1.

    The share of words holding a non-ASCII character that are written in one
    script with no mojibake tell, minus the share that are not (or that hold a
    symbol glued between letters), minus twice the share of undecodable bytes
    (U+FFFD).  Text with no non-ASCII word scores 1.

    >>> plausibility("قال المتحدث باسم الحكومة")
    1.0
    >>> plausibility("ÞÇá ÇáãÊÍÏË ÈÇÓã ÇáÍßæãÉ") < 0
    True
    """
    words = _WORD.findall(text)
    if not words:
        return 1.0 - min(1.0, 20 * text.count("\ufffd") / max(1, len(text)))
    good = 0
    for word in words:
        if _COHERENT_WORD.fullmatch(word) and not _CASE_FLIP.search(word) and not _LATIN_RUN.search(word):
            good += 1
    bad = len(words) - good + len(_GLUED_SYMBOL.findall(text))
    replaced = text.count("\ufffd")
    return (good - bad - 2 * replaced) / len(words)


def _normalizer_guesses(sample: bytes) -> list[str]:
    """charset-normalizer's first guesses for ``sample``, as Python codec names."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer comes with trafilatura
        return []
    names = (codecs.lookup(match.encoding).name for match in from_bytes(sample))
    # UTF-16/32 without a BOM are recognised from their NUL bytes, not from a statistical guess
    return [name for name in names if not name.startswith("utf")][:5]


def _score(sample: bytes, encoding: str) -> float:
    try:
        return plausibility(sample.decode(encoding, errors="replace"))
    except LookupError:
        return -2.0


def _text_sample(data: bytes, limit: int = 12_000) -> bytes:
    """The text runs (between tags) of a page that hold non-ASCII bytes, joined, up to ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    for match in _TEXT_RUN.finditer(data):
        if _HIGH.search(match.group(0)):
            parts.append(match.group(0).strip())
            size += len(parts[-1]) + 1
            if size >= limit:
                break
    return b"\n".join(parts)


def _decode_leniently(data: bytes, encoding: str) -> str | None:
    """Decode strictly, or with replacements when under 1 % of the characters are broken."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    broken = text.count("\ufffd")
    non_ascii = len(data.translate(None, _ASCII)) or 1
    return text if broken <= max(3, 0.01 * non_ascii) else None


def _binary(data: bytes) -> bool:
    """Control bytes (NUL and the like, never part of UTF-8 or legacy text) in more than 2 % of the start."""
    window = min(len(data), 65_536)
    return len(_CONTROL.findall(data, 0, window)) > 0.02 * window + 2


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ASCII markup shows as every other byte being NUL."""
    head = data[:2048]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None
