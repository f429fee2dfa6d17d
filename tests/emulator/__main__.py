"""Command line: python -m tests.emulator --host 127.0.0.1 --port 8999 --state state.db ..."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from werkzeug.serving import run_simple

from . import create_app

_FLAGS = (
    ("--ready-delay", "ready_delay", float, "seconds new instances stay in BUILD/creating"),
    ("--delete-delay", "delete_delay", float, "seconds before a deleted instance disappears"),
    ("--token-ttl", "token_ttl", float, "lifetime of IAM tokens in seconds"),
    ("--domain", "domain", str, "IAM domain (account) name"),
    ("--user", "user", str, "IAM user name"),
    ("--password", "password", str, "IAM user password"),
    ("--ak", "ak", str, "access key id"),
    ("--sk", "sk", str, "secret access key"),
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command line options."""
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8999)
    parser.add_argument("--state", default=":memory:", help="SQLite state file (kept across restarts)")
    parser.add_argument("--tls-cert", help="certificate file (PEM) to serve HTTPS")
    parser.add_argument("--tls-key", help="private key file (PEM) to serve HTTPS")
    parser.add_argument("--pidfile", help="write the process id to this file")
    for flag, dest, kind, text in _FLAGS:
        parser.add_argument(flag, dest=dest, type=kind, default=None, help=text)
    return parser.parse_args(argv)


def startup_config(args: argparse.Namespace) -> dict[str, Any]:
    """Options given on the command line (they override the stored configuration)."""
    dests = [flag[1] for flag in _FLAGS]
    return {dest: getattr(args, dest) for dest in dests if getattr(args, dest) is not None}


def main(argv: list[str] | None = None) -> int:
    """Run the emulator until interrupted."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    if args.pidfile:
        with open(args.pidfile, "w", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
    app = create_app(args.state, startup_config(args))
    ssl_context = (args.tls_cert, args.tls_key) if args.tls_cert else None
    run_simple(args.host, args.port, app, threaded=True, ssl_context=ssl_context, use_reloader=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
