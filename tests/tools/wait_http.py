#!/usr/bin/env python
# Copyright: (c) 2025, hwcloud.dbaas maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wait until an HTTP URL answers 200.

usage: wait_http.py URL [TIMEOUT_SECONDS] [PID]

Exits 0 as soon as GET URL answers 200, 1 after TIMEOUT_SECONDS (default 20),
and 3 at once if PID is given and that process has exited.
"""

from __future__ import annotations

import http.client
import os
import sys
import time
import urllib.error
import urllib.request


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        # A zombie still answers kill(0); check its state where /proc exists.
        with open('/proc/%d/stat' % pid, encoding='ascii') as handle:
            return handle.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return True


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    url = argv[1]
    timeout = float(argv[2]) if len(argv) > 2 else 20.0
    pid = int(argv[3]) if len(argv) > 3 and argv[3] else None

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return 0
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError):
            pass
        if pid is not None and not alive(pid):
            sys.stderr.write('process %d exited before %s answered\n' % (pid, url))
            return 3
        if time.monotonic() >= deadline:
            sys.stderr.write('%s did not answer 200 within %g seconds\n' % (url, timeout))
            return 1
        time.sleep(0.2)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
