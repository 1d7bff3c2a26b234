from __future__ import annotations

from pathlib import Path

import pytest

from mediamon.settings import load_settings


def test_secrets_never_show(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEDIAMON_ES_PASSWORD", "hunter2-very-secret")
    monkeypatch.setenv("MEDIAMON_SLACK_WEBHOOK_URL", "https://hooks.example/T000/B000/XXXX")
    monkeypatch.setenv("MEDIAMON_SECRETS_DIR", str(tmp_path))
    s = load_settings()
    for shown in (repr(s), str(s), s.model_dump_json()):
        assert "hunter2" not in shown
        assert "XXXX" not in shown
    assert s.es_basic_auth() is None  # no user: no auth, and the password alone is not used
    monkeypatch.setenv("MEDIAMON_ES_USERNAME", "elastic")
    assert load_settings().es_basic_auth() == ("elastic", "hunter2-very-secret")


def test_secret_files_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "mediamon_es_password").write_text("from-file")
    (tmp_path / "mediamon_es_username").write_text("elastic")
    monkeypatch.delenv("MEDIAMON_ES_PASSWORD", raising=False)
    monkeypatch.delenv("MEDIAMON_ES_USERNAME", raising=False)
    monkeypatch.setenv("MEDIAMON_SECRETS_DIR", str(tmp_path))
    assert load_settings().es_basic_auth() == ("elastic", "from-file")


def test_settings_are_frozen() -> None:
    s = load_settings()
    with pytest.raises(Exception, match="frozen"):
        s.topic_prefix = "x"  # type: ignore[misc]
