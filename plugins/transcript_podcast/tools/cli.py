"""``python -m transcript_podcast check output/``: check a built site before deploying it.

Prints one line per problem and exits with status 1 when there is any, 0 otherwise.
"""

import argparse
import sys

from ..check.site import check_site


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m transcript_podcast")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the feed and transcripts of a built site")
    check.add_argument("output", help="the built site, e.g. output/")
    check.add_argument(
        "--feed", default="feed.xml", help="the feed's path in the output (PODCAST_FEED_PATH)"
    )
    check.add_argument(
        "--site-url", help="the site's URL (SITEURL); by default the feed's channel <link>"
    )
    args = parser.parse_args(argv)
    problems = check_site(args.output, args.feed, args.site_url)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s): do not publish this build", file=sys.stderr)
        return 1
    print(f"{args.feed}: feed and transcripts OK")
    return 0
