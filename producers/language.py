"""Language of an article: the analysis engine's detector when present, else langdetect (fixed seed)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

Detector = Callable[[str], str]
SAMPLE_CHARS = 3000


def _langdetect(text: str) -> str:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return "unknown"


def _engine_detector() -> Detector | None:
    try:
        module = importlib.import_module("mediamon.analysis.language")
    except ModuleNotFoundError as exc:
        if exc.name in ("mediamon.analysis.language", "analysis"):
            return None
        raise
    detector: Detector | None = getattr(module, "detect_language", None)
    return detector


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("unknown" when there is nothing to judge)."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return "unknown"
    engine = _engine_detector()
    if engine is not None:
        try:
            return engine(sample)
        except Exception:  # a bug in the engine must not stop the feeds; it is logged, not hidden
            log.exception("mediamon.analysis.language.detect_language failed; using langdetect for this item")
    return _langdetect(sample)
