"""Atheris (libFuzzer) target for ``boilerstrip.strip_html`` (issue #6).

    python tests/fuzz/fuzz_strip_html.py -max_total_time=30 -seed=1

Each input is given to ``strip_html`` as ``bytes`` (raw, or an HTML document
the fuzzer assembles from tags, attributes, lexicon boilerplate and prose, then
encodes in a chosen charset) or as ``str``.  Promises checked:

- ``str`` input never raises;
- ``bytes`` input raises nothing but ``boilerstrip.InputError`` (undecodable bytes);
- the page is well formed: line numbers strictly increase, every label is a
  ``Label`` and every rule a non-empty ``str``, the body is the stripped text
  of the ``body`` lines in order.

Importing this module does nothing; it exits at once (status 0, with a
message) when HTML mode (``boilerstrip.strip_html``) is not there.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_TESTS = str(Path(__file__).resolve().parent.parent)

TAGS = (
    "p", "div", "span", "a", "nav", "header", "footer", "aside", "article", "main", "section", "figure",
    "figcaption", "h1", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "br", "pre", "blockquote", "form",
    "button", "script", "style", "noscript", "iframe", "time", "address", "template", "svg", "math", "title",
)
ATTRIBUTES = (
    "", ' class="related"', ' class="comments"', ' id="nav"', ' role="navigation"', ' hidden',
    ' style="display:none"', ' itemprop="articleBody"', ' aria-hidden="true"', ' class="share-buttons"',
    ' dir="rtl"', ' lang="ar"', ' href="/news/1"', ' rel="author"', ' class="caption credit"',
)
ENCODINGS = ("utf-8", "utf-16", "cp1256", "cp1252", "iso8859-6", "utf-8-sig", "gb18030", "koi8-r")


def build_html(fdp: Any, strategies: Any) -> str:
    """An HTML document assembled from the fuzzer's bytes."""
    boiler = strategies.boilerplate_lines()
    scripts = sorted(strategies.WORDS)
    out = ["<!DOCTYPE html><html><head>"]
    if fdp.ConsumeBool():
        out.append(f'<meta charset="{ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]}">')
    if fdp.ConsumeBool():
        out.append(f'<meta name="author" content="{fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 300))}">')
    out.append("</head><body>")
    open_tags: list[str] = []
    for _ in range(fdp.ConsumeIntInRange(0, 80)):
        kind = fdp.ConsumeIntInRange(0, 6)
        if kind == 0:
            tag = TAGS[fdp.ConsumeIntInRange(0, len(TAGS) - 1)]
            out.append(f"<{tag}{ATTRIBUTES[fdp.ConsumeIntInRange(0, len(ATTRIBUTES) - 1)]}>")
            open_tags.append(tag)
        elif kind == 1 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        elif kind == 2:
            words, mark = strategies.WORDS[scripts[fdp.ConsumeIntInRange(0, len(scripts) - 1)]]
            n = fdp.ConsumeIntInRange(1, 60)
            out.append(" ".join(words[fdp.ConsumeIntInRange(0, len(words) - 1)] for _ in range(n)) + mark)
        elif kind == 3:
            out.append(boiler[fdp.ConsumeIntInRange(0, len(boiler) - 1)])
        elif kind == 4:
            out.append(fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 100)))
        elif kind == 5:
            out.append(strategies.MARKUPISH[fdp.ConsumeIntInRange(0, len(strategies.MARKUPISH) - 1)])
        else:
            out.append(("&nbsp;", "&#0;", "&#x202e;", "&amp;", "&lt;p&gt;", "<!--", "-->", "<br>")[
                fdp.ConsumeIntInRange(0, 7)
            ])
    if fdp.ConsumeBool():
        out.extend(f"</{tag}>" for tag in reversed(open_tags))
        out.append("</body></html>")
    return "".join(out)


def make_input(fdp: Any, strategies: Any) -> str | bytes:
    """``str`` or ``bytes`` for ``strip_html``, as the fuzzer's bytes choose."""
    mode = fdp.ConsumeIntInRange(0, 4)
    if mode == 0:
        return fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 8192))
    if mode == 1:
        return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 4096))
    html = build_html(fdp, strategies)
    if mode == 2:
        return html
    encoding = ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
    errors = "surrogatepass" if encoding == "utf-8" else "replace"
    data = html.encode(encoding, errors=errors)
    if mode == 4 and data:  # damage the bytes: truncate, or flip one
        cut = fdp.ConsumeIntInRange(0, len(data))
        data = data[:cut] + bytes([fdp.ConsumeIntInRange(0, 255)]) + data[cut + 1:]
    return data


def check_page(page: Any, label_type: Any) -> None:
    """The structural promises of an HTML page (its lines are the rendered text, not the input's)."""
    numbers = [ln.number for ln in page.lines]
    assert numbers == sorted(set(numbers)) and all(n >= 1 for n in numbers), numbers
    for ln in page.lines:
        assert isinstance(ln.label, label_type), ln
        assert isinstance(ln.rule, str) and ln.rule.strip(), ln
        assert ln.text.strip(), ln
    body = [ln.text.strip() for ln in page.lines if ln.label is label_type.BODY]
    assert page.body == "\n".join(body)


def main(argv: list[str]) -> None:
    """Instrument boilerstrip and fuzz ``strip_html`` until libFuzzer stops."""
    import atheris

    sys.path.insert(0, _TESTS)
    with atheris.instrument_imports(include=["boilerstrip"]):
        import boilerstrip
        try:
            from boilerstrip import strip_html
        except ImportError:
            print("boilerstrip.strip_html is not there yet: nothing to fuzz", file=sys.stderr)
            return
    import strategies

    def test_one_input(data: bytes) -> None:
        given = make_input(atheris.FuzzedDataProvider(data), strategies)
        try:
            page = strip_html(given)
        except boilerstrip.InputError:
            if isinstance(given, str):
                raise  # str input has nothing to decode: InputError is a bug there
            return
        check_page(page, boilerstrip.Label)

    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
