"""HTTP API (FastAPI) and the offline web map of control over time.

>>> from frontlines.serve import ServeConfig, create_app
>>> app = create_app(ServeConfig(db=Path("frontlines.db")))   # any ASGI server runs it

``frontlines serve`` runs it with uvicorn. Needs the ``serve`` extra (fastapi, uvicorn).
"""

from frontlines.serve.app import ServeConfig, create_app, static_dir

__all__ = ["ServeConfig", "create_app", "static_dir"]
