# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make the collection importable as ``ansible_collections.hwcloud.dbaas`` for the unit tests.

The code imports itself by its collection name, so the repository root has to be reachable as
``<path>/ansible_collections/hwcloud/dbaas``. ``build/collections`` holds that layout as a symlink
to the repository root; it is created here when missing (e.g. in a fresh clone).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_PATH = REPO_ROOT / "build" / "collections"
COLLECTION_LINK = COLLECTIONS_PATH / "ansible_collections" / "hwcloud" / "dbaas"


def _ensure_collection_link() -> None:
    if COLLECTION_LINK.is_symlink() or COLLECTION_LINK.exists():
        return
    COLLECTION_LINK.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(os.path.relpath(REPO_ROOT, COLLECTION_LINK.parent), COLLECTION_LINK, target_is_directory=True)
    except FileExistsError:
        pass  # created by a concurrent run


_ensure_collection_link()
if str(COLLECTIONS_PATH) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS_PATH))
