"""The side effects listed in docs/architecture.md are exactly the signal receivers kompass connects."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
SIGNALS = {"pre_save": pre_save, "post_save": post_save, "post_delete": post_delete}


def _documented() -> set[tuple[str, str, str]]:
    block = re.search(r"<!-- receivers:.*?-->(.*?)<!-- /receivers -->", DOC.read_text(), re.S)
    assert block, "docs/architecture.md has no receivers table"
    rows = set()
    for line in block.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("signal", "---"):
            continue
        signal, senders, receiver = cells
        for sender in senders.split(","):
            rows.add((signal, sender.strip(), receiver))
    return rows


def _connected() -> set[tuple[str, str, str]]:
    rows = set()
    for name, signal in SIGNALS.items():
        for model in apps.get_models():
            sync_receivers, async_receivers = signal._live_receivers(model)
            for function in [*sync_receivers, *async_receivers]:
                module = function.__module__
                if module.startswith("kompass."):
                    path = f"{module.removeprefix('kompass.')}.{function.__name__}"
                    rows.add((name, model._meta.label, path))
    return rows


def test_every_connected_receiver_is_documented_and_every_documented_one_is_connected() -> None:
    assert _connected() == _documented()
