#!/usr/bin/env python
# Copyright: (c) 2025, hwcloud.dbaas maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install tests/tools/get_pip_offline.py where ansible-test looks for its pip bootstrap script.

The pip version ansible-test bootstraps differs per ansible-core release.  It
is read from ansible-test's own source (``get_venv_packages`` in
``ansible_test/_internal/python_requirements.py``), and the script is copied
to ``~/.ansible/test/cache/get_pip_<version with underscores>.py`` for every
version found there.  Prints the installed paths.
"""

from __future__ import annotations

import filecmp
import importlib.util
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, 'get_pip_offline.py')
CACHE_DIR = os.path.expanduser('~/.ansible/test/cache')


def pip_versions() -> list[str]:
    spec = importlib.util.find_spec('ansible_test')
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit('ansible_test is not importable: install ansible-core first')

    package_dir = list(spec.submodule_search_locations)[0]
    path = os.path.join(package_dir, '_internal', 'python_requirements.py')

    with open(path, encoding='utf-8') as handle:
        source = handle.read()

    # default_packages = dict(pip='24.2') and optional per-Python overrides.
    versions = sorted(set(re.findall(r"""\bpip\s*=\s*['"]([0-9][0-9A-Za-z.]*)['"]""", source)))
    if not versions:
        raise SystemExit(f'could not find the pip bootstrap version in {path}')

    return versions


def main() -> int:
    os.makedirs(CACHE_DIR, exist_ok=True)

    for version in pip_versions():
        target = os.path.join(CACHE_DIR, 'get_pip_%s.py' % version.replace('.', '_'))
        if not (os.path.exists(target) and filecmp.cmp(SOURCE, target, shallow=False)):
            shutil.copyfile(SOURCE, target)
        print(target)

    return 0


if __name__ == '__main__':
    sys.exit(main())
