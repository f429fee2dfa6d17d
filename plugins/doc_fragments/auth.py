# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r'''
options:
  cloud:
    description:
      - Name of a cloud in a C(clouds.yaml) file (the OpenStack client configuration Open Telekom Cloud users already
        have), as in C(openstack.cloud). The connection options not set in the task are taken from it, before the
        environment.
      - 'Read from the cloud entry: C(auth.auth_url), C(auth.username), C(auth.password), C(auth.user_domain_name) (or
        C(auth.domain_name)), C(auth.project_name), C(auth.project_id), C(auth.token), C(region_name); for AK/SK
        C(ak)/C(sk) or C(access_key)/C(secret_key) (and C(security_token)) under C(auth) or next to it; C(endpoints)
        (a mapping like O(endpoints)); and C(profile: otc) or an O(auth_url) on C(otc.t-systems.com) selects
        O(platform=otc).'
      - The same cloud entry of a C(secure.yaml) file, searched like C(clouds.yaml) (first E(OS_CLIENT_SECURE_FILE)),
        is merged over it, so secrets can be kept apart.
      - Falls back to E(HW_CLOUD), then E(HW_CLOUD_PROFILE), then E(OS_CLOUD). Set it to an empty string to ignore an
        exported E(OS_CLOUD).
      - Before 1.0.0 this option named the platform. V(huaweicloud) and V(otc) that name no cloud of C(clouds.yaml)
        still set O(platform), with a deprecation warning; this ends in 2.0.0.
      - Needs the Python library C(PyYAML) on the host the module runs on.
    type: str
    aliases: [cloud_profile]
  cloud_profile_file:
    description:
      - Path of the C(clouds.yaml) file that holds O(cloud).
      - When not set, the first existing file of E(OS_CLIENT_CONFIG_FILE), C(./clouds.yaml),
        C(~/.config/openstack/clouds.yaml) and C(/etc/openstack/clouds.yaml) is used (also with the C(.yml) suffix),
        the order of the OpenStack tools.
    type: path
  platform:
    description:
      - Which platform the default endpoints belong to, V(huaweicloud) (Huawei Cloud) or V(otc) (Open Telekom Cloud).
      - When not set, taken from O(cloud) (its C(profile) or O(auth_url)), then from E(HW_PLATFORM); else inferred, from
        an O(auth_url) on C(otc.t-systems.com) or a Huawei Cloud domain, else from O(region) (V(eu-de), V(eu-nl) and
        V(eu-ch2) are Open Telekom Cloud regions, every other region is taken for a Huawei Cloud region).
    type: str
    choices: [huaweicloud, otc]
  region:
    description:
      - Region name, for example V(eu-de) or V(cn-north-4). It selects the endpoints and, unless O(project_name) is set,
        the project to work in.
      - Required, but may come from O(cloud) (C(region_name)), E(HW_REGION_NAME) or E(OS_REGION_NAME).
    type: str
    aliases: [region_name]
  project_id:
    description:
      - Project ID. When not set it is taken from the IAM token, or looked up once by O(project_name) with AK/SK
        and then cached in O(token_cache).
      - O(project_id) and O(project_name) are taken together from the first source (task, O(cloud), environment)
        that sets either of them.
      - Falls back to E(HW_PROJECT_ID), then E(OS_PROJECT_ID), then E(OS_TENANT_ID).
    type: str
  project_name:
    description:
      - Project name used to scope tokens and to look up O(project_id). Defaults to O(region).
      - Falls back to E(HW_PROJECT_NAME), then E(OS_PROJECT_NAME), then E(OS_TENANT_NAME).
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
      - Security token of a temporary AK/SK pair, sent as C(X-Security-Token). Used only with the O(access_key) of the
        same source (task, O(cloud) or environment).
      - Falls back to E(HW_SECURITY_TOKEN), then E(OS_SECURITY_TOKEN).
    type: str
  token:
    description:
      - A ready IAM token, sent as C(X-Auth-Token).
      - Falls back to E(HW_TOKEN), then E(OS_TOKEN), then E(OS_AUTH_TOKEN).
    type: str
  user_name:
    description:
      - IAM user name for password authentication.
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
      - IAM endpoint including C(/v3), for example V(https://iam.eu-de.otc.t-systems.com/v3). Same as the V(iam) key of
        O(endpoints); when both are set, the one from the earlier source (task, O(cloud), environment) wins.
      - Falls back to E(HW_AUTH_URL), then E(OS_AUTH_URL).
    type: str
  endpoints:
    description:
      - Per-service endpoint overrides, for private clouds and tests. Keys are V(iam), V(rds), V(gaussdb) and V(dds);
        values are base URLs without the API version, except V(iam), which includes C(/v3).
      - Taken as a whole from the first source that sets it (task, the C(endpoints) key of O(cloud), environment);
        none when no source sets it.
      - 'Falls back to E(HW_ENDPOINTS), a JSON object such as C({"rds": "https://rds.example.internal"}).'
    type: dict
  validate_certs:
    description:
      - Verify the TLS certificates of the endpoints. Turn off only for throw-away test set-ups.
    type: bool
    default: true
    aliases: [verify]
  ca_bundle:
    description:
      - Path to a PEM file of CA certificates to trust instead of the system store.
      - Falls back to E(HW_CA_BUNDLE), then E(OS_CACERT).
    type: path
    aliases: [cacert]
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
  - PyYAML (only with O(cloud))
notes:
  - 'Where each connection option comes from, first match wins: the task (C(module_defaults) included), then
    O(cloud), then the environment (the E(HW_*) name, then the E(OS_*) names), then the default. Empty values count
    as not set.'
  - Credentials are not mixed across methods. The method (AK/SK with O(access_key) and O(secret_key), a ready
    O(token), or a password with O(user_name), O(user_password) and O(domain_name)) is the one of the first source
    that sets any credential option; parts of that method it lacks may come from later sources, credentials of the
    other methods are ignored. A method that stays incomplete fails the task before any request.
  - The profile and the environment are read on the host the module runs on (usually the controller, with a local
    connection or C(delegate_to=localhost)). Secrets taken from them are masked like O(secret_key) in results and logs.
  - Throttling (HTTP 429, C(APIGW.0308)), HTTP 500/502/503/504, busy instances (C(DBS.200019), C(DBS.200047)) and
    lost connections are retried with jittered exponential backoff that honours C(Retry-After), until the task's
    deadline (C(wait_timeout) on the modules that wait, 5 minutes on the read-only C(_info) modules). Throttled and busy
    answers are retried for as long as the deadline allows; the other failures up to 8 times.
  - A create whose answer is lost is never simply sent again. The instance is first looked up by name (after a
    timeout, for up to twice O(request_timeout) and at least 10 seconds, since the service may still be creating it),
    and the create is repeated only when it is not found; RDS creates carry an C(X-Client-Token) so that the
    service itself ignores a repeated one.
  - A certificate that fails verification is not retried; set O(ca_bundle) to the CA that signed it.
'''

    WAIT = r'''
options:
  wait:
    description:
      - Wait until the job has ended and the instance is ready (or deleted, for C(state=absent)).
      - With V(false) the module returns as soon as the request is accepted; the result holds the job ID.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds the whole task may take, including retries and waiting.
    type: int
    default: 1800
    aliases: [timeout]
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
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds the whole task may take, including retries and waiting.
      - The default is one hour because creating such an instance can take close to that long.
    type: int
    default: 3600
    aliases: [timeout]
  poll_interval:
    description:
      - Seconds between two status polls while waiting.
    type: float
    default: 10
'''
