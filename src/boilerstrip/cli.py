"""The ``boilerstrip`` command: a thin argparse layer over :mod:`.load`, :mod:`.batch` and :mod:`.report`.

    boilerstrip FILE [--format text|json|tsv]      title, body and sources of one page (FILE or - for stdin)
    boilerstrip explain FILE [--html OUT.html]     every line with its label and the rule that decided it
    boilerstrip batch INPUT... -o OUT.jsonl        one JSON record per page, in order, none lost

Exit status: 0 when every record was handled (a record that failed still
counts as handled: it is written as an error record), 2 for bad arguments,
unreadable input, a batch with no records or whose every record failed for
one reason, with a one-line message on stderr, 130 when interrupted.

Only argparse is loaded before the arguments are read: the classifier and
trafilatura are imported by the command that needs them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .batch import JsonlFields, Options, WorkerStartError, run_batch
from .load import label, prepare
from .model import InputError, Page
from .report import colour_table, explain_table, format_text, format_tsv, render_html

COMMANDS = ("strip", "explain", "batch")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (argparse prints the usage too)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _Version(argparse.Action):
    """``--version``: the version and the core that runs (``core: native`` or ``core: python``,
    with the reason), asked only when the option is given."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and the core"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from . import native

        print(f"boilerstrip {__version__} ({native.describe()})")
        parser.exit(EXIT_OK)


def _positive_int(text: str) -> int:
    """A count of at least 1 (``--workers``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _seconds(text: str) -> float | None:
    """A time limit in seconds (``--timeout``); 0 or infinity mean none."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0:  # also refuses NaN
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0, not {text}")
    return value if 0 < value < float("inf") else None


def _add_page_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="a page as plain text or HTML (found by content); - for stdin"
    )
    parser.add_argument(
        "--type",
        choices=("auto", "text", "html"),
        default="auto",
        help="read FILE as this instead of telling from its content",
    )
    parser.add_argument("--url", help="the page's address, for HTML mode")
    parser.add_argument(
        "--decoder",
        choices=("rules", "fitted"),
        default=None,
        help="who decides each line: the weights fitted on the line-labelled corpus (fitted, the "
        "default; explain shows the evidence weighed) or the hand-written passes alone (rules)",
    )
    _add_encoding_option(parser)


def _add_encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="decode the bytes with this encoding (windows-1256, cp1252 …) instead of detecting it",
    )


def build_parsers() -> dict[str, argparse.ArgumentParser]:
    """One parser per command; ``strip`` is the default, so ``boilerstrip FILE`` needs no command word."""
    strip = _Parser(
        prog="boilerstrip",
        description="Label every line of a news page and print its title, body and sources.",
        epilog="Other commands: 'boilerstrip explain FILE' (every line with its label and rule), "
        "'boilerstrip batch INPUT... -o OUT.jsonl' (many pages). "
        "Use 'boilerstrip strip FILE' for a file named like a command.",
    )
    _add_page_options(strip)
    strip.add_argument(
        "--format",
        choices=("text", "json", "tsv"),
        default="text",
        help="text: title, body, sources; json: the whole page with every line; "
        "tsv: LABEL<TAB>TEXT per input line, 'blank' for blank lines",
    )
    strip.add_argument("--version", action=_Version)

    explain = _Parser(
        prog="boilerstrip explain",
        description="Show every line of a page with its label and the rule that decided it.",
    )
    _add_page_options(explain)
    explain.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="colour lines by label (default: when stdout is a terminal and NO_COLOR is unset)",
    )
    explain.add_argument(
        "--html",
        metavar="OUT.html",
        help="write a self-contained HTML page of the labelled lines to OUT.html instead",
    )
    explain.add_argument("--overwrite", action="store_true", help="replace OUT.html when it exists")

    batch = _Parser(
        prog="boilerstrip batch",
        description="Label many pages: files, folders of .txt/.html/.htm(.gz), JSON Lines, WARC/WET. "
        "Writes one JSON record per input record, in input order: "
        "id, url, title, body, sources, date, language, error.",
    )
    batch.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="file, folder, .jsonl(.gz), .warc(.gz), .wet(.gz)"
    )
    batch.add_argument(
        "-o", "--output", required=True, metavar="OUT.jsonl", help="where to write the records"
    )
    batch.add_argument("--workers", type=_positive_int, default=1, help="worker processes (default 1)")
    batch.add_argument(
        "--timeout",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="a record that takes longer becomes an error record (default 60; 0: no limit)",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="keep the records already in OUT and label the rest (by id and occurrence)",
    )
    batch.add_argument("--overwrite", action="store_true", help="replace OUT when it exists")
    batch.add_argument(
        "--lines", action="store_true", help="add every line with its label and rule to each record"
    )
    _add_encoding_option(batch)
    batch.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress line on stderr (default: when stderr is a terminal)",
    )
    jsonl = batch.add_argument_group("JSON Lines fields")
    jsonl.add_argument(
        "--text-field",
        default=None,
        help="field holding a plain-text page (default: the first of html, raw_html, html_content, "
        "text, content, raw_content that a record has)",
    )
    jsonl.add_argument(
        "--html-field", default=None, help="field holding an HTML page; used first, then --text-field"
    )
    jsonl.add_argument("--id-field", default="id", help="field holding the record id (default: id)")
    jsonl.add_argument("--url-field", default="url", help="field holding the page URL (default: url)")
    return {"strip": strip, "explain": explain, "batch": batch}


