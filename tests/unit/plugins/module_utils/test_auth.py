# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AK/SK signing, the token disk cache, IAM expiry parsing and password tokens."""

from __future__ import annotations

import calendar
import datetime
import json
import os
import stat

import pytest

from ansible_collections.hwcloud.dbaas.plugins.module_utils import auth
from ansible_collections.hwcloud.dbaas.plugins.module_utils.auth import (
    TOKEN_REFRESH_MARGIN, AkSkSigner, PasswordToken, StaticToken, TokenCache, canonical_query, canonical_uri, encode_path,
    parse_expiry, password_auth_body,
)

FIXED = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
FIXED_SDK_DATE = "20260102T030405Z"
URL = "https://rds.eu-de.otc.t-systems.com/v3/0483b6b16e954cb88930a360d2c4e663/instances"


def signer(security_token=None, moment=FIXED, access_key="AK-TEST", secret_key="SK-TEST"):
    return AkSkSigner(access_key, secret_key, security_token, clock=lambda: moment)


def signed_names(headers):
    authorization = headers["Authorization"]
    return authorization.split("SignedHeaders=", 1)[1].split(",", 1)[0].split(";")


# canonical URI --------------------------------------------------------------------------------
@pytest.mark.parametrize("path, expected", [
    ("/v3/0123456789abcdef0123456789abcdef/instances", "/v3/0123456789abcdef0123456789abcdef/instances/"),
    ("/v3/0123456789abcdef0123456789abcdef/instances/", "/v3/0123456789abcdef0123456789abcdef/instances/"),  # already ends in '/': no second slash
    ("/", "/"),
    ("", "/"),
    ("/a b/c:d", "/a%20b/c%3Ad/"),
    ("/x/50%/y", "/x/50%25/y/"),
    ("/keep-_.~/star*", "/keep-_.~/star%2A/"),
    ("/caf\u00e9", "/caf%C3%A9/"),
])
def test_canonical_uri_encodes_each_segment_and_ends_in_slash(path, expected, reference):
    assert canonical_uri(path) == expected
    assert reference.canonical_uri(path) == expected


def test_canonical_uri_keeps_segment_separators():
    # '/' separates segments and is never encoded; a '?' inside a segment is
    assert canonical_uri("/app1?a=1") == "/app1%3Fa%3D1/"
    assert canonical_uri("/a//b").count("/") == 4


def test_encode_path_matches_signed_path_without_trailing_slash():
    path = "/v3/0123456789abcdef0123456789abcdef/instances/a b"
    assert encode_path(path) == "/v3/0123456789abcdef0123456789abcdef/instances/a%20b"
    assert canonical_uri(path) == encode_path(path) + "/"


# canonical query ------------------------------------------------------------------------------
def test_canonical_query_sorted_by_key():
    pairs = [("offset", "0"), ("name", "db1"), ("limit", "100")]
    assert canonical_query(pairs) == "limit=100&name=db1&offset=0"


def test_canonical_query_encodes_values_rfc3986():
    # '*' marks a fuzzy name search on RDS; it and the space must be percent-encoded
    assert canonical_query([("name", "*a b")]) == "name=%2Aa%20b"


def test_canonical_query_encodes_keys():
    assert canonical_query([("a b", "1"), ("x*", "2")]) == "a%20b=1&x%2A=2"


def test_canonical_query_keeps_unreserved_and_encodes_reserved():
    assert canonical_query([("k", "AZaz09-_.~")]) == "k=AZaz09-_.~"
    assert canonical_query([("k", "/?&=+#%")]) == "k=%2F%3F%26%3D%2B%23%25"


def test_canonical_query_repeated_key_sorted_by_value():
    assert canonical_query([("id", "b"), ("id", "a")]) == "id=a&id=b"


def test_canonical_query_empty():
    assert canonical_query([]) == ""


