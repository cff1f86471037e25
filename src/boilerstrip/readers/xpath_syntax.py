"""The XPath subset's syntax: one expression's text read into Python test code.

:mod:`boilerstrip.readers.xpath_subset` compiles trafilatura's expressions
into one walk over the tree; this module does the reading.  An expression is
a union of :class:`Alternative` steps, each a guard (Python code on the
element's tag and attributes alone, which the walk caches) and perhaps a
check (code that looks around the element).  Anything outside the subset
raises :class:`Unsupported`, and the caller hands that expression to lxml.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["RUNTIME", "Alternative", "Parser", "Unsupported"]


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
            raise Unsupported(f"cannot read {text[pos : pos + 20]!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        tokens.append((kind, value))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


@dataclass
class Alternative:
    """One ``.//step[pred]…`` of a union: which elements, which position.

    ``guard`` is the part of the test that reads only the element's tag and
    attributes (cached); ``check`` the part that looks around it (``not(.//h1)``,
    a child's text), run on the elements that pass the guard.
    """

    guard: str
    check: str | None = None
    first_per_parent: bool = False  # `.//*[p][1]`
    first_overall: bool = False  # `(.//*[p])[1]`
    include_root: bool = False  # `//x` starts at the document, `.//x` below the context element
    tags: frozenset[str] | None = None  # the only tags it can match (None: any)


class Parser:
    """Recursive descent over one expression (its nesting is a few levels: no depth risk).

    The generated code reads an element's tag (under its alias) as ``tag``,
    its attributes as the dict ``A`` (in source order), the element itself as
    ``el`` and the set of tag names it looks for that occur in the document as
    ``P``.
    """

    def __init__(
        self,
        text: str,
        constants: list[Any],
        attributes: set[str],
        tree_names: dict[str, tuple[str, ...]],
        aliases: Mapping[str, str],
    ) -> None:
        self.tokens = _tokenize(text)
        self.pos = 0
        self.constants = constants
        self.attributes = attributes  # every attribute name the code reads
        self.tree_names = tree_names  # every tag name the code looks for around the element, with its tags
        self.aliases = aliases

    def tree_name(self, name: str) -> str:
        """Note that the code looks for ``name`` around the element; return the constant of its tags."""
        tags = tuple(sorted({tag for tag, alias in self.aliases.items() if alias == name} - {name}))
        if name not in self.aliases:
            tags = (name, *tags)
        self.tree_names[name] = tags
        return self.const(tags)

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
    def union(self) -> list[Alternative]:
        alternatives = self.path()
        while self.peek()[1] == "|":
            self.take("|")
            alternatives += self.path()
        if self.peek()[0] != "end" and self.peek()[1] != ")":
            raise Unsupported(f"unexpected {self.peek()[1]!r}")
        return alternatives

    def path(self) -> list[Alternative]:
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
        clauses: list[list[str]] = []  # each predicate as its or-operands
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
                clauses.append(self.or_parts())
            self.take("]")
        if self.peek()[1] in (".//", "//"):
            raise Unsupported("multi-step paths")
        base = ([f"tag == {name!r}"] if name != "*" else []) + [
            _any(c) for c in clauses if not any(map(_reads_tree, c))
        ]
        mixed = [c for c in clauses if any(map(_reads_tree, c))]
        tags = frozenset({name}) if name != "*" else None
        for clause in clauses:  # `*[self::a or self::b]`: or_parts made it one set lookup
            held = re.fullmatch(r"tag in C\[(\d+)\]", clause[0]) if len(clause) == 1 else None
            if tags is None and held:
                tags = self.constants[int(held.group(1))]

        def alternative(guard: str, check: str | None) -> Alternative:
            return Alternative(
                guard, check, first_per_parent=first_per_parent, include_root=include_root, tags=tags
            )

        if not mixed:
            return [alternative(_all(base), None)]
        if len(mixed) == 1 and not first_per_parent:
            # P and (X or T) = (P and X) or (P and T): the attribute half is cached,
            # the tree half runs only where P holds
            attribute_parts = [p for p in mixed[0] if not _reads_tree(p)]
            tree_parts = [p for p in mixed[0] if _reads_tree(p)]
            split = [alternative(_all(base), _any(tree_parts))]
            if attribute_parts:
                split.insert(0, alternative(_all([*base, _any(attribute_parts)]), None))
            return split
        return [alternative(_all(base), _all([_any(c) for c in mixed]))]

    # -- predicates
    def or_parts(self) -> list[str]:
        """The operands of an ``or`` chain (one, when there is no ``or``)."""
        parts = [self.and_expr()]
        while self.peek() == ("name", "or"):
            self.take("or")
            parts.append(self.and_expr())
        tags = [p[len("tag == ") :] for p in parts if p.startswith("tag == ")]
        if len(parts) > 1 and len(tags) == len(parts):  # self::a or self::b … → one set lookup
            return [f"tag in {self.const(frozenset(ast.literal_eval(t) for t in tags))}"]
        # tests that read the tree run after those on the element's own attributes
        return sorted(parts, key=_reads_tree)

    def or_expr(self) -> str:
        return _any(self.or_parts())

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
            return f"({name!r} in P and _has_descendant(el, {self.tree_name(name)}))"
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
            return f"({value!r} in P and _child_text(el, {self.tree_name(value)}) == {self.string()!r})"
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


def _any(parts: Sequence[str]) -> str:
    return " or ".join(f"({p})" for p in parts) if len(parts) > 1 else (parts[0] if parts else "False")


def _all(parts: Sequence[str]) -> str:
    return " and ".join(f"({p})" for p in parts) if len(parts) > 1 else (parts[0] if parts else "True")


def _first(attributes: dict[str, str], names: frozenset[str]) -> str:
    for key, value in attributes.items():  # in source order, as lxml gives them
        if key in names:
            return value
    return ""


def _has_descendant(element: Any, tags: tuple[str, ...]) -> bool:
    return next(element.iterdescendants(*tags), None) is not None


def _reads_tree(code: str) -> bool:
    """Whether generated code looks beyond the element's tag and attributes."""
    return "_has_descendant(el," in code or "_child_text(el," in code


def _child_text(element: Any, tags: tuple[str, ...]) -> str | None:
    child = next(element.iterchildren(*tags), None)
    return None if child is None else "".join(child.itertext())


#: The functions the generated code calls, by the names it calls them.
RUNTIME: dict[str, Callable[..., Any]] = {
    "_first": _first,
    "_child_text": _child_text,
    "_has_descendant": _has_descendant,
}
