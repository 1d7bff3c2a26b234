from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest

from mediamon.errors import ConfigError
from mediamon.producers.config import load_feeds, parse_feeds
from mediamon.settings import REPO_ROOT

PATH = Path("feeds.yaml")


def _doc(*feeds: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"version": 1, "feeds": list(feeds), **top}


def test_shipped_feeds_file_has_ten_real_arabic_outlets() -> None:
    config = load_feeds(REPO_ROOT / "config" / "feeds.yaml")
    enabled = config.enabled_feeds
    assert len(enabled) >= 10
    assert all(f.url.startswith("https://") for f in enabled)
    assert all(f.languages == ("ar",) and f.allow_networks == () for f in enabled)
    assert len({f.source for f in enabled}) == len(enabled)


def test_defaults_then_feed_options_are_merged() -> None:
    config = parse_feeds(_doc(
        {"name": "a", "url": "https://a.example/rss"},
        {"name": "b", "url": "http://b.example/rss", "poll_interval": 60, "encoding": "windows-1256",
         "fulltext": False, "allow_networks": ["127.0.0.0/8"], "enabled": False, "source": "بي"},
        defaults={"poll_interval": 600, "jitter": 0.2},
    ), PATH)
    a, b = config.feeds
    assert (a.poll_interval, a.jitter, a.fulltext, a.encoding, a.source) == (600, 0.2, True, None, "a")
    assert (b.poll_interval, b.encoding, b.fulltext, b.source) == (60, "cp1256", False, "بي")
    assert (a.enabled, b.enabled) == (True, False)
    assert b.allow_networks == (ipaddress.ip_network("127.0.0.0/8"),)
    assert config.enabled_feeds == (a,)


@pytest.mark.parametrize(
    ("feed", "message"),
    [
        ({"name": "bad", "url": "https://x/rss", "pol_interval": 5},
         "feed 'bad': pol_interval: Extra inputs"),
        ({"name": "bad", "url": "ftp://x/rss"}, "feed 'bad': url: Value error, only http and https"),
        ({"name": "bad", "url": "https://x/rss", "encoding": "klingon"},
         "feed 'bad': encoding: Value error, unknown"),
        ({"name": "bad", "url": "https://x/rss", "poll_interval": -1}, "feed 'bad': poll_interval:"),
        ({"name": "bad", "url": "https://x/rss", "allow_networks": ["not-a-net"]},
         "feed 'bad': allow_networks.0"),
        ({"name": "Bad Name", "url": "https://x/rss"}, "feed 'Bad Name': name:"),
        ({"url": "https://x/rss"}, "feed #2: name: Field required"),
    ],
)
def test_errors_name_the_file_and_the_feed(feed: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_feeds(_doc({"name": "fine", "url": "https://ok/rss"}, feed), PATH)
    assert str(caught.value).startswith(f"{PATH}: {message}")


def test_duplicate_names_and_unknown_top_level_keys_are_errors() -> None:
    twice = {"name": "twin", "url": "https://x/rss"}
    with pytest.raises(ConfigError, match="feed 'twin': duplicate feed name"):
        parse_feeds(_doc(twice, twice), PATH)
    with pytest.raises(ConfigError, match=r"feeds\.yaml: limitz: Extra inputs"):
        parse_feeds(_doc(twice, limitz={}), PATH)
    with pytest.raises(ConfigError, match="unsupported version 2"):
        parse_feeds({"version": 2, "feeds": []}, PATH)


def test_unreadable_and_invalid_yaml_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read feeds file"):
        load_feeds(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("feeds: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml: invalid YAML"):
        load_feeds(broken)
