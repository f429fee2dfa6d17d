#!/usr/bin/env python
# Copyright: (c) 2025, hwcloud.dbaas maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Copy the collection's source files into DEST (recreated from scratch).

usage: stage_collection.py SOURCE_DIR DEST_DIR

The file list is what git considers part of the tree: tracked files plus
untracked files that are not ignored (``git ls-files -co --exclude-standard``),
so build output, virtual environments and caches are never copied.  Outside a
git work tree, a directory walk with a fixed exclude list is used instead.

ansible-test needs the collection at ``.../ansible_collections/NS/NAME/``;
running it on a real copy (not a symlink) keeps its path resolution simple and
keeps its output (tests/output) out of the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

EXCLUDED_DIRS = frozenset((
    '.git', '.venv', 'build', '.cache', '.ansible', '.pytest_cache', '__pycache__', '.tox', '.mypy_cache',
))
EXCLUDED_PATHS = frozenset(('tests/output',))


def git_files(source: str) -> list[str] | None:
    try:
        inside = subprocess.run(
            ['git', 'rev-parse', '--is-inside-work-tree'],
            cwd=source, capture_output=True, text=True, check=False,
        )
    except FileNotFoundError:
        return None
    if inside.returncode != 0 or inside.stdout.strip() != 'true':
        return None

    result = subprocess.run(
        ['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
        cwd=source, capture_output=True, check=True,
    )
    names = [name for name in result.stdout.decode('utf-8').split('\0') if name]
    # Tracked files deleted in the work tree are still listed by git.
    return sorted(set(name for name in names if os.path.lexists(os.path.join(source, name)) and not excluded(name)))


def excluded(name: str) -> bool:
    parts = name.split('/')
    if any(part in EXCLUDED_DIRS for part in parts[:-1]) or parts[-1] in EXCLUDED_DIRS:
        return True
    return any(name == path or name.startswith(path + '/') for path in EXCLUDED_PATHS)


def walked_files(source: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(source):
        rel_root = os.path.relpath(root, source)
        rel_root = '' if rel_root == '.' else rel_root
        dirs[:] = sorted(
            d for d in dirs
            if d not in EXCLUDED_DIRS and os.path.join(rel_root, d).replace(os.sep, '/') not in EXCLUDED_PATHS
        )
        for name in names:
            if name.endswith(('.pyc', '.pyo', '.tar.gz')):
                continue
            files.append(os.path.join(rel_root, name))
    return sorted(files)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2

    source = os.path.abspath(argv[1])
    dest = os.path.abspath(argv[2])

    inside_source = dest.startswith(source + os.sep)
    inside_build = dest.startswith(os.path.join(source, 'build') + os.sep)
    if dest == source or source.startswith(dest + os.sep) or (inside_source and not inside_build):
        sys.stderr.write('refusing to stage into %s\n' % dest)
        return 2

    files = git_files(source)
    if files is None:
        files = walked_files(source)

    if os.path.lexists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)

    for name in files:
        src = os.path.join(source, name)
        dst = os.path.join(dest, name)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)

    print('staged %d files into %s' % (len(files), dest))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
