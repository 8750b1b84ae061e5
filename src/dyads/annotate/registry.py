"""The component registry: annotators register themselves by name.

A component is a function ``(doc: Document, parsed: spacy.tokens.Doc) -> None``
that adds its facts to ``doc``; a plugin module registers its own with
``@component`` and is named as ``module:name`` in the pipeline. ``Settings.components`` names the ones to run,
in order, so that a user or a plugin can add, drop or replace one without
touching the pipeline code (the spaCy way: config and registries, not flags).

Each component declares the Document fields it reads (``requires``) and the
ones it fills (``assigns``); ``check_pipeline`` refuses, before any document is
read, an order in which a component would read a field nothing has filled yet
("events,entities" would otherwise silently find no events).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

ComponentFunc = Callable[[Any, Any], None]


@dataclass(frozen=True)
class Component:
    name: str
    func: ComponentFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Any, parsed: Any) -> None:
        self.func(doc, parsed)


COMPONENTS: dict[str, Component] = {}


class PipelineError(ValueError):
    """A pipeline that cannot run as configured; the message says how to fix it."""


def component(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[ComponentFunc], ComponentFunc]:
    def register(func: ComponentFunc) -> ComponentFunc:
        COMPONENTS[name] = Component(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def _load_builtin() -> None:
    # importing the annotator modules fills the registry
    from dyads.annotate import annotators# noqa: F401


def get(name: str) -> Component:
    """A registered component; ``module:name`` imports ``module`` first (a plugin that
    registers ``name``), so that the worker processes of a pool find it too."""
    _load_builtin()
    if ":" in name and name not in COMPONENTS:
        module, _, short = name.partition(":")
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise PipelineError(f"pipeline component {name!r}: cannot import {module!r} ({exc})") from None
        if short in COMPONENTS:
            COMPONENTS[name] = COMPONENTS[short]
    try:
        return COMPONENTS[name]
    except KeyError:
        raise PipelineError(f"no pipeline component named {name!r}") from None


def check_pipeline(names: Sequence[str]) -> list[Component]:
    """The components named, in order, or a PipelineError saying what is wrong with the order."""
    if not names:
        raise PipelineError("the pipeline has no components; DYADS_PIPELINE names them, e.g. entities,times,quotes,events")
    components = [get(name) for name in names]
    seen = [n for n in names if names.count(n) > 1]
    if seen:
        raise PipelineError(f"component {seen[0]!r} is named twice in the pipeline ({','.join(names)})")
    assigned: dict[str, str] = {}
    for comp in components:
        for field in comp.requires:
            if field not in assigned:
                providers = [c.name for c in COMPONENTS.values() if field in c.assigns]
                hint = f"put {' or '.join(repr(p) for p in providers)} before it" if providers else "no registered component provides it"
                raise PipelineError(
                    f"component {comp.name!r} needs the document's {field!r}, which no component before it assigns "
                    f"(pipeline: {','.join(names)}); {hint}"
                )
        for field in comp.assigns:
            assigned.setdefault(field, comp.name)
    return components


def known_components() -> set[str]:
    """The names a pipeline may list (built-in and registered by plugins)."""
    _load_builtin()
    return set(COMPONENTS)
