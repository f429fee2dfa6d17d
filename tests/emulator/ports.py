"""Service ports: one service at its real URL layout (no service prefix) on a port of its own.

A service port hands every request to the same application as the main port, with the service's
prefix put in front of the path (`/v3/{project_id}/instances` on the RDS port is routed as
`/rds/v3/{project_id}/instances`). State, request log and faults are therefore shared. The path the
client sent is kept (see `common.received_path`): signatures are verified against it and the request
log records it. The admin API is not reachable on a service port.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Iterable

from werkzeug.serving import BaseWSGIServer, make_server

# service -> prefix of its paths on the main port
SERVICE_PREFIXES = {"iam": "/iam", "rds": "/rds", "gaussdb": "/gaussdb", "dds": "/dds"}
PREFIX_KEY = "emulator.path_prefix"
SERVICE_KEY = "emulator.port_service"


class ServicePort:  # pylint: disable=too-few-public-methods
    """WSGI wrapper: the service's prefix in front of PATH_INFO, the received path remembered."""

    def __init__(self, app: Callable[..., Iterable[bytes]], service: str) -> None:
        if service not in SERVICE_PREFIXES:
            raise ValueError(f"unknown service {service!r}; one of {', '.join(SERVICE_PREFIXES)}")
        self.app = app
        self.service = service
        self.prefix = SERVICE_PREFIXES[service]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        environ[PREFIX_KEY] = self.prefix
        environ[SERVICE_KEY] = self.service
        environ["PATH_INFO"] = self.prefix + (path if path.startswith("/") else "/" + path)
        return self.app(environ, start_response)


def parse_service_port(text: str) -> tuple[str, int]:
    """SERVICE=PORT -> (service, port); ValueError with a readable message otherwise."""
    service, sep, port_text = text.partition("=")
    service = service.strip().lower()
    if not sep or service not in SERVICE_PREFIXES:
        raise ValueError(f"{text!r}: expected SERVICE=PORT with SERVICE one of {', '.join(SERVICE_PREFIXES)}")
    try:
        port = int(port_text)
    except ValueError as exc:
        raise ValueError(f"{text!r}: the port must be an integer") from exc
    if not 0 < port < 65536:
        raise ValueError(f"{text!r}: the port must be 1-65535")
    return service, port


def start_service_ports(app: Callable[..., Iterable[bytes]], host: str, ports: dict[str, int],
                        ssl_context: Any = None) -> list[BaseWSGIServer]:
    """Bind every service port (errors raise here), then serve each in a daemon thread."""
    servers = [make_server(host, port, ServicePort(app, service), threaded=True, ssl_context=ssl_context)
               for service, port in ports.items()]
    for server, service in zip(servers, ports):
        thread = threading.Thread(target=server.serve_forever, name=f"emulator-{service}", daemon=True)
        thread.start()
    return servers
