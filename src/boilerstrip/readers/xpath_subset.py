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
import copy
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
            raise Unsupported(f"cannot read {text[pos : pos + 20]!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        tokens.append((kind, value))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


@dataclass
class _Alternative:
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


class _Parser:
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

        def alternative(guard: str, check: str | None) -> _Alternative:
            return _Alternative(
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


#: A check: ``(element, tag, attributes, tag names present)`` → whether the element matches.
_Check = Callable[[Any, str, dict[str, str], frozenset[str]], bool]


class _Step(NamedTuple):
    """What :meth:`CompiledXPaths.evaluate` does with an element that passes an alternative's guard."""

    expression: int  # index in ``CompiledXPaths.names``
    number: int  # the alternative's own number among all expressions' alternatives
    check: _Check | None  # the part of the test that looks around the element, if any
    include_root: bool
    first_overall: bool
    first_per_parent: bool


@dataclass
class CompiledXPaths:
    """Named groups of trafilatura expressions, evaluated in one walk by :meth:`evaluate`.

    ``pure`` runs every guard (what depends on an element's tag and attributes
    alone) and gives the steps of the alternatives whose guard holds; its
    answers are cached by tag and attributes: a page repeats the same few
    class strings hundreds of times, and sites share them.  A step's ``check``
    is the part that looks around the element.  ``fallback`` holds the
    expressions lxml evaluates instead (outside the subset).  ``aliases``
    gives the name under which the expressions see a tag (the tree keeps its
    own).
    """

    names: list[tuple[str, int]]  # (group, index in group) per expression
    alternatives: list[list[_Alternative]]
    pure: Callable[[str, dict[str, str]], tuple[_Step, ...]]
    #: ``pure`` restricted to the alternatives with a position (``[1]``), whose
    #: answer depends on elements before the match
    positional: Callable[[str, dict[str, str]], tuple[_Step, ...]]
    positional_tags: frozenset[str] | None  # the tags ``positional`` can match (None: any)
    fallback: dict[int, Any]
    attributes: frozenset[str]  # the attributes the tests read: the cache key keeps only these
    #: tag names the checks look for around an element, each with the tags it stands for
    tree_names: Mapping[str, tuple[str, ...]]
    aliases: Mapping[str, str]
    extra: Callable[[str, dict[str, str]], tuple[str, ...]] | None = None
    #: by tag and attributes, joined into one string (see :data:`_SEPARATOR`; ``positional``'s
    #: answers end in :data:`_POSITIONAL`): one object a key, values shared through ``shared``,
    #: so that an entry costs little more than its key's characters
    cache: dict[Any, tuple[tuple[_Step, ...], tuple[str, ...]]] = field(default_factory=dict)
    cache_size: int = 20_000  # entries; cleared when full
    shared: dict[tuple[Any, ...], tuple[tuple[_Step, ...], tuple[str, ...]]] = field(default_factory=dict)

    def evaluate(
        self, root: Any, relevant: Any = None
    ) -> tuple[dict[str, list[list[Any]]], dict[Any, tuple[str, ...]]]:
        """Matches per group, per expression, in document order (as lxml returns them).

        Also returns what the ``extra`` function (given to :func:`compile_xpaths`)
        says of each element it says something of, computed in the same walk and
        cached with the rest.

        ``relevant`` (a set of elements) limits the matches to those elements,
        for a caller that uses no match outside them: the other elements are
        tested by the positional alternatives alone (``(.//article)[1]`` must
        still see an ``<article>`` outside the set come first), so the matches
        found are exactly lxml's matches that are in ``relevant``, plus those of
        positional alternatives and of expressions lxml evaluates.
        """
        count = len(self.names)
        results: list[list[Any]] = [[] for _ in range(count)]
        firsts: list[set[Any]] = [set() for _ in range(count)]
        done_overall: set[int] = set()
        extras: dict[Any, tuple[str, ...]] = {}
        cache, wanted, extra, shared, alias = (
            self.cache,
            self.attributes,
            self.extra,
            self.shared,
            self.aliases.get,
        )
        positional, positional_tags = self.positional, self.positional_tags
        # which of the tags the checks look for occur at all: one C-level scan each
        present = frozenset(
            name
            for name, tags in self.tree_names.items()
            if tags and next(root.iter(*tags), None) is not None
        )
        for element in root.iter(etree.Element):  # elements only: no comments, entities
            tag = element.tag
            tag = alias(tag, tag)
            outside = relevant is not None and element not in relevant
            if outside and not (positional_tags is None or tag in positional_tags):
                continue
            items = element.items()
            # the key is one string rather than a tuple of the items: xpaths warm 1.15 ms/page against 1.33
            # with `(tag, outside, *items)` (`python -m benchmarks.stages --focus`, with either key)
            key: Any = tag
            parts = 0
            for name, value in items:  # the key: tag, then the wanted names and values
                if name in wanted:
                    key += _SEPARATOR + name + _SEPARATOR + value
                    parts += 2
            if parts and key.count(_SEPARATOR) != parts:  # a value holds the separator (&#31;)
                key = (tag, tuple(item for item in items if item[0] in wanted))
            if outside:
                key = (key, True) if isinstance(key, tuple) else key + _POSITIONAL
            cached = cache.get(key)
            attributes = None
            if cached is None:
                if len(cache) >= self.cache_size:
                    cache.clear()
                    shared.clear()
                attributes = {name: value for name, value in items if name in wanted}
                if outside:
                    cached = (positional(tag, attributes), ())
                else:
                    cached = (self.pure(tag, attributes), extra(tag, attributes) if extra else ())
                cache[key] = cached = shared.setdefault(cached, cached)
            steps, said = cached
            if said:
                extras[element] = said
            for index, number, check, include_root, first_overall, first_per_parent in steps:
                if check is not None:
                    if attributes is None:
                        attributes = {name: value for name, value in items if name in wanted}
                    if not check(element, tag, attributes, present):
                        continue
                if element is root and not include_root:
                    continue
                if first_overall:
                    if number in done_overall:
                        continue
                    done_overall.add(number)
                elif first_per_parent:
                    parent = element.getparent()
                    if parent in firsts[index]:
                        continue
                    firsts[index].add(parent)
                found = results[index]
                if not found or found[-1] is not element:
                    found.append(element)
        if self.fallback:
            tree, original = _aliased_copy(root, self.aliases)
            for index, expression in self.fallback.items():
                results[index] = [
                    original.get(e, e) for e in expression(tree) if isinstance(e, etree._Element)
                ]
        grouped: dict[str, list[list[Any]]] = {}
        for (group, _), found in zip(self.names, results, strict=True):
            grouped.setdefault(group, []).append(found)
        return grouped, extras


def _aliased_copy(root: Any, aliases: Mapping[str, str]) -> tuple[Any, dict[Any, Any]]:
    """A copy of ``root`` with its tags renamed by ``aliases``, and each copied element's original.

    What lxml must see to evaluate an expression as the compiled code does;
    with no aliases, that is ``root`` itself (and no element is a copy).
    """
    original: dict[Any, Any] = {}
    if not aliases:
        return root, original
    tree = copy.deepcopy(root)
    for element, copied in zip(root.iter(), tree.iter(), strict=True):
        original[copied] = element
        if isinstance(copied.tag, str) and copied.tag in aliases:
            copied.tag = aliases[copied.tag]
    return tree, original


#: Joins a cache key's tag, attribute names and values.  A page can only put it in a value
#: with a character reference (``&#31;``); such an element gets a tuple key instead, so that
#: string keys cannot collide.
_SEPARATOR = "\x1f"
_POSITIONAL = "\x1f\x1e"


def compile_xpaths(
    groups: Iterable[tuple[str, Sequence[Any]]],
    extra: Callable[[str, dict[str, str]], tuple[str, ...]] | None = None,
    extra_attributes: Iterable[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> CompiledXPaths:
    """Compile ``(group name, [lxml XPath, …])`` pairs into one matcher.

    ``extra(tag, attributes)`` is any other test of an element's tag and
    attributes (``extra_attributes`` names those it reads) to run in the same
    walk, sharing its cache.  ``aliases`` maps a tag to the name the
    expressions (and ``extra``) see it under: trafilatura's expressions test
    ``list`` and ``item`` where a page has ``ul`` and ``li``.
    """
    aliases = dict(aliases or {})
    constants: list[Any] = []
    names: list[tuple[str, int]] = []
    alternatives: list[list[_Alternative]] = []
    fallback: dict[int, Any] = {}
    attributes: set[str] = set(extra_attributes)
    tree_names: dict[str, tuple[str, ...]] = {}
    pure = ["def pure(tag, A):", "    out = []"]
    positional = ["def positional(tag, A):", "    out = []"]
    positional_tags: set[str] | None = set()
    checks = []
    steps: list[tuple[int, _Alternative]] = []  # (expression, alternative) per step number
    for group, expressions in groups:
        for position, expression in enumerate(expressions):
            index = len(names)
            names.append((group, position))
            try:
                alts = _Parser(expression.path, constants, attributes, tree_names, aliases).union()
            except Unsupported:
                fallback[index] = expression
                alternatives.append([])
                continue
            alternatives.append(alts)
            for alt in alts:
                number = len(steps)
                steps.append((index, alt))
                test = f"    if {alt.guard}: out.append(S[{number}])"
                pure.append(test)
                if alt.first_per_parent or alt.first_overall:
                    positional.append(test)
                    if alt.tags is None or positional_tags is None:
                        positional_tags = None
                    else:
                        positional_tags |= alt.tags
                if alt.check is not None:
                    checks.append(f"def check_{number}(el, tag, A, P):\n    return bool({alt.check})")
    pure.append("    return tuple(out)")
    positional.append("    return tuple(out)")
    namespace: dict[str, Any] = {
        "C": constants,
        "_first": _first,
        "_child_text": _child_text,
        "_has_descendant": _has_descendant,
    }
    source = "\n".join(pure) + "\n\n" + "\n".join(positional) + "\n\n" + "\n\n".join(checks)
    exec(compile(source, "<trafilatura-xpaths>", "exec"), namespace)
    namespace["S"] = [
        _Step(
            index,
            number,
            namespace.get(f"check_{number}"),
            alt.include_root,
            alt.first_overall,
            alt.first_per_parent,
        )
        for number, (index, alt) in enumerate(steps)
    ]
    return CompiledXPaths(
        names,
        alternatives,
        namespace["pure"],
        namespace["positional"],
        None if positional_tags is None else frozenset(positional_tags),
        fallback,
        frozenset(attributes),
        tree_names,
        aliases,
        extra,
    )


def check_against_lxml(
    compiled: CompiledXPaths, groups: Iterable[tuple[str, Sequence[Any]]], root: Any
) -> list[str]:
    """The expressions whose compiled matches differ from lxml's on ``root`` (empty when all agree).

    lxml evaluates them on a copy renamed by the compiled ``aliases``, the tree they are written for.
    """
    ours, _ = compiled.evaluate(root)
    tree, original = _aliased_copy(root, compiled.aliases)
    differences = []
    for group, expressions in groups:
        for position, expression in enumerate(expressions):
            expected = [original.get(e, e) for e in expression(tree) if isinstance(e, etree._Element)]
            if ours[group][position] != expected:
                differences.append(f"{group}[{position}]")
    return differences
