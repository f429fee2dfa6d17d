# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.dbaas contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import pytest

from tests.integration.harness import Ansible, Emulator, ensure_collection_link


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    ensure_collection_link()
    running = Emulator(tmp_path_factory.mktemp("emulator"))
    yield running
    running.stop()


@pytest.fixture
def cloud(emulator):
    """A clean emulator for each test."""
    emulator.reset()
    emulator.config(ready_delay=0.3, token_ttl=86400)
    return emulator


@pytest.fixture
def ansible(cloud, tmp_path):
    return Ansible(cloud, tmp_path)
