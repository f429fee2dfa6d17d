"""Local, stateful emulator of the cloud APIs used by the hwcloud.dbaas collection."""
from __future__ import annotations

from typing import Any, Callable

from flask import Flask
from werkzeug.routing import Rule

from . import admin, dds, dds_day2, faults, gateway, gauss, gauss_day2, iam, rds_day2, rds_params, rds_v1, rds_v3
from . import flavors
from .store import Store

__all__ = ["create_app"]


class _Rule(Rule):
    """A URL rule whose URL builder (used by url_for only, which the emulator never calls) is compiled on first use:
    compiling it for every rule made each new application cost a noticeable fraction of a second."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        compile_now = super()._compile_builder
        built: list[Callable[..., tuple[str, str]]] = []

        def build(rule: Rule, *args: Any, **kwargs: Any) -> tuple[str, str]:
            if not built:
                built.append(compile_now(append_unknown))
            return built[0](rule, *args, **kwargs)
        return build


def create_app(state_path: str = ":memory:", config: dict[str, Any] | None = None) -> Flask:
    """Build the WSGI application.

    state_path: SQLite file (":memory:" for a throw-away state).
    config: startup configuration overriding the stored one (ready_delay, token_ttl, ak, sk, ...).
    """
    app = Flask(__name__)
    app.url_rule_class = _Rule
    app.config["EMULATOR_STORE"] = Store(state_path, config or {})
    app.config["EMULATOR_THROTTLE"] = faults.Throttle()
    app.json.sort_keys = False  # type: ignore[attr-defined]
    gateway.install(app)
    app.register_blueprint(iam.bp, url_prefix="/iam/v3")
    app.register_blueprint(rds_v3.bp, url_prefix="/rds")
    app.register_blueprint(rds_day2.bp, url_prefix="/rds")
    app.register_blueprint(rds_params.bp, url_prefix="/rds")
    app.register_blueprint(rds_v1.bp, url_prefix="/rds/v1", name="rds_v1")
    app.register_blueprint(rds_v1.bp, url_prefix="/rds/rds/v1", name="rds_v1_otc")
    app.register_blueprint(gauss.bp, url_prefix="/gaussdb")
    app.register_blueprint(gauss_day2.bp, url_prefix="/gaussdb")
    app.register_blueprint(dds.bp, url_prefix="/dds")
    app.register_blueprint(dds_day2.bp, url_prefix="/dds")
    app.register_blueprint(flavors.rds_bp, url_prefix="/rds")
    app.register_blueprint(flavors.dds_bp, url_prefix="/dds")
    app.register_blueprint(flavors.gauss_bp, url_prefix="/gaussdb")
    app.register_blueprint(admin.bp, url_prefix="/_admin")
    return app
