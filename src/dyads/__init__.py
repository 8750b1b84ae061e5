"""dyads: sourced, queryable event data on relations between states, from raw news text."""

__version__ = "0.1.0"
