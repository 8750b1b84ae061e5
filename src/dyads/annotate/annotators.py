"""Importing this module registers every built-in pipeline component."""

from dyads.annotate import entities# noqa: F401  "entities"
from dyads.annotate import timex# noqa: F401  "times"
from dyads.annotate import quotes# noqa: F401  "quotes"
from dyads.annotate import events# noqa: F401  "events"
