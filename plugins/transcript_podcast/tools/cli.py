"""``python -m transcript_podcast``: the project's commands.

``check output/`` checks a built site before deploying it: one line per problem, exit status 1
when there is any, 0 otherwise.  ``ping output/``, after a deploy, tells the feed's WebSub hubs
and the Podcast Index that the feed changed (:mod:`.ping`).  ``retract STEM`` takes a published
episode down for good (:mod:`.retract`).  ``settings-table`` prints the README's settings table
(``--update README.md`` rewrites it there).
"""

import argparse
import sys
from pathlib import Path

from ..check.site import check_site
from ..core.settings import SETTINGS
from .ping import PUBNOTIFY, TIMEOUT, PingError, ping
from .retract import retract
from .settings_table import settings_table, with_table

FEED_PATH = next(s.default for s in SETTINGS if s.name == "PODCAST_FEED_PATH")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m transcript_podcast")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the feed and transcripts of a built site")
    check.add_argument("output", help="the built site, e.g. output/")
    check.add_argument(
        "--feed", default=FEED_PATH, help="the feed's path in the output (PODCAST_FEED_PATH)"
    )
    check.add_argument(
        "--site-url", help="the site's URL (SITEURL); by default the feed's channel <link>"
    )
    notify = commands.add_parser(
        "ping", help="after a deploy, tell the feed's WebSub hubs and the Podcast Index"
    )
    notify.add_argument("output", help="the built site that was deployed, e.g. output/")
    notify.add_argument(
        "--feed", default=FEED_PATH, help="the feed's path in the output (PODCAST_FEED_PATH)"
    )
    notify.add_argument(
        "--pubnotify",
        default=PUBNOTIFY,
        metavar="URL",
        help="the Podcast Index pubnotify endpoint ('' to skip it)",
    )
    notify.add_argument(
        "--timeout",
        type=seconds,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"how long each request may take (default {TIMEOUT})",
    )
    notify.add_argument(
        "--dry-run", action="store_true", help="print what would be sent, send nothing"
    )
    table = commands.add_parser(
        "settings-table", help="print the README's settings table, generated from the settings"
    )
    table.add_argument(
        "--update", metavar="README", help="rewrite the table in this file instead of printing it"
    )
    take_down = commands.add_parser(
        "retract",
        help="take a published episode down for good: mark it in the GUID lock, delete its seed",
    )
    take_down.add_argument("episode", help="the seed file's stem, or the seed file itself")
    take_down.add_argument("--lock", default="seeds/guids.lock", help="the GUID lock file")
    take_down.add_argument("--seeds", default="seeds", help="the folder of seed transcripts")
    args = parser.parse_args(argv)
    if args.command == "settings-table":
        return print_settings_table(args.update)
    if args.command == "retract":
        return retract_episode(args)
    if args.command == "ping":
        return ping_hubs(args)
    return check_built_site(args)


def check_built_site(args):
    problems = check_site(args.output, args.feed, args.site_url)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s): do not publish this build", file=sys.stderr)
        return 1
    print(f"{args.feed}: feed and transcripts OK")
    return 0


def seconds(value):
    """A positive number of seconds, for argparse."""
    try:
        number = float(value)
    except ValueError:
        number = 0
    if not number > 0:
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {value!r}")
    return number


def ping_hubs(args):
    """Exit 0 even when hubs failed (the deploy is done; each failure has its line); 2 when
    there is no feed to ping."""
    try:
        failures = ping(
            args.output,
            args.feed,
            pubnotify=args.pubnotify,
            timeout=args.timeout,
            dry_run=args.dry_run,
        )
    except PingError as error:
        print(error, file=sys.stderr)
        return 2
    if failures:
        print(f"{failures} ping(s) failed: apps see the episode on their next poll instead")
    return 0


def print_settings_table(readme):
    if readme is None:
        sys.stdout.write(settings_table())
        return 0
    path = Path(readme)
    try:
        path.write_text(with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
    except (OSError, ValueError) as error:
        print(f"{readme}: {error}", file=sys.stderr)
        return 1
    print(f"{readme}: settings table updated")
    return 0


def retract_episode(args):
    try:
        lines = retract(args.episode, args.lock, args.seeds)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
