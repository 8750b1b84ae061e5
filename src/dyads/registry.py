"""The component registry: annotators register themselves by name.

A component is a function ``(doc: Document, parsed: spacy.tokens.Doc) -> None``
that adds its facts to ``doc``. ``Settings.components`` names the ones to run,
in order, so that a user or a plugin can add, drop or replace one without
touching the pipeline code (the spaCy way: config and registries, not flags).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Component = Callable[[Any, Any], None]
COMPONENTS: dict[str, Component] = {}


def component(name: str) -> Callable[[Component], Component]:
    def register(func: Component) -> Component:
        COMPONENTS[name] = func
        return func

    return register


def get(name: str) -> Component:
    # importing the annotator modules fills the registry
    from . import annotators  # noqa: F401

    try:
        return COMPONENTS[name]
    except KeyError:
        known = ", ".join(sorted(COMPONENTS))
        raise KeyError(f"no pipeline component named {name!r} (known: {known})") from None


def known_components() -> set[str]:
    """The names a pipeline may list (built-in and registered by plugins)."""
    from . import annotators  # noqa: F401

    return set(COMPONENTS)