def test_canonical_query_published_vector():
    # Vector from huaweicloud/huaweicloud-sdk-python-v3, huaweicloud-sdk-core/tests/test_signer.py,
    # test_process_canonical_query_string (string-valued pairs; bools and lists are the SDK's own conversions).
    pairs = [("limit", "1"), ("enable", "true"), ("test", "\u4e00 (&=?!#%.*)"), ("path", "/tmp/123")]
    assert canonical_query(pairs) == ("enable=true&limit=1"
                                      "&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29")


# signing --------------------------------------------------------------------------------------
def test_sign_matches_independent_reference(reference):
    body = json.dumps({"name": "orders-db", "volume": {"size": 100}}).encode("utf-8")
    query = [("name", "*a b"), ("limit", "100"), ("offset", "0")]
    headers = {"Content-Type": "application/json", "X-Project-Id": "0483b6b16e954cb88930a360d2c4e663"}
    signed = signer().sign("post", URL, query, headers, body)

    assert signed["X-Sdk-Date"] == FIXED_SDK_DATE
    assert signed["Host"] == "rds.eu-de.otc.t-systems.com"
    expected = reference.sign("AK-TEST", "SK-TEST", "POST", "/v3/0483b6b16e954cb88930a360d2c4e663/instances", query,
                              dict(headers, Host="rds.eu-de.otc.t-systems.com", **{"X-Sdk-Date": FIXED_SDK_DATE}), body)
    assert signed["Authorization"] == expected


def test_sign_empty_body_hashes_empty_string(reference):
    signed = signer().sign("GET", URL, [], {}, b"")
    expected = reference.sign("AK-TEST", "SK-TEST", "GET", "/v3/0483b6b16e954cb88930a360d2c4e663/instances", [],
                              {"Host": "rds.eu-de.otc.t-systems.com", "X-Sdk-Date": FIXED_SDK_DATE}, b"")
    assert signed["Authorization"] == expected


@pytest.mark.parametrize("method, body, signature", [
    ("GET", b"", "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842"),
    ("POST", b'{"name":"test","id":1}', "436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f"),
])
def test_sign_published_vectors(method, body, signature):
    # Vectors from huaweicloud/huaweicloud-sdk-python-v3, huaweicloud-sdk-core/tests/test_signer.py
    # (test_signer1 / test_signer2): AK "AccessKey", SK "SecretKey", X-Sdk-Date 20200608T023900Z,
    # https://service.endpoint.myhuaweicloud.com/resources?size=1 and a header with '_' that is not signed.
    moment = datetime.datetime(2020, 6, 8, 2, 39, 0, tzinfo=datetime.timezone.utc)
    s = AkSkSigner("AccessKey", "SecretKey", clock=lambda: moment)
    signed = s.sign(method, "https://service.endpoint.myhuaweicloud.com/resources", [("size", "1")],
                    {"TEST_UNDERSCORE": "TEST_VALUE"}, body)
    assert signed["Authorization"] == ("SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=%s" % signature)


def test_sign_authorization_format(reference):
    signed = signer().sign("GET", URL, [], {"Content-Type": "application/json"}, b"")
    match = reference.AUTHORIZATION.match(signed["Authorization"])
    assert match and match.group("ak") == "AK-TEST"
    assert match.group("names") == "content-type;host;x-sdk-date"


def test_signed_headers_include_host_and_date_exclude_underscore_names():
    signed = signer().sign("GET", URL, [], {"X-Project-Id": "p", "X_Custom_Header": "v", "Content-Type": "application/json"}, b"")
    names = signed_names(signed)
    assert names == sorted(names)
    assert {"host", "x-sdk-date", "x-project-id", "content-type"} <= set(names)
    assert all("_" not in name for name in names)
    assert "x_custom_header" not in names
    assert signed["X_Custom_Header"] == "v"  # still sent, just not signed


def test_unsigned_header_does_not_change_signature():
    plain = signer().sign("GET", URL, [], {}, b"")
    extra = signer().sign("GET", URL, [], {"X_Trace_Id": "abc"}, b"")
    assert plain["Authorization"] == extra["Authorization"]


def test_header_values_are_trimmed_before_signing():
    a = signer().sign("GET", URL, [], {"X-Project-Id": "  pid  "}, b"")
    b = signer().sign("GET", URL, [], {"X-Project-Id": "pid"}, b"")
    assert a["Authorization"] == b["Authorization"]


