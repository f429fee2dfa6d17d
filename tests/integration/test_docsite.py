# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guides on the antsibull docs site (docs/docsite/) and the README as Galaxy shows it.

The RST markup of the pages is checked by `make docs-lint` (antsibull-docs lint-collection-docs); this checks that
the pages are the current copies of the guides, that the site's index lists each once, and that every link of the
README works where the README is read: on Galaxy, from the tarball, so absolute links to files the tarball ships."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from tests.integration.harness import REPO
from tests.integration.test_release import GALAXY, shipped, source_files

DOCSITE = REPO / "docs" / "docsite"
README = (REPO / "README.md").read_text(encoding="utf-8")
REPOSITORY = GALAXY["repository"].rstrip("/")


def toctree() -> list:
    index = yaml.safe_load((DOCSITE / "extra-docs.yml").read_text(encoding="utf-8"))
    return [entry["ref"] if isinstance(entry, dict) else entry for section in index["sections"] for entry in section["toctree"]]


def test_every_page_is_the_current_copy_of_its_guide():
    checked = subprocess.run([sys.executable, "tests/tools/md_to_rst.py", "--check"], cwd=REPO, capture_output=True, text=True,
                             check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_index_lists_each_page_once():
    pages = toctree()
    assert len(pages) == len(set(pages))
    assert sorted(pages) == sorted(path.stem for path in (DOCSITE / "rst").glob("*.rst"))
    for page in pages:
        text = (DOCSITE / "rst" / (page + ".rst")).read_text(encoding="utf-8")
        label = "ansible_collections.%s.%s.docsite.%s" % (GALAXY["namespace"], GALAXY["name"], page.replace("-", "_"))
        assert ".. _%s:" % label in text, page
    assert {"user-guide", "auth", "awx"} <= set(pages)


def test_links_point_at_the_repository_of_galaxy_yml():
    links = yaml.safe_load((DOCSITE / "links.yml").read_text(encoding="utf-8"))
    assert "https://github.com/%s" % links["edit_on_github"]["repository"] == REPOSITORY
    for link in links.get("extra_links", []):
        assert link["url"].startswith("https://"), link


def test_readme_links_are_absolute_and_reach_shipped_files():
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert links
    shipped_files = {name for name in source_files() if shipped(name)}
    for link in links:
        assert link.startswith("https://"), "relative link in README.md (Galaxy cannot follow it): %s" % link
        prefix = REPOSITORY + "/"
        if link.startswith(prefix):
            kind, branch, path = (link[len(prefix):].split("#")[0].split("/", 2) + ["", ""])[:3]
            assert kind in ("blob", "tree") and branch == "main", link
            if kind == "blob":
                assert path in shipped_files, "README.md links to %s, which the tarball does not ship" % path
            else:
                assert any(name.startswith(path + "/") for name in shipped_files), link


def test_readme_tells_how_to_install_and_how_to_start_developing():
    assert "ansible-galaxy collection install %s.%s" % (GALAXY["namespace"], GALAXY["name"]) in README
    git_url = "git+%s.git#/," % REPOSITORY
    assert "ansible-galaxy collection install \"%s" % git_url in README
    assert "make build" in README
    assert "ansible-galaxy collection install build/dist/%s-%s-%s.tar.gz" % (GALAXY["namespace"], GALAXY["name"], GALAXY["version"]) in README
    assert "make demo" in README and "make test" in README
