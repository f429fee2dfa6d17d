"""IAM: password tokens, project lookup, and authentication of service requests."""
from __future__ import annotations

import hashlib
import secrets
from typing import Any

from flask import Blueprint, Response, g, request

from . import signing
from .common import ApiError, iso_z, json_response, now, read_json_body, received_path, store, v3_error

bp = Blueprint("iam", __name__)


def _iam_error(status: int, message: str, title: str) -> ApiError:
    return ApiError(status, {"error": {"code": status, "message": message, "title": title}})


def _bad_request(message: str) -> ApiError:
    return _iam_error(400, message, "Bad Request")


def token_digest(token: str) -> str:
    """Tokens are stored by digest only."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _dig(body: dict[str, Any], *keys: str) -> Any:
    node: Any = body
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise _bad_request(f"Invalid input for field '{'.'.join(keys)}': it is missing or not an object.")
        node = node[key]
    return node


def _check_user(conf: dict[str, Any], user: dict[str, Any]) -> None:
    domain: dict[str, Any] = user["domain"] if isinstance(user.get("domain"), dict) else {}
    domain_ok = domain.get("name") == conf["domain"] or domain.get("id") == conf["domain_id"]
    user_ok = user.get("name") == conf["user"] or user.get("id") == conf["user_id"]
    if not (domain_ok and user_ok and user.get("password") == conf["password"]):
        raise _iam_error(401, "The username or password is wrong.", "Unauthorized")


def _scope_project(conf: dict[str, Any], body: dict[str, Any]) -> tuple[str, str]:
    scope = body["auth"].get("scope")
    project = scope.get("project") if isinstance(scope, dict) else None
    if not isinstance(project, dict):
        raise _bad_request("Only project-scoped tokens are issued: auth.scope.project is required.")
    for region, pid in conf["projects"].items():
        if project.get("name") == region or project.get("id") == pid:
            return pid, region
    raise _bad_request(f"Project {project.get('name') or project.get('id')!r} does not exist.")


@bp.post("/auth/tokens")
def issue_token() -> Response:
    """POST /v3/auth/tokens with the password method."""
    conf = store().config()
    body = read_json_body(_bad_request)
    methods = _dig(body, "auth", "identity", "methods")
    if not isinstance(methods, list) or "password" not in methods:
        raise _bad_request("Only the password method is supported: auth.identity.methods must contain 'password'.")
    user = _dig(body, "auth", "identity", "password", "user")
    if not isinstance(user, dict):
        raise _bad_request("auth.identity.password.user must be an object.")
    _check_user(conf, user)
    pid, region = _scope_project(conf, body)
    issued = now()
    expires = issued + float(conf["token_ttl"])
    token = "MIIE" + secrets.token_urlsafe(720)
    store().put_token(token_digest(token), {"project_id": pid, "issued": issued, "expires": expires})
    domain = {"id": conf["domain_id"], "name": conf["domain"]}
    answer = {"token": {
        "expires_at": iso_z(expires), "issued_at": iso_z(issued), "methods": ["password"],
        "project": {"id": pid, "name": region, "domain": domain},
        "user": {"id": conf["user_id"], "name": conf["user"], "domain": domain, "password_expires_at": ""},
        "catalog": [],
    }}
    return json_response(answer, 201, {"X-Subject-Token": token})


@bp.get("/projects")
def list_projects() -> Response:
    """GET /v3/projects?name= (authenticated)."""
    conf = store().config()
    wanted = request.args.get("name")
    projects = [
        {"id": pid, "name": region, "domain_id": conf["domain_id"], "enabled": True, "is_domain": False,
         "parent_id": conf["domain_id"], "description": ""}
        for region, pid in conf["projects"].items() if wanted in (None, "", region)
    ]
    return json_response({"projects": projects, "links": {"self": request.root_url.rstrip("/") + received_path(), "next": None, "previous": None}})


# -- authentication of every non-token request ---------------------------------
def _aksk(project_id: str | None) -> None:
    conf = store().config()
    req = signing.SignedRequest(
        method=request.method, path=received_path(), query=list(request.args.items(multi=True)),
        headers=dict(request.headers.items()), body=request.get_data(cache=True),
    )
    try:
        signing.verify(req, {conf["ak"]: conf["sk"]})
    except signing.SignatureError as exc:
        raise v3_error(401, "APIGW.0301", f"Incorrect IAM authentication information: {exc}") from exc
    header_pid = request.headers.get("X-Project-Id")
    if project_id is not None and header_pid is not None and header_pid != project_id:
        raise v3_error(403, "APIGW.0302", "The IAM user is not authorized to access the API: X-Project-Id does not match the project in the URL.")
    g.auth = "aksk"


def _token(token: str, project_id: str | None) -> None:
    rec = store().get_token(token_digest(token))
    if rec is None:
        raise v3_error(401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail")
    if now() >= rec["expires"]:
        raise v3_error(401, "APIGW.0307", "The token must be updated.")
    if project_id is not None and rec["project_id"] != project_id:
        raise v3_error(403, "APIGW.0302", "The IAM user is not authorized to access the API: the token is scoped to another project.")
    g.auth = "token"


def authenticate(project_id: str | None) -> None:
    """Accept an AK/SK signature or an X-Auth-Token; raise ApiError otherwise."""
    authorization = request.headers.get("Authorization", "")
    token = request.headers.get("X-Auth-Token")
    if authorization.startswith(signing.ALGORITHM):
        _aksk(project_id)
    elif token:
        _token(token, project_id)
    else:
        raise v3_error(401, "APIGW.0301", "Incorrect IAM authentication information: no Authorization or X-Auth-Token header")
    if project_id is not None and project_id not in store().config()["projects"].values():
        raise v3_error(403, "APIGW.0302", f"The IAM user is not authorized to access the API: unknown project {project_id}.")