@pytest.mark.parametrize("change", ["body", "query", "path", "method", "date", "secret", "header"])
def test_signature_covers_every_part(change):
    base = dict(method="POST", url=URL, query=[("a", "1")], headers={"X-Project-Id": "p"}, body=b"{}")
    reference_auth = signer().sign(base["method"], base["url"], base["query"], base["headers"], base["body"])["Authorization"]
    s = signer()
    if change == "body":
        base["body"] = b'{"a":1}'
    elif change == "query":
        base["query"] = [("a", "2")]
    elif change == "path":
        base["url"] = URL + "/x"
    elif change == "method":
        base["method"] = "PUT"
    elif change == "date":
        s = signer(moment=FIXED + datetime.timedelta(seconds=1))
    elif change == "secret":
        s = signer(secret_key="SK-OTHER")
    elif change == "header":
        base["headers"] = {"X-Project-Id": "q"}
    changed = s.sign(base["method"], base["url"], base["query"], base["headers"], base["body"])["Authorization"]
    assert changed != reference_auth


def test_sdk_date_is_utc_basic_format():
    moment = datetime.datetime(2026, 3, 4, 23, 59, 58, tzinfo=datetime.timezone.utc)
    assert signer(moment=moment).sign("GET", URL, [], {}, b"")["X-Sdk-Date"] == "20260304T235958Z"


def test_sign_does_not_modify_callers_headers():
    headers = {"X-Project-Id": "p"}
    signer("temp-token").sign("GET", URL, [], headers, b"")
    assert headers == {"X-Project-Id": "p"}


def test_security_token_sent_and_signed_for_temporary_credentials(reference):
    signed = signer("sts-token-value").sign("GET", URL, [], {}, b"")
    assert signed["X-Security-Token"] == "sts-token-value"
    assert "x-security-token" in signed_names(signed)
    expected = reference.sign("AK-TEST", "SK-TEST", "GET", "/v3/0483b6b16e954cb88930a360d2c4e663/instances", [],
                              {"Host": "rds.eu-de.otc.t-systems.com", "X-Sdk-Date": FIXED_SDK_DATE,
                               "X-Security-Token": "sts-token-value"}, b"")
    assert signed["Authorization"] == expected


def test_no_security_token_for_permanent_credentials():
    signed = signer().sign("GET", URL, [], {}, b"")
    assert "X-Security-Token" not in signed
    assert "x-security-token" not in signed_names(signed)


@pytest.mark.parametrize("url, host", [
    ("https://rds.eu-de.otc.t-systems.com/v3", "rds.eu-de.otc.t-systems.com"),
    ("https://rds.eu-de.otc.t-systems.com:443/v3", "rds.eu-de.otc.t-systems.com"),
    ("http://127.0.0.1:80/v3", "127.0.0.1"),
    ("https://emulator.local:8443/v3", "emulator.local:8443"),
    ("http://emulator.local:443/v3", "emulator.local:443"),
    ("http://[::1]:8080/v3", "[::1]:8080"),
])
def test_host_header_without_default_port(url, host):
    assert signer().sign("GET", url, [], {}, b"")["Host"] == host


def test_aksk_never_refreshes():
    assert signer().invalidate() is False


def test_static_token_sets_x_auth_token():
    signed = StaticToken("ready-token").sign("GET", URL, [], {"A": "b"}, b"")
    assert signed == {"A": "b", "X-Auth-Token": "ready-token"}
    assert "Authorization" not in signed


# token cache ----------------------------------------------------------------------------------
def test_token_cache_creates_private_directory_and_file(tmp_path):
    directory = tmp_path / "nested" / "cache"
    cache = TokenCache(str(directory))
    cache.save("key", {"token": "t", "expires_at": 1.0})
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    files = list(os.listdir(directory))
    assert len(files) == 1 and not files[0].startswith(".tmp")
    assert stat.S_IMODE(os.stat(directory / files[0]).st_mode) == 0o600


