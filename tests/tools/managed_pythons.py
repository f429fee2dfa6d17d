# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Print the managed-node Python versions (besides the current one) that this machine has.

Usage: managed_pythons.py LINK_DIR CURRENT_VERSION

ansible-test finds interpreters as pythonX.Y on PATH; pyenv's shims answer only for the active
version, so each interpreter found under pyenv is linked into LINK_DIR, which the caller puts first on PATH.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

from ansible_test._internal.constants import REMOTE_ONLY_PYTHON_VERSIONS, SUPPORTED_PYTHON_VERSIONS


def pyenv_root() -> str:
    found = shutil.which("pyenv")
    if not found:
        return os.path.expanduser("~/.pyenv")
    return subprocess.run([found, "root"], capture_output=True, text=True, check=False).stdout.strip()


def main() -> int:
    link_dir, current = sys.argv[1], sys.argv[2]
    os.makedirs(link_dir, exist_ok=True)
    wanted = [version for version in SUPPORTED_PYTHON_VERSIONS if version != current]
    wanted += [version for version in REMOTE_ONLY_PYTHON_VERSIONS if version not in wanted and version != current]
    found = []
    for version in wanted:
        candidates = sorted(glob.glob(os.path.join(pyenv_root(), "versions", version + ".*", "bin", "python" + version)))
        if not candidates:
            continue
        link = os.path.join(link_dir, "python" + version)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(candidates[-1], link)
        found.append(version)
    print(" ".join(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