def _read(name: str) -> bytes:
    """The bytes of FILE, or of stdin for ``-``."""
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _load(args: argparse.Namespace) -> tuple[Page, int | None]:
    """The page in FILE, and its number of text lines when it is plain text (for TSV)."""
    name = "stdin" if args.file == "-" else args.file
    kind, payload = prepare(_read(args.file), args.type, name=name, encoding=args.encoding)
    rows = len(payload.split("\n")) if isinstance(payload, str) and kind == "text" else None
    from .config import Config  # imported when a page is read: `--help` stays quick

    config = Config(decoder=args.decoder) if args.decoder else None
    return label(kind, payload, url=args.url, config=config), rows


def _run_strip(args: argparse.Namespace) -> int:
    page, rows = _load(args)
    if args.format == "json":
        sys.stdout.write(json.dumps(page.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "tsv":
        sys.stdout.write(format_tsv(page, rows))
    else:
        sys.stdout.write(format_text(page, counts=True) + "\n")
    return EXIT_OK


def _run_explain(args: argparse.Namespace) -> int:
    page, _ = _load(args)
    if args.html:
        _check_html_output(Path(args.html), args.file, overwrite=args.overwrite)
        name = "stdin" if args.file == "-" else Path(args.file).name
        try:
            Path(args.html).write_text(render_html(page, name=name), encoding="utf-8", errors="replace")
        except OSError as exc:
            raise InputError(f"cannot write {args.html}: {exc.strerror or exc}") from None
        print(f"boilerstrip explain: wrote {args.html} ({len(page.lines)} labelled lines)", file=sys.stderr)
        return EXIT_OK
    colour = args.color if args.color is not None else sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    # number, label and rule take 52 columns; the text gets the rest of a terminal, 90 columns elsewhere
    width = max(20, shutil.get_terminal_size().columns - 52) if sys.stdout.isatty() else 90
    sys.stdout.write((colour_table(page, width) if colour else explain_table(page, width)) + "\n")
    return EXIT_OK


def _check_html_output(out: Path, source: str, *, overwrite: bool) -> None:
    """Refuse to write the view over the page it shows, or over an existing file without ``--overwrite``."""
    if out.exists() and source != "-" and Path(source).exists() and out.samefile(source):
        raise InputError(f"--html {out} is the input page; give another file name")
    if out.exists() and not overwrite:
        raise InputError(f"{out} already exists: --overwrite to replace it")


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends a batch run like Ctrl-C does: workers stopped, records so far kept."""
    raise KeyboardInterrupt


def _run_batch(args: argparse.Namespace) -> int:
    fields = JsonlFields(text=args.text_field, html=args.html_field, id=args.id_field, url=args.url_field)
    if args.resume and args.overwrite:
        raise InputError("--resume and --overwrite contradict each other: keep OUT's records or replace them")
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = run_batch(
            args.inputs,
            args.output,
            fields=fields,
            workers=args.workers,
            timeout=args.timeout,
            resume=args.resume,
            overwrite=args.overwrite,
            options=Options(lines=args.lines, encoding=args.encoding),
            progress=sys.stderr if show else None,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    for line in summary.lines(Path(args.output)):
        print(f"boilerstrip batch: {line}", file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    if not summary.complete:
        return EXIT_FAILED
    if summary.records_in == 0 or summary.uniform_failure:
        return EXIT_USAGE
    return EXIT_OK


RUNNERS = {"strip": _run_strip, "explain": _run_explain, "batch": _run_batch}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (also when argparse wants to exit)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list.pop(0) if args_list and args_list[0] in COMMANDS else "strip"
    parser = build_parsers()[command]
    try:
        args = parser.parse_args(args_list)
        return RUNNERS[command](args)
    except SystemExit as exc:  # --help, --version and argument errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except InputError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WorkerStartError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
