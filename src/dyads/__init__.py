"""dyads: sourced, queryable event data on relations between states, from raw news text."""

__version__ = "0.1.0"


def __getattr__(name: str):
    """``dyads.App`` without importing the pipeline when only the version is asked for."""
    if name == "App":
        from dyads.app import App

        return App
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")


__all__ = ["App", "__version__"]
