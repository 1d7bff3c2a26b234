"""The Arabic analysis engine: pure domain logic, no I/O on the per-article path (docs/analysis.md).

Its per-article modules may run compiled (setup.py, Cython). An engine module edited after its build
would leave the old compiled code running unseen, so importing the package then fails with the
remedy instead (``analysis.build``).
"""

from .build import stale_modules as _stale_modules

_STALE = _stale_modules()
if _STALE:
    raise ImportError(
        f"compiled analysis modules are older than their source: {', '.join(_STALE)} — "
        "run `make install` to rebuild them (or delete analysis/*.so to run pure Python)"
    )
