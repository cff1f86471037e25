"""trafilatura's XPath tables, compiled to one Python pass over the tree.

trafilatura keeps its knowledge of page furniture as XPath expressions
(:mod:`trafilatura.xpaths`).  Evaluated by lxml, each ``re:test`` of a class or
id calls back into Python once per element per expression: on a news page the
dozen expressions boilerstrip reads cost about 35 ms, more than trafilatura's
own extraction, which evaluates them on a pruned copy of the article only.

:mod:`boilerstrip.readers.xpath_syntax` reads the expressions' text in the
small subset of XPath 1.0 they are written in — descendant steps with
predicates made of ``self::`` tests, attribute tests and comparisons,
``contains``, ``starts-with``, ``translate``, EXSLT ``re:test``, ``not``,
``and``/``or``, unions and ``[1]`` positions — and this module compiles them
into generated Python code that tests every element in a single walk.  The
vocabularies stay trafilatura's, read at import time; an expression outside
the subset (a later trafilatura may write one) is evaluated by lxml as before,
so nothing is silently lost.
:func:`check_against_lxml` compares both ways on a tree (the tests use it).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lxml import etree

from .xpath_syntax import RUNTIME, Alternative, Parser, Unsupported

__all__ = ["CompiledXPaths", "Unsupported", "check_against_lxml", "compile_xpaths"]


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
    alternatives: list[list[Alternative]]
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
    alternatives: list[list[Alternative]] = []
    fallback: dict[int, Any] = {}
    attributes: set[str] = set(extra_attributes)
    tree_names: dict[str, tuple[str, ...]] = {}
    pure = ["def pure(tag, A):", "    out = []"]
    positional = ["def positional(tag, A):", "    out = []"]
    positional_tags: set[str] | None = set()
    checks = []
    steps: list[tuple[int, Alternative]] = []  # (expression, alternative) per step number
    for group, expressions in groups:
        for position, expression in enumerate(expressions):
            index = len(names)
            names.append((group, position))
            try:
                alts = Parser(expression.path, constants, attributes, tree_names, aliases).union()
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
    namespace: dict[str, Any] = {"C": constants, **RUNTIME}
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