def test_token_cache_round_trip_and_keys_are_separate(tmp_path):
    cache = TokenCache(str(tmp_path / "c"))
    cache.save("alice", {"token": "a", "expires_at": 10.5, "project_id": "p1"})
    cache.save("bob", {"token": "b", "expires_at": 20.0, "project_id": None})
    assert cache.load("alice") == {"token": "a", "expires_at": 10.5, "project_id": "p1"}
    assert cache.load("bob")["token"] == "b"
    # a second cache object on the same directory sees the same entries
    assert TokenCache(str(tmp_path / "c")).load("alice")["token"] == "a"


def test_token_cache_file_name_holds_no_key_in_clear(tmp_path):
    cache = TokenCache(str(tmp_path))
    cache.save("user-secret-name", {"token": "t"})
    assert all("user-secret-name" not in name for name in os.listdir(tmp_path))


def test_token_cache_missing_returns_none(tmp_path):
    assert TokenCache(str(tmp_path / "never-created")).load("key") is None


@pytest.mark.parametrize("content", ["{not json", "", "[1, 2]", "\"text\""])
def test_token_cache_corrupt_returns_none(tmp_path, content):
    cache = TokenCache(str(tmp_path))
    cache.save("key", {"token": "t"})
    (path,) = [tmp_path / name for name in os.listdir(tmp_path)]
    path.write_text(content)
    assert cache.load("key") is None


def test_token_cache_delete(tmp_path):
    cache = TokenCache(str(tmp_path))
    cache.save("key", {"token": "t"})
    cache.delete("key")
    assert cache.load("key") is None
    assert os.listdir(tmp_path) == []
    cache.delete("key")  # deleting a missing entry is not an error


def test_token_cache_overwrite(tmp_path):
    cache = TokenCache(str(tmp_path))
    cache.save("key", {"token": "old"})
    cache.save("key", {"token": "new"})
    assert cache.load("key") == {"token": "new"}
    assert len(os.listdir(tmp_path)) == 1


# IAM expiry -------------------------------------------------------------------------------------
def epoch(*args):
    return calendar.timegm(datetime.datetime(*args).timetuple())


def test_parse_expiry_with_fraction():
    assert parse_expiry("2026-11-26T10:00:00.123000Z") == pytest.approx(epoch(2026, 11, 26, 10, 0, 0) + 0.123, abs=1e-6)


def test_parse_expiry_without_fraction():
    assert parse_expiry("2026-11-26T10:00:00Z") == epoch(2026, 11, 26, 10, 0, 0)


def test_parse_expiry_short_fraction():
    assert parse_expiry("2026-11-26T10:00:00.5Z") == pytest.approx(epoch(2026, 11, 26, 10, 0, 0) + 0.5, abs=1e-6)


@pytest.mark.parametrize("value", ["2026-11-26T18:00:00+08:00", "2026-11-26T18:00:00.123000+08:00"])
def test_parse_expiry_honours_explicit_offset(value):
    # the same instant as 10:00 UTC; the fraction must not make the offset get lost
    assert parse_expiry(value) == pytest.approx(epoch(2026, 11, 26, 10, 0, 0), abs=0.2)


# password tokens --------------------------------------------------------------------------------
EXPIRES = "2026-11-26T10:00:00.000000Z"
EXPIRES_AT = epoch(2026, 11, 26, 10, 0, 0)


class Fetcher:
    def __init__(self, project_id="proj-from-token"):
        self.calls = 0
        self.project_id = project_id

    def __call__(self):
        self.calls += 1
        return "token-%d" % self.calls, {"token": {"expires_at": EXPIRES, "project": {"id": self.project_id, "name": "eu-de"}}}


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def test_password_token_reuses_disk_cache_across_instances(tmp_path):
    fetch = Fetcher()
    clock = Clock(EXPIRES_AT - 86400)
    first = PasswordToken(fetch, TokenCache(str(tmp_path)), "identity", clock)
    assert first.sign("GET", URL, [], {}, b"")["X-Auth-Token"] == "token-1"
    second = PasswordToken(fetch, TokenCache(str(tmp_path)), "identity", clock)
    assert second.sign("GET", URL, [], {}, b"")["X-Auth-Token"] == "token-1"
    assert second.project_id() == "proj-from-token"
    assert fetch.calls == 1


