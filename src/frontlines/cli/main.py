"""The ``frontlines`` command. Sub-commands are imported only when run, so ``--help`` is fast."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from frontlines.errors import FrontlinesError

# name -> (module under frontlines.cli, one-line help). Each module exposes ``command``.
COMMANDS: dict[str, tuple[str, str]] = {
    "annotate": ("annotate", "Show the places, dates and actors understood in articles."),
    "extract": ("extract", "Extract events from articles (table or JSON Lines)."),
    "ingest": ("ingest", "Extract and store articles in the embedded store."),
    "events": ("query", "List stored (merged) events with filters."),
    "control": ("query", "Who holds which place as of a date."),
    "timeline": ("query", "The control timeline of one place (or all)."),
    "check": ("query", "Compare aggregates stated in articles with computed control."),
    "export": ("export", "Export stored events: ACLED-style CSV, GeoJSON, JSON Lines, Parquet."),
    "serve": ("serve", "Serve the HTTP API and the web map."),
    "gazetteer": ("gazetteer", "Build or inspect the offline gazetteer."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"frontlines.cli.{COMMANDS[cmd_name][0]}")
        cmd = getattr(module, cmd_name.replace("-", "_") + "_command", None) or module.command
        assert isinstance(cmd, click.Command)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, hlp) for name, (_, hlp) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="frontlines")
def cli() -> None:
    """frontlines: sourced, geocoded, dated conflict events and control timelines from news."""


def main() -> None:
    # Progress notes of the library (e.g. the one-time gazetteer build) go to stderr.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("frontlines: %(message)s"))
    package_log = logging.getLogger("frontlines")
    package_log.addHandler(handler)
    package_log.setLevel(logging.INFO)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except FrontlinesError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
