"""Production settings: refuse to start half-configured, no deployment warnings with the documented
environment (deploy/kompass.env.example), no demo accounts, and every variable documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from kompass.accounts.models import User

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "deploy" / "kompass.env.example"


def documented_environment() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def kompass(*args: str, env: dict[str, str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    # The test run's own variables stay out (DJANGO_ALLOW_ASYNC_UNSAFE is for Playwright, never production).
    ours = ("KOMPASS_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    clean.update(env, KOMPASS_DATA_DIR=str(data_dir))
    code = "from kompass.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=clean, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_documented_production_environment_passes_check_deploy_without_warnings(tmp_path):
    result = kompass("check", "--deploy", "--fail-level", "WARNING", env=documented_environment(), data_dir=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


def test_production_refuses_to_start_with_the_development_secret_key(tmp_path):
    env = documented_environment()
    del env["KOMPASS_SECRET_KEY"]
    result = kompass("check", env=env, data_dir=tmp_path)
    assert result.returncode == 1
    assert "kompass startar inte: med KOMPASS_DEBUG=false krävs en egen KOMPASS_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    env = documented_environment()
    del env["KOMPASS_ALLOWED_HOSTS"]
    result = kompass("check", env=env, data_dir=tmp_path)
    assert result.returncode == 1
    assert "kompass startar inte: med KOMPASS_DEBUG=false krävs KOMPASS_ALLOWED_HOSTS" in result.stderr


def test_every_environment_variable_kompass_reads_is_in_the_example():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kompass").rglob("*.py"))
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z_]+)\"", source))
    example = EXAMPLE.read_text(encoding="utf-8")
    assert len(read) > 20
    assert sorted(name for name in read if name not in example) == []


@pytest.mark.django_db
@override_settings(KOMPASS_DEMO=False)
def test_setup_in_production_creates_no_demo_accounts_or_data():
    out = StringIO()
    call_command("setup", stdout=out)
    assert "Inga demokonton eller demodata: KOMPASS_DEBUG=false (produktion)." in out.getvalue()
    assert not User.objects.filter(username__in=["admin", "eva", "per", "kim"]).exists()
