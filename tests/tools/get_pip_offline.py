#!/usr/bin/env python
# Copyright: (c) 2025, hwcloud.dbaas maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline replacement for the ``get-pip-<version>.py`` bootstrap script of ansible-test.

ansible-test creates one virtual environment per sanity test and bootstraps
pip in it by running ``get-pip-<version>.py``, which it downloads from the
internet unless ``~/.ansible/test/cache/get_pip_<version>.py`` exists.  This
file is installed at that path (see ``tests/tools/install_get_pip.py``).

It bootstraps pip from the wheel bundled with Python (``ensurepip``) and then
runs ``pip install`` with the arguments ansible-test passed (for example
``pip==24.2``), so the requested pip version comes from the package index
configured for pip on this machine.

``ensurepip`` runs in a subprocess on purpose: in-process it sets
``PIP_CONFIG_FILE=/dev/null`` which would hide the machine's pip configuration
(index mirror, CA bundle) from the second step.
"""

from __future__ import annotations

import os
import subprocess
import sys

# get-pip.py options that "pip install" does not know.
DROPPED_OPTIONS = frozenset(('--no-setuptools', '--no-wheel'))


def main() -> int:
    args = [arg for arg in sys.argv[1:] if arg not in DROPPED_OPTIONS]

    env = os.environ.copy()
    if env.get('PIP_CONFIG_FILE') == os.devnull:
        # Never hide the machine's pip configuration from the steps below.
        del env['PIP_CONFIG_FILE']

    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'], env=env)

    if any(not arg.startswith('-') for arg in args):
        subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args, env=env)

    return 0


if __name__ == '__main__':
    sys.exit(main())
