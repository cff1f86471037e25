"""trafilatura's XPath tables, compiled to one Python pass over the tree.

trafilatura keeps its knowledge of page furniture as XPath expressions
(:mod:`trafilatura.xpaths`).  Evaluated by lxml, each ``re:test`` of a class or
id calls back into Python once per element per expression: on a news page the
dozen expressions boilerstrip reads cost about 35 ms, more than trafilatura's
own extraction, which evaluates them on a pruned copy of the article only.

This module reads the expressions' text and compiles the small subset of
XPath 1.0 they are written in — descendant steps with predicates made of
``self::`` tests, attribute tests and comparisons, ``contains``,
``starts-with``, ``translate``, EXSLT ``re:test``, ``not``, ``and``/``or``,
unions and ``[1]`` positions — into generated Python code that tests every
element in a single walk.  The vocabularies stay trafilatura's, read at import
time; an expression outside the subset (a later trafilatura may write one) is
evaluated by lxml as before, so nothing is silently lost.
:func:`check_against_lxml` compares both ways on a tree (the tests use it).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

__all__ = ["CompiledXPaths", "Unsupported", "check_against_lxml", "compile_xpaths"]


class Unsupported(ValueError):
    """An XPath construct outside the subset this module compiles."""


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'[^']*'|"[^"]*")
      | (?P<number>\d+)
      | (?P<op>\.//|//|::|\(|\)|\[|\]|,|\||=|@)
      | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?|\*)
    )""",
    re.VERBOSE,
)


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise Unsupported(f"cannot read {text[pos:pos + 20]!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        tokens.append((kind, value))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


@dataclass
class _Alternative:
    """One ``.//step[pred]…`` of a union: which tags, which test, which position."""

    tag: str | None  # None for "*"
    predicate: str | None  # Python expression over el, tag, get; None for "always"
    first_per_parent: bool = False  # `.//*[p][1]`
    first_overall: bool = False  # `(.//*[p])[1]`
    include_root: bool = False  # `//x` starts at the document, `.//x` below the context element
    tags: frozenset[str] | None = None  # the only tags it can match, when its first test says so


class _Parser:
    """Recursive descent over one expression (its nesting is a few levels: no depth risk).

    The generated code reads an element's tag as ``tag``, its attributes as the
    dict ``A`` (in source order) and the element itself as ``el``.
    """

    def __init__(self, text: str, constants: list[Any], attributes: set[str]) -> None:
        self.tokens = _tokenize(text)
        self.pos = 0
        self.constants = constants
        self.attributes = attributes  # every attribute name the code reads

    # -- token helpers
    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None, kind: str | None = None) -> str:
        token_kind, token_value = self.peek()
        if (value is not None and token_value != value) or (kind is not None and token_kind != kind):
            raise Unsupported(f"expected {value or kind}, found {token_value!r}")
        self.pos += 1
        return token_value

    def const(self, value: Any) -> str:
        self.constants.append(value)
        return f"C[{len(self.constants) - 1}]"

    # -- paths
    def union(self) -> list[_Alternative]:
        alternatives = self.path()
        while self.peek()[1] == "|":
            self.take("|")
            alternatives += self.path()
        if self.peek()[0] != "end" and self.peek()[1] != ")":
            raise Unsupported(f"unexpected {self.peek()[1]!r}")
        return alternatives

    def path(self) -> list[_Alternative]:
        if self.peek()[1] == "(":
            self.take("(")
            inner = self.union()
            self.take(")")
            if self.peek()[1] == "[":
                self.take("[")
                if self.take(kind="number") != "1":
                    raise Unsupported("only [1] positions")
                self.take("]")
                if len(inner) != 1:
                    raise Unsupported("position over a union")
                inner[0].first_overall = True
            return inner
        if self.peek()[1] not in (".//", "//"):
            raise Unsupported("only descendant steps")
        include_root = self.take() == "//"
        name = self.take(kind="name")
        predicates: list[str] = []
        first_per_parent = False
        while self.peek()[1] == "[":
            self.take("[")
            if self.peek()[0] == "number":
                if self.take() != "1":
                    raise Unsupported("only [1] positions")
                first_per_parent = True
            else:
                if first_per_parent:
                    raise Unsupported("predicate after a position")
                predicates.append(self.or_expr())
            self.take("]")
        if self.peek()[1] in (".//", "//"):
            raise Unsupported("multi-step paths")
        predicate = " and ".join(f"({p})" for p in predicates) if predicates else None
        tags = frozenset({name}) if name != "*" else None
        if tags is None and predicates and (match := _TAG_SET.fullmatch(predicates[0])):
            tags = self.constants[int(match.group(1))]
        return [
            _Alternative(None if name == "*" else name, predicate, first_per_parent, include_root=include_root, tags=tags)
        ]

    # -- predicates
    def or_expr(self) -> str:
        parts = [self.and_expr()]
        while self.peek() == ("name", "or"):
            self.take("or")
            parts.append(self.and_expr())
        tags = [p[len("tag == ") :] for p in parts if p.startswith("tag == ")]
        if len(parts) > 1 and len(tags) == len(parts):  # self::a or self::b … → one set lookup
            return f"tag in {self.const(frozenset(ast.literal_eval(t) for t in tags))}"
        # tests that read the tree run after those on the element's own attributes
        parts.sort(key=_reads_tree)
        return " or ".join(f"({p})" for p in parts) if len(parts) > 1 else parts[0]

    def and_expr(self) -> str:
        parts = [self.unary()]
        while self.peek() == ("name", "and"):
            self.take("and")
            parts.append(self.unary())
        return " and ".join(f"({p})" for p in parts) if len(parts) > 1 else parts[0]

    def unary(self) -> str:
        kind, value = self.peek()
        if value == "(":
            self.take("(")
            inner = self.or_expr()
            self.take(")")
            return inner
        if kind == "name" and value == "not" and self.peek(1)[1] == "(":
            self.take()
            self.take("(")
            inner = self.or_expr()
            self.take(")")
            return f"not ({inner})"
        if kind == "name" and value == "self" and self.peek(1)[1] == "::":
            self.take()
            self.take("::")
            return f"tag == {self.take(kind='name')!r}"
        if value in (".//", "//"):
            self.take()
            name = self.take(kind="name")
            if self.peek()[1] == "[":
                raise Unsupported("predicates inside a descendant test")
            return f"_has_descendant(el, {name!r})"
        if kind == "name" and value in ("contains", "starts-with", "re:test") and self.peek(1)[1] == "(":
            return self.function()
        if value == "@":
            self.take("@")
            name = self.take(kind="name")
            self.attributes.add(name)
            if self.peek()[1] == "=":
                self.take("=")
                return f"A.get({name!r}) == {self.string()!r}"
            if self.peek()[1] == "|":
                raise Unsupported("attribute union outside a function")
            return f"{name!r} in A"
        if kind == "name" and self.peek(1)[1] == "=":  # child element's string value, e.g. rel='me'
            self.take()
            self.take("=")
            return f"_child_text(el, {value!r}) == {self.string()!r}"
        raise Unsupported(f"predicate {value!r}")

    def function(self) -> str:
        name = self.take(kind="name")
        self.take("(")
        subject = self.value()
        self.take(",")
        pattern = self.string()
        flags = ""
        if self.peek()[1] == ",":
            self.take(",")
            flags = self.string()
        self.take(")")
        if name == "contains":
            return f"{pattern!r} in {subject}"
        if name == "starts-with":
            return f"{subject}.startswith({pattern!r})"
        if set(flags) - {"i", "g"}:
            raise Unsupported(f"re:test flags {flags!r}")
        compiled = re.compile(pattern, re.IGNORECASE if "i" in flags else 0)
        return f"{self.const(compiled)}.search({subject}) is not None"

    def value(self) -> str:
        if self.peek() == ("name", "translate"):
            self.take()
            self.take("(")
            inner = self.value()
            self.take(",")
            source = self.string()
            self.take(",")
            target = self.string()
            self.take(")")
            # XPath translate() deletes the characters that have no counterpart
            table = {ord(c): (target[i] if i < len(target) else None) for i, c in enumerate(source)}
            return f"{inner}.translate({self.const(table)})"
        names = []
        self.take("@")
        names.append(self.take(kind="name"))
        while self.peek()[1] == "|":
            self.take("|")
            self.take("@")
            names.append(self.take(kind="name"))
        self.attributes.update(names)
        if len(names) == 1:
            return f"A.get({names[0]!r}, '')"
        # the string value of a node-set is its first node in document order
        return f"_first(A, {self.const(frozenset(names))})"

    def string(self) -> str:
        return self.take(kind="string")[1:-1]


