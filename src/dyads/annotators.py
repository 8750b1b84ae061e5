"""Importing this module registers every built-in pipeline component."""

from . import entities  # noqa: F401  "entities"
from . import timex  # noqa: F401  "times"
from . import quotes  # noqa: F401  "quotes"
from . import events  # noqa: F401  "events"
