"""The on-disk cache: ``$RECAST_CACHE_DIR`` or ``~/.cache/recast``; keys are hashes of inputs."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["cache_dir", "cache_key"]


def __dir__() -> list[str]:
    return __all__


def cache_dir(sub: str = "") -> Path:
    """The cache directory (created if needed), optionally a named subfolder."""
    root = Path(os.environ.get("RECAST_CACHE_DIR") or Path.home() / ".cache" / "recast")
    path = root / sub if sub else root
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_key(payload: object) -> str:
    """A stable 16-hex-digit hash of a JSON-serialisable payload (sorted keys)."""
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