_TAG_SET = re.compile(r"tag in C\[(\d+)\]")


def _first(attributes: dict[str, str], names: frozenset[str]) -> str:
    for key, value in attributes.items():  # in source order, as lxml gives them
        if key in names:
            return value
    return ""


def _has_descendant(element: Any, name: str) -> bool:
    return next(element.iterdescendants(name), None) is not None


def _reads_tree(code: str) -> bool:
    """Whether generated code looks beyond the element's tag and attributes."""
    return "_has_descendant(el," in code or "_child_text(el," in code


def _child_text(element: Any, name: str) -> str | None:
    child = next(element.iterchildren(name), None)
    return None if child is None else "".join(child.itertext())


@dataclass
class CompiledXPaths:
    """Named groups of trafilatura expressions, evaluated in one walk by :meth:`evaluate`.

    ``pure`` tests what depends on an element's tag and attributes alone, and its
    answers are cached by (tag, attributes): a page repeats the same few class
    strings hundreds of times, and sites share them.  ``tree`` tests the rest
    (``not(.//h1)``, a child's text).  ``fallback`` holds the expressions lxml
    evaluates instead (outside the subset).
    """

    names: list[tuple[str, int]]  # (group, index in group) per expression
    alternatives: list[list[_Alternative]]
    pure: Callable[[str, dict[str, str]], tuple[int, ...]]
    tree: Callable[[Any, str, dict[str, str]], list[int]]
    fallback: dict[int, Any]
    attributes: frozenset[str]  # the attributes the tests read: the cache key keeps only these
    extra: Callable[[str, dict[str, str]], tuple[str, ...]] | None = None
    tree_tags: frozenset[str] | None = None  # tags ``tree`` can match (None: any)
    cache: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[tuple[int, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    cache_size: int = 100_000

    def evaluate(self, root: Any) -> tuple[dict[str, list[list[Any]]], dict[Any, tuple[str, ...]]]:
        """Matches per group, per expression, in document order (as lxml returns them).

        Also returns what the ``extra`` function (given to :func:`compile_xpaths`)
        says of each element it says something of, computed in the same walk and
        cached with the rest.
        """
        count = len(self.names)
        results: list[list[Any]] = [[] for _ in range(count)]
        firsts: list[set[Any]] = [set() for _ in range(count)]
        done_overall: set[tuple[int, int]] = set()
        extras: dict[Any, tuple[str, ...]] = {}
        cache, pure, tree, wanted, extra = self.cache, self.pure, self.tree, self.attributes, self.extra
        tree_tags = self.tree_tags
        for element in root.iter():
            tag = element.tag
            if not isinstance(tag, str):
                continue
            items = tuple(item for item in element.items() if item[0] in wanted)
            key = (tag, items)
            cached = cache.get(key)
            attributes = dict(items)
            if cached is None:
                if len(cache) >= self.cache_size:
                    cache.clear()
                cached = cache[key] = (pure(tag, attributes), extra(tag, attributes) if extra else ())
            codes, said = cached
            if said:
                extras[element] = said
            more = tree(element, tag, attributes) if tree_tags is None or tag in tree_tags else ()
            if not codes and not more:
                continue
            for code in (*codes, *more) if more else codes:
                index, alt_index = divmod(code, 64)
                alternative = self.alternatives[index][alt_index]
                if element is root and not alternative.include_root:
                    continue
                if alternative.first_overall:
                    if (index, alt_index) in done_overall:
                        continue
                    done_overall.add((index, alt_index))
                elif alternative.first_per_parent:
                    parent = element.getparent()
                    if parent in firsts[index]:
                        continue
                    firsts[index].add(parent)
                if not results[index] or results[index][-1] is not element:
                    results[index].append(element)
        for index, expression in self.fallback.items():
            results[index] = [e for e in expression(root) if isinstance(e, etree._Element)]
        grouped: dict[str, list[list[Any]]] = {}
        for (group, _), found in zip(self.names, results):
            grouped.setdefault(group, []).append(found)
        return grouped, extras


def compile_xpaths(
    groups: Iterable[tuple[str, Sequence[Any]]],
    extra: Callable[[str, dict[str, str]], tuple[str, ...]] | None = None,
    extra_attributes: Iterable[str] = (),
) -> CompiledXPaths:
    """Compile ``(group name, [lxml XPath, …])`` pairs into one matcher.

    ``extra(tag, attributes)`` is any other test of an element's tag and
    attributes (``extra_attributes`` names those it reads) to run in the same
    walk, sharing its cache.
    """
    constants: list[Any] = []
    names: list[tuple[str, int]] = []
    alternatives: list[list[_Alternative]] = []
    fallback: dict[int, Any] = {}
    attributes: set[str] = set(extra_attributes)
    tree_tags: set[str] | None = set()
    pure = ["def pure(tag, A):", "    out = []"]
    tree = ["def tree(el, tag, A):", "    out = []"]
    for group, expressions in groups:
        for position, expression in enumerate(expressions):
            index = len(names)
            names.append((group, position))
            try:
                alts = _Parser(expression.path, constants, attributes).union()
                if len(alts) > 64:
                    raise Unsupported("too many alternatives")
            except Unsupported:
                fallback[index] = expression
                alternatives.append([])
                continue
            alternatives.append(alts)
            for alt_index, alt in enumerate(alts):
                tests = []
                if alt.tag is not None:
                    tests.append(f"tag == {alt.tag!r}")
                if alt.predicate is not None:
                    tests.append(alt.predicate)
                condition = " and ".join(f"({t})" for t in tests) or "True"
                target = tree if _reads_tree(condition) else pure
                if target is tree and tree_tags is not None:
                    tree_tags = None if alt.tags is None else tree_tags | alt.tags
                target.append(f"    if {condition}: out.append({index * 64 + alt_index})")
    pure.append("    return tuple(out)")
    tree.append("    return out")
    namespace: dict[str, Any] = {
        "C": constants, "_first": _first, "_child_text": _child_text, "_has_descendant": _has_descendant,
    }
    code = "\n".join(pure) + "\n\n" + "\n".join(tree)
    exec(compile(code, "<trafilatura-xpaths>", "exec"), namespace)
    return CompiledXPaths(
        names, alternatives, namespace["pure"], namespace["tree"], fallback, frozenset(attributes), extra,
        None if tree_tags is None else frozenset(tree_tags),
    )


def check_against_lxml(compiled: CompiledXPaths, groups: Iterable[tuple[str, Sequence[Any]]], root: Any) -> list[str]:
    """The expressions whose compiled matches differ from lxml's on ``root`` (empty when all agree)."""
    ours, _ = compiled.evaluate(root)
    differences = []
    for group, expressions in groups:
        for position, expression in enumerate(expressions):
            expected = [e for e in expression(root) if isinstance(e, etree._Element)]
            if ours[group][position] != expected:
                differences.append(f"{group}[{position}]")
    return differences
