"""Bytes to text for HTML mode: BOM, declared charset, detection, refusal.

Legacy-encoded pages are made here by encoding text we write ourselves; no
third-party page is stored in the repository.
"""

from __future__ import annotations

import codecs
import gzip
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import strip_html
from boilerstrip.model import InputError
from boilerstrip.readers.decode import codec_for_label, declared_encoding, decode_html, plausibility

ARABIC = (
    "قال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة، "
    "وأضاف أن الوفدين اتفقا على جدول أعمال يشمل الملفات الاقتصادية والأمنية."
)
# Persian as legacy windows-1256 pages wrote it: Arabic yeh and kaf (cp1256 has no
# Farsi yeh or keheh), but the Persian letters پ چ ژ گ and the zero-width non-joiner.
PERSIAN = (
    "سخنگوي دولت روز گذشته گفت که گفتگوها هفته آينده در پايتخت از سر گرفته مي‌شود "
    "و دو طرف بر سر برنامه‌اي شامل پرونده‌هاي اقتصادي و امنيتي به توافق رسيده‌اند."
)


def page(body: str, head: str = "", lang: str = "ar") -> str:
    head = f"<head>{head}<title>خبر</title></head>"
    return f'<html lang="{lang}" dir="rtl">{head}<body><p>{body}</p></body></html>'


# --------------------------------------------------------------------------- BOM


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_bom_decides_and_is_removed(bom: bytes, codec: str) -> None:
    html = page(ARABIC, '<meta charset="windows-1256">')  # the BOM outranks the declaration
    text, used = decode_html(bom + html.encode(codec))
    assert (text, used) == (html, codec)


def test_bom_that_lies_is_refused() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode_html(codecs.BOM_UTF8 + ARABIC.encode("cp1256"))


# --------------------------------------------------------------------------- declarations


def test_meta_charset_windows_1256() -> None:
    html = page(ARABIC, '<meta charset="windows-1256">')
    assert decode_html(html.encode("cp1256")) == (html, "cp1256")


def test_http_equiv_iso_8859_6() -> None:
    html = page(ARABIC, '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">')
    assert decode_html(html.encode("iso8859-6")) == (html, "iso8859-6")


def test_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="windows-1256"?>' + page(ARABIC)
    assert decode_html(html.encode("cp1256"))[1] == "cp1256"


def test_labels_are_read_as_browsers_read_them() -> None:
    assert codec_for_label("ISO-8859-1") == "cp1252"  # WHATWG: latin1 means windows-1252
    assert codec_for_label(" 'Windows-1256' ") == "cp1256"
    assert codec_for_label("x-sjis") == "cp932"
    assert codec_for_label("no-such-encoding") is None
    assert declared_encoding(b"<meta content='text/html; charset=utf-16'>") == "utf-8"


def test_latin1_declaration_decodes_windows_1252_quotes() -> None:
    raw = b'<meta charset="iso-8859-1"><p>\x93quoted\x94 caf\xe9</p>'
    assert decode_html(raw)[0].endswith("<p>\u201cquoted\u201d café</p>")


def test_valid_utf8_wins_over_a_stale_declaration() -> None:
    """Pages re-saved as UTF-8 often keep their old <meta charset>."""
    html = page(ARABIC, '<meta charset="windows-1256">')
    assert decode_html(html.encode("utf-8")) == (html, "utf-8")


def test_wrong_declaration_is_overruled_by_the_text() -> None:
    """A windows-1256 page that declares latin1 reads as mojibake: the detection takes over."""
    html = page(ARABIC, '<meta charset="iso-8859-1">')
    assert decode_html(html.encode("cp1256")) == (html, "cp1256")


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize("codec", ["cp1256", "iso8859-6"])
@pytest.mark.parametrize("lang", ["ar", ""])
def test_undeclared_arabic_is_detected(codec: str, lang: str) -> None:
    html = page(ARABIC + " " + ARABIC, lang=lang)
    assert decode_html(html.encode(codec)) == (html, codec)


@pytest.mark.parametrize("lang", ["fa", ""])
def test_undeclared_persian_windows_1256_is_detected(lang: str) -> None:
    html = page(PERSIAN, lang=lang)
    assert decode_html(html.encode("cp1256")) == (html, "cp1256")


def test_other_legacy_encodings() -> None:
    russian = "<p>Президент заявил, что переговоры продолжатся на следующей неделе.</p>"
    assert decode_html(russian.encode("cp1251")) == (russian, "cp1251")
    french = "<p>Le président a déclaré que les négociations reprendront à Genève.</p>"
    assert decode_html(french.encode("cp1252")) == (french, "cp1252")
    japanese = '<html lang="ja"><p>政府は来週、交渉を再開すると発表した。</p></html>'
    assert decode_html(japanese.encode("shift_jis"))[0] == japanese


def test_plausibility_tells_text_from_mojibake() -> None:
    assert plausibility(ARABIC) == 1.0
    assert plausibility(ARABIC.encode("cp1256").decode("cp1252", errors="replace")) < 0
    assert plausibility(ARABIC.encode("iso8859-6").decode("cp874", errors="replace")) < 0.6


def test_utf16_without_bom() -> None:
    html = "<html><body><p>Hello, world: a page saved as UTF-16.</p></body></html>"
    assert decode_html(html.encode("utf-16-le")) == (html, "utf-16-le")


# --------------------------------------------------------------------------- refusal


def test_binary_bytes_are_refused_with_one_clear_error() -> None:
    # seeded: random bytes that happen to open with a BOM or gzip's magic (1 run in ~20 000) get another error
    noise = random.Random(0).randbytes(4096)
    with pytest.raises(InputError, match="binary") as info:
        decode_html(noise + b"\x00\x01\x02" * 100)
    assert isinstance(info.value, ValueError)


def test_compressed_bytes_are_refused() -> None:
    with pytest.raises(InputError, match="gzip"):
        decode_html(gzip.compress(page(ARABIC).encode("utf-8")))


def test_strip_html_refuses_undecodable_bytes() -> None:
    with pytest.raises(InputError):
        strip_html(bytes(range(256)) * 16)


def test_strip_html_reads_a_windows_1256_page() -> None:
    html = page(ARABIC + " " + ARABIC, '<meta charset="windows-1256">')
    body = strip_html(html.encode("cp1256")).body
    assert "المفاوضات ستستأنف" in body


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text, codec = decode_html(data)
    except InputError:
        return
    assert isinstance(text, str) and isinstance(codec, str)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\t\n\r"), max_size=300
    ).filter(lambda s: not s.startswith("\ufeff"))
)
def test_utf8_round_trips(text: str) -> None:
    """Text without control characters (which only binary data holds) comes back as it went."""
    assert decode_html(text.encode("utf-8")) == (text, "utf-8")
