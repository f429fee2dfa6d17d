"""Command line: python -m tests.emulator --host 127.0.0.1 --port 8999 --state state.db [--service-port rds=9001] ..."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from werkzeug.serving import run_simple

from . import create_app
from .ports import parse_service_port, start_service_ports

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
    parser.add_argument("--service-port", dest="service_ports", action="append", default=[], metavar="SERVICE=PORT",
                        help="also serve SERVICE (iam, rds, gaussdb, dds) at its real URL layout on PORT (repeatable)")
    for flag, dest, kind, text in _FLAGS:
        parser.add_argument(flag, dest=dest, type=kind, default=None, help=text)
    args = parser.parse_args(argv)
    ports: dict[str, int] = {}
    for item in args.service_ports:
        try:
            service, port = parse_service_port(item)
        except ValueError as exc:
            parser.error(f"--service-port {exc}")
        if service in ports:
            parser.error(f"--service-port: {service} is given twice")
        if port == args.port or port in ports.values():
            parser.error(f"--service-port {item}: port {port} is already in use by another service or the main port")
        ports[service] = port
    args.service_ports = ports
    return args


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
    start_service_ports(app, args.host, args.service_ports, ssl_context)
    run_simple(args.host, args.port, app, threaded=True, ssl_context=ssl_context, use_reloader=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
