"""``frontlines gazetteer``: build or inspect the offline gazetteer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click


@click.group(name="gazetteer")
def command() -> None:
    """Build or inspect the offline gazetteer (GeoNames, built from installed packages)."""


@command.command()
@click.option("--out", type=click.Path(path_type=Path), help="Write here instead of the cache.")
@click.option(
    "--aliases",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Extra alias files (schema of data/aliases.tsv) baked into the build.",
)
def build(out: Path | None, aliases: tuple[Path, ...]) -> None:
    """Build the gazetteer now (otherwise it is built on first use)."""
    from frontlines.annotate.build_gazetteer import build as do_build
    from frontlines.annotate.gazetteer import default_path, prune_stale

    dest = out or default_path()
    t0 = time.perf_counter()
    do_build(dest, aliases)
    click.echo(f"built {dest} in {time.perf_counter() - t0:.1f}s")
    if out is None:
        for old in prune_stale(dest):
            click.echo(f"removed stale {old}")


@command.command()
@click.option("--gazetteer", type=click.Path(exists=True, path_type=Path))
def info(gazetteer: Path | None) -> None:
    """Where the gazetteer is and what it holds."""
    from frontlines.annotate.gazetteer import Gazetteer

    gaz = Gazetteer.load(gazetteer)
    click.echo(f"path: {gaz.path}")
    for k, v in gaz.stats().items():
        click.echo(f"{k}: {v}")
    click.echo("Data: GeoNames (https://www.geonames.org), CC BY 4.0.")


@command.command()
@click.argument("name")
@click.option("--country", help="ISO alpha-2 filter.")
@click.option("--gazetteer", type=click.Path(exists=True, path_type=Path))
@click.option("--aliases", multiple=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def lookup(
    name: str,
    country: str | None,
    gazetteer: Path | None,
    aliases: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Every place called NAME (any spelling), provinces first, then by population."""
    from frontlines.annotate.gazetteer import Gazetteer

    gaz = Gazetteer.load(gazetteer, aliases=aliases)
    places = gaz.lookup(name, country=country)
    if not places:
        raise click.ClickException(f"no place called {name!r}")
    for p in places:
        if as_json:
            click.echo(json.dumps(p.to_dict(), ensure_ascii=False))
        else:
            seat = {0: " capital", 1: " admin1-seat", 2: " admin2-seat"}.get(
                p.admin_seat if p.admin_seat is not None else -1, ""
            )
            click.echo(
                f"{p.geonameid}\t{p.name}\t{p.kind.value}\t{p.country}\t{p.admin1 or ''}"
                f"\t{p.admin1_code or ''}\t{p.lat:.4f},{p.lon:.4f}\tpop {p.population}{seat}"
            )
