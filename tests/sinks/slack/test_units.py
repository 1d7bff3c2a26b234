"""Routing, pacing, redaction, Retry-After parsing, settings and the preview command: no stack needed."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from mediamon.errors import ConfigError
from mediamon.schema import AlertEvent
from mediamon.sinks.slack.pacer import Pacer
from mediamon.sinks.slack.redact import MASK, RedactingFilter, Redactor
from mediamon.sinks.slack.routing import Destination, Thread, route
from mediamon.sinks.slack.settings import Route, SlackSettings, load_routes
from mediamon.sinks.slack.transport import retry_after_s

DATA = Path(__file__).parent / "data"
MEDIAMON = str(Path(sys.executable).with_name("mediamon"))


def _alert(severity: str = "high", rules: tuple[str, ...] = ("casualties",)) -> AlertEvent:
    data = json.loads((DATA / "alert_new.json").read_text("utf-8"))
    data["severity"] = severity
    data["rules"] = [{"rule": r, "severity": severity, "label_ar": r, "label_en": r} for r in rules]
    return AlertEvent.model_validate(data)


ROUTES = [Route(rule="protests", min_severity="medium", channel="#protests"), Route(rule="protests", channel=None),
          Route(min_severity="critical", channel="#urgent")]


@pytest.mark.parametrize(("severity", "rules", "expected"), [
    ("medium", ("protests",), Destination("#protests")),
    ("low", ("protests",), None),
    ("high", ("casualties",), Destination("#alerts")),
    ("critical", ("casualties",), Destination("#urgent")),
    ("critical", ("protests", "casualties"), Destination("#protests")),  # first match wins
])
def test_routes(severity: str, rules: tuple[str, ...], expected: Destination | None) -> None:
    assert route(_alert(severity, rules), ROUTES, "#alerts", None) == expected


def test_a_story_follows_its_first_message_whatever_the_routes_say() -> None:
    thread = Thread("#protests", "123.456", "C1")
    assert route(_alert("low", ("protests",)), ROUTES, "#alerts", thread) == Destination("#protests", "123.456", "C1")


def test_pacer_spaces_and_holds_per_destination() -> None:
    now = [100.0]
    pacer = Pacer(1.0, clock=lambda: now[0])
    assert pacer.wait_s("#a") == 0
    pacer.sent("#a")
    assert pacer.wait_s("#a") == 1.0 and pacer.wait_s("#b") == 0
    pacer.hold("#a", 30)
    now[0] += 10
    assert pacer.wait_s("#a") == 20
    pacer.sent("#a")  # a send never shortens a hold
    assert pacer.wait_s("#a") == 20


@pytest.mark.parametrize(("headers", "expected"), [
    ({"Retry-After": "2"}, 2.0), ({"retry-after": ["30"]}, 30.0), ({"Retry-After": "1.5"}, 1.5),
    ({"Retry-After": "soon"}, None), ({"Retry-After": "-1"}, None), ({"Retry-After": "inf"}, None), ({}, None),
])
def test_retry_after(headers: dict[str, object], expected: float | None) -> None:
    assert retry_after_s(headers) == expected


def test_redaction_masks_the_url_and_its_path_and_the_token() -> None:
    hook = "https://hooks.slack.com/services/T000/B000/XXXXSECRET"
    redact = Redactor([hook, "xoxb-123-secret"])
    assert redact(f"failed {hook} and /services/T000/B000/XXXXSECRET with xoxb-123-secret") == (
        f"failed {MASK} and {MASK} with {MASK}")
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", (hook,), None)
    RedactingFilter(redact).filter(record)
    assert record.getMessage() == f"url {MASK}"


def test_settings_keep_secrets_out_of_repr_and_load_routes(tmp_path: Path) -> None:
    slack = SlackSettings(webhook_url=SecretStr("https://hooks.example/SECRET"), bot_token=SecretStr("xoxb-SECRET"))
    assert "SECRET" not in repr(slack) and "SECRET" not in str(slack.model_dump())
    assert slack.use_bot and not SlackSettings(mode="webhook", bot_token=SecretStr("x")).use_bot
    good = tmp_path / "routes.yaml"
    good.write_text("routes:\n  - {rule: protests, min_severity: medium, channel: '#protests'}\n"
                    "  - {rule: protests, channel: null}\n", encoding="utf-8")
    assert load_routes(good) == ROUTES[:2]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {rule: protests, severity: high, channel: '#x'}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml: route 1"):
        load_routes(bad)


def test_preview_prints_the_payload_and_the_text() -> None:
    out = subprocess.run([MEDIAMON, "sink", "slack", "preview", str(DATA / "alert_update.json")],
                         capture_output=True, text=True, check=True).stdout
    payload_text, _, plain = out.partition("\n\n")
    assert json.loads(payload_text)["blocks"][0]["type"] == "section"
    assert "القتلى: من 32 إلى نحو 100 · 32 → about 100 killed" in plain
    broken = subprocess.run([MEDIAMON, "sink", "slack", "preview", "-"], input="[1]", capture_output=True,
                            text=True)
    assert broken.returncode == 2 and "expected a JSON object" in broken.stderr


def test_top_level_slack_preview_registration(capsys: pytest.CaptureFixture[str]) -> None:
    """What mediamon/cli.py gets once COMMANDS has "slack": ("mediamon.sinks.slack.cli", ...)."""
    import argparse

    from mediamon.sinks.slack.cli import register

    parser = argparse.ArgumentParser(prog="mediamon")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["slack", "preview", str(DATA / "alert_new.json"), "--format", "text"])
    assert args.func(args) == 0
    assert capsys.readouterr().out.startswith("🟠 خبر جديد · New story")


def test_transcript_for_the_demo() -> None:
    import urllib.request

    from mediamon.sinks.slack.message import build_message

    from .slackdouble import SlackDouble

    with SlackDouble() as double:
        body = json.dumps(build_message(_alert()).payload()).encode()
        request = urllib.request.Request(double.webhook_url(), data=body, headers={"Content-Type": "application/json"})
        assert urllib.request.urlopen(request, timeout=5).read() == b"ok"
        text = double.transcript()
    assert text.splitlines()[0] == "Slack (local double): 1 message posted"
    assert text.splitlines()[1] == "── 1/1 · alerts ──"
    assert "أكثر من 200 جريح · more than 200 injured" in text


def test_secrets_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mediamon.sinks.slack.settings import load_slack_settings

    (tmp_path / "mediamon_slack_bot_token").write_text("xoxb-from-file\n", encoding="utf-8")
    monkeypatch.setenv("MEDIAMON_SECRETS_DIR", str(tmp_path))
    slack = load_slack_settings()
    assert slack.bot_token is not None and slack.bot_token.get_secret_value() == "xoxb-from-file"
