"""``frontlines serve``: the HTTP API and the web map in one uvicorn process."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from frontlines.cli.query import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Enable POST /articles (needs --token); the store is then opened for writing.",
)
@click.option(
    "--token",
    envvar="FRONTLINES_TOKEN",
    metavar="TOKEN",
    help="Bearer token required by POST /articles; env FRONTLINES_TOKEN.",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
def command(
    db: Path, host: str, port: int, allow_ingest: bool, token: str | None, log_level: str
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the offline web map at /.

    Read-only unless --allow-ingest. Binds 127.0.0.1 unless told otherwise.
    """
    try:
        import uvicorn

        from frontlines.serve import ServeConfig, create_app
    except ImportError as exc:
        raise click.ClickException(
            f"{exc.name} is missing: install the serve extra (pip install 'frontlines[serve]')"
        ) from None
    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs --token TOKEN (or env FRONTLINES_TOKEN)")
    if token and len(token) < 16:
        raise click.UsageError("--token: use at least 16 characters")
    if allow_ingest and not _is_loopback(host):
        click.echo(
            f"warning: ingest is enabled on {host}: the token travels in clear text unless a "
            "TLS proxy is in front",
            err=True,
        )
    app = create_app(ServeConfig(db=db, allow_ingest=allow_ingest, token=token))
    click.echo(f"frontlines: serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
