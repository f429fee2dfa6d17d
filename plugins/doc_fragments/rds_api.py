# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r'''
options:
  api_version:
    description:
      - Which RDS API the module drives. V(v3) is the current API and the default.
      - V(v1) is the older camelCase API some clouds and accounts still have (instance IDs differ between the two).
        Lookups then read the whole v1 instance list once, the waits follow every job in C(extendparam.jobs), and
        the returned C(instance) is translated to the v3 field names, so playbooks read the same keys either way.
    type: str
    choices: [v3, v1]
    default: v3
  v1_path_prefix:
    description:
      - Path prefix of the v1 API on the RDS endpoint; the requests go to C({prefix}/{project_id}/instances).
      - Defaults to V(/v1) for O(platform=huaweicloud) and to V(/rds/v1) for O(platform=otc).
      - Used only with O(api_version=v1).
    type: str
'''
