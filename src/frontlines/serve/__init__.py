"""HTTP API (FastAPI) and the offline web map of control over time.

>>> from frontlines.serve import ServeConfig, create_app
>>> app = create_app(ServeConfig(db=Path("frontlines.db")))   # any ASGI server runs it

``frontlines serve`` runs it with uvicorn. The app needs the ``serve`` extra (fastapi,
uvicorn); it is imported lazily, so ``frontlines.serve.sample`` works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontlines.serve.app import ServeConfig, create_app, static_dir

__all__ = ["ServeConfig", "create_app", "static_dir"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from frontlines.serve import app

        return getattr(app, name)
    raise AttributeError(f"module 'frontlines.serve' has no attribute {name!r}")
