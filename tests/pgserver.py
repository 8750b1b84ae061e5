"""A throw-away PostgreSQL server for the tests: initdb + pg_ctl on a temporary directory, loopback only.

The server binaries come from Debian's `postgresql` package (`make test` installs it
when missing). A missing server is an error, not a skip: the store must be tested
on both backends it claims.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path


class NoPostgres(RuntimeError):
    pass


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise NoPostgres("PostgreSQL server binaries (initdb, pg_ctl) not found: `apt-get install -y postgresql` (make test does it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@contextmanager
def running_server():
    """Yield the SQLAlchemy URL prefix (postgresql+psycopg://dyads@127.0.0.1:PORT/) of a fresh server."""
    bin_ = bindir()
    root = Path(tempfile.mkdtemp(prefix="dyads-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    run = lambda args: subprocess.run(_as_server_user(args), check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run([str(bin_ / "initdb"), "-D", str(data), "-A", "trust", "-U", "dyads", "--no-sync", "-E", "UTF8", "--locale", "C"])
        options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        run([str(bin_ / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "-t", "60", "start"])
    except subprocess.CalledProcessError as exc:
        log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise NoPostgres(f"could not start PostgreSQL: {exc.stderr or exc.stdout}\n{log}") from exc
    try:
        yield f"postgresql+psycopg://dyads@127.0.0.1:{port}/"
    finally:
        subprocess.run(_as_server_user([str(bin_ / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def _connect(server: str, dbname: str):
    import psycopg

    port = server.rsplit(":", 1)[1].split("/")[0]
    return psycopg.connect(f"host=127.0.0.1 port={port} user=dyads dbname={dbname}", autocommit=True)


def create_database(server: str, name: str) -> str:
    """A new empty database on ``server``; returns its URL."""
    with _connect(server, "postgres") as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server + name


def create_schema(server: str, database: str, name: str) -> str:
    """A new empty schema (cheaper than a database: no checkpoint) as the URL's whole search path."""
    with _connect(server, database) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    return f"{server}{database}?options=-csearch_path%3D{name}"