def test_password_token_reused_in_memory_without_cache():
    fetch = Fetcher()
    token = PasswordToken(fetch, None, "identity", Clock(EXPIRES_AT - 3600))
    for _attempt in range(3):
        token.sign("GET", URL, [], {}, b"")
    assert fetch.calls == 1


def test_password_token_different_identity_not_shared(tmp_path):
    fetch = Fetcher()
    clock = Clock(EXPIRES_AT - 86400)
    PasswordToken(fetch, TokenCache(str(tmp_path)), "alice", clock).sign("GET", URL, [], {}, b"")
    PasswordToken(fetch, TokenCache(str(tmp_path)), "bob", clock).sign("GET", URL, [], {}, b"")
    assert fetch.calls == 2


def test_password_token_refetched_within_refresh_margin(tmp_path):
    assert TOKEN_REFRESH_MARGIN == 300
    fetch = Fetcher()
    clock = Clock(EXPIRES_AT - 301)
    token = PasswordToken(fetch, TokenCache(str(tmp_path)), "identity", clock)
    assert token.sign("GET", URL, [], {}, b"")["X-Auth-Token"] == "token-1"
    token.sign("GET", URL, [], {}, b"")
    assert fetch.calls == 1
    clock.now = EXPIRES_AT - 299  # inside the 300 s margin: not used any more
    assert token.sign("GET", URL, [], {}, b"")["X-Auth-Token"] == "token-2"
    assert fetch.calls == 2


def test_password_token_stale_disk_entry_is_refetched(tmp_path):
    cache = TokenCache(str(tmp_path))
    cache.save("identity", {"token": "stale", "expires_at": EXPIRES_AT - 1000, "project_id": "p"})
    fetch = Fetcher()
    token = PasswordToken(fetch, cache, "identity", Clock(EXPIRES_AT - 900))
    assert token.sign("GET", URL, [], {}, b"")["X-Auth-Token"] == "token-1"
    assert cache.load("identity")["token"] == "token-1"


def test_password_token_cache_entry_holds_parsed_expiry(tmp_path):
    cache = TokenCache(str(tmp_path))
    PasswordToken(Fetcher(), cache, "identity", Clock(EXPIRES_AT - 3600)).project_id()
    entry = cache.load("identity")
    assert entry["token"] == "token-1"
    assert entry["expires_at"] == EXPIRES_AT
    assert entry["project_id"] == "proj-from-token"


def test_password_token_invalidate_deletes_cache_file(tmp_path):
    fetch = Fetcher()
    cache = TokenCache(str(tmp_path))
    token = PasswordToken(fetch, cache, "identity", Clock(EXPIRES_AT - 3600))
    token.sign("GET", URL, [], {}, b"")
    assert len(os.listdir(tmp_path)) == 1
    assert token.invalidate() is True
    assert os.listdir(tmp_path) == []
    assert token.sign("GET", URL, [], {}, b"")["X-Auth-Token"] == "token-2"
    assert fetch.calls == 2


def test_password_auth_body_shape():
    assert password_auth_body("u", "pw", "dom", None, "eu-de") == {"auth": {
        "identity": {"methods": ["password"],
                     "password": {"user": {"name": "u", "password": "pw", "domain": {"name": "dom"}}}},
        "scope": {"project": {"name": "eu-de"}}}}
    project_id = "0123456789abcdef0123456789abcdef"
    assert password_auth_body("u", "pw", "dom", project_id, "eu-de")["auth"]["scope"] == {"project": {"id": project_id}}


def test_fingerprint_stable_and_distinct():
    assert auth.fingerprint("a", "b") == auth.fingerprint("a", "b")
    assert auth.fingerprint("a", "b") != auth.fingerprint("ab", "")
    assert "secret" not in auth.fingerprint("user", "secret")
