# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r'''
options:
  cloud:
    description:
      - Which cloud the default endpoints belong to.
      - Falls back to the environment variable E(HW_CLOUD).
    type: str
    choices: [huaweicloud, otc]
    default: huaweicloud
  region:
    description:
      - Region name, for example V(eu-de) or V(cn-north-4). It selects the endpoints and, unless O(project_name) is set,
        the project to work in.
      - Falls back to E(HW_REGION_NAME), then E(OS_REGION_NAME).
    type: str
    required: true
  project_id:
    description:
      - Project ID. When not set it is taken from the IAM token, or looked up once by O(project_name) with AK/SK
        and then cached in O(token_cache).
      - Falls back to E(HW_PROJECT_ID), then E(OS_PROJECT_ID).
    type: str
  project_name:
    description:
      - Project name used to scope tokens and to look up O(project_id). Defaults to O(region).
      - Falls back to E(HW_PROJECT_NAME), then E(OS_PROJECT_NAME).
    type: str
  access_key:
    description:
      - Access key (AK) for request signing (SDK-HMAC-SHA256). With O(secret_key), no IAM call is made at all.
      - Falls back to E(HW_ACCESS_KEY), then E(OS_ACCESS_KEY).
    type: str
  secret_key:
    description:
      - Secret key (SK) that signs the requests. Never sent, never logged.
      - Falls back to E(HW_SECRET_KEY), then E(OS_SECRET_KEY).
    type: str
  security_token:
    description:
      - Security token of a temporary AK/SK pair, sent as C(X-Security-Token).
      - Falls back to E(HW_SECURITY_TOKEN), then E(OS_SECURITY_TOKEN).
    type: str
  token:
    description:
      - A ready IAM token, sent as C(X-Auth-Token). Used when no AK/SK is given.
      - Falls back to E(HW_TOKEN), then E(OS_TOKEN).
    type: str
  user_name:
    description:
      - IAM user name for password authentication, used when neither AK/SK nor O(token) is given.
      - Falls back to E(HW_USER_NAME), then E(OS_USERNAME).
    type: str
  user_password:
    description:
      - IAM user password. The token it yields is cached in O(token_cache); the password is never stored.
      - Falls back to E(HW_PASSWORD), then E(OS_PASSWORD).
    type: str
  domain_name:
    description:
      - IAM domain (account) name for password authentication.
      - Falls back to E(HW_DOMAIN_NAME), then E(OS_USER_DOMAIN_NAME), then E(OS_DOMAIN_NAME).
    type: str
  auth_url:
    description:
      - IAM endpoint including C(/v3), for example V(https://iam.eu-de.otc.t-systems.com/v3). Same as the V(iam) key of O(endpoints).
      - Falls back to E(HW_AUTH_URL), then E(OS_AUTH_URL).
    type: str
  endpoints:
    description:
      - Per-service endpoint overrides, for private clouds and tests. Keys are V(iam), V(rds), V(gaussdb) and V(dds);
        values are base URLs without the API version, except V(iam), which includes C(/v3).
      - 'Falls back to E(HW_ENDPOINTS), a JSON object such as C({"rds": "https://rds.example.internal"}).'
    type: dict
    default: {}
  validate_certs:
    description:
      - Verify the TLS certificates of the endpoints. Turn off only for throw-away test set-ups.
    type: bool
    default: true
  ca_bundle:
    description:
      - Path to a PEM file of CA certificates to trust instead of the system store.
      - Falls back to E(HW_CA_BUNDLE).
    type: path
  token_cache:
    description:
      - Directory where IAM tokens and project IDs are cached between tasks and runs. The directory is created
        with mode 0700 and each file with mode 0600. A cached token is reused until 5 minutes before it expires.
      - Falls back to E(HW_TOKEN_CACHE).
    type: path
    default: ~/.cache/hwcloud-dbaas
  request_timeout:
    description:
      - Seconds to wait for one HTTP answer before the request counts as failed and is retried.
    type: float
    default: 30
requirements:
  - python >= 3.8
  - requests
notes:
  - Credentials are tried in this order, the first complete set wins. AK/SK (O(access_key) and O(secret_key)),
    then O(token), then password (O(user_name), O(user_password) and O(domain_name)).
  - Throttling (HTTP 429, C(APIGW.0308)), HTTP 500/502/503/504, busy instances (C(DBS.200019), C(DBS.200047)) and
    lost connections are retried with jittered exponential backoff that honours C(Retry-After), until the task's
    deadline.
'''

    WAIT = r'''
options:
  wait:
    description:
      - Wait until the job has ended and the instance is ready (or deleted, for C(state=absent)).
      - With V(false) the module returns as soon as the request is accepted; the result holds the job ID.
      - Read-only (C(_info)) modules accept the wait options, so that one C(module_defaults) group can set them
        for every module, and use only O(wait_timeout), as the deadline of their retries.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds the whole task may take, including retries and waiting.
    type: int
    default: 1800
  poll_interval:
    description:
      - Seconds between two status polls while waiting.
    type: float
    default: 10
'''

    # For modules whose operations can take close to an hour (e.g. DDS clusters): the same options, a longer default.
    WAIT_LONG = r'''
options:
  wait:
    description:
      - Wait until the job has ended and the instance is ready (or deleted, for C(state=absent)).
      - With V(false) the module returns as soon as the request is accepted; the result holds the job ID.
      - Read-only (C(_info)) modules accept the wait options, so that one C(module_defaults) group can set them
        for every module, and use only O(wait_timeout), as the deadline of their retries.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds the whole task may take, including retries and waiting.
      - The default is one hour because creating such an instance can take close to that long.
    type: int
    default: 3600
  poll_interval:
    description:
      - Seconds between two status polls while waiting.
    type: float
    default: 10
'''
