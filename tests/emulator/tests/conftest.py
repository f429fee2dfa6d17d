"""The emulator's own tests (run by `make unit`).

They import the emulator as ``tests.emulator`` (the code under test). The agreement test also imports the
collection's validators as ``ansible_collections.hwcloud.dbaas``: ``build/collections`` holds that layout as a symlink
to the repository root, as in tests/unit/conftest.py; it is created here when missing and put on ``sys.path``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
COLLECTIONS_PATH = REPO_ROOT / "build" / "collections"
COLLECTION_LINK = COLLECTIONS_PATH / "ansible_collections" / "hwcloud" / "dbaas"

if not (COLLECTION_LINK.is_symlink() or COLLECTION_LINK.exists()):
    COLLECTION_LINK.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(os.path.relpath(REPO_ROOT, COLLECTION_LINK.parent), COLLECTION_LINK, target_is_directory=True)
    except FileExistsError:
        pass  # created by a concurrent run
if str(COLLECTIONS_PATH) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS_PATH))
