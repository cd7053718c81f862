"""The podcast namespace's channel tags as its documents define them: ``podcast:image``,
``funding``, ``license``, ``txt``, ``podroll``, ``updateFrequency`` and ``trailer``.

Each function returns problems as messages; :mod:`.feed_rules` says where they are.  The
limits and lists are the ones the feed is written with (:mod:`..core.feed.podcastindex`).
"""

import re
import uuid
from datetime import datetime

from ..core.artwork import image_size
from ..core.locations import is_http_url
from ..core.standards import KNOWN_LICENSES, LONG_TEXT, PODCAST_NS, SHORT_TEXT, is_rrule

NS = {"podcast": PODCAST_NS}
ASPECT_RATIO = re.compile(r"^\d+(\.\d+)?/\d+(\.\d+)?\Z")
SINGLE = ("license", "podroll", "updateFrequency")  # tags a channel has at most once


def channel_problems(channel, local_file, date_problem):
    """Problems of the channel's namespace tags; ``local_file(url)`` is the output file a
    site URL names (None elsewhere), ``date_problem(value)`` a pubDate's problem or None."""
    found = []
    for name in SINGLE:
        count = len(channel.findall(f"podcast:{name}", NS))
        if count > 1:
            found.append(f"{count} <podcast:{name}> tags (one at most)")
    for image in channel.findall("podcast:image", NS):
        found += image_problems(image, local_file)
    for funding in channel.findall("podcast:funding", NS):
        found += url_problems(funding, "podcast:funding")
        found += text_problems(funding, "podcast:funding")
    for element in channel.findall("podcast:license", NS):
        found += license_problems(element)
    for txt in channel.findall("podcast:txt", NS):
        found += text_problems(txt, "podcast:txt", LONG_TEXT)
        purpose = txt.get("purpose")
        if purpose is not None and not 0 < len(purpose) <= SHORT_TEXT:
            found.append(f"<podcast:txt purpose> is not 1 to {SHORT_TEXT} characters")
    for element in channel.findall("podcast:podroll", NS):
        found += podroll_problems(element)
    for element in channel.findall("podcast:updateFrequency", NS):
        found += update_frequency_problems(element)
    for trailer in channel.findall("podcast:trailer", NS):
        found += trailer_problems(trailer, local_file, date_problem)
    return found


def image_problems(image, local_file):
    href = image.get("href", "")
    if not is_http_url(href):
        return [f"<podcast:image href> {href!r} is not an absolute http(s) URL"]
    found = []
    ratio = image.get("aspect-ratio")
    if ratio is not None and not ASPECT_RATIO.match(ratio):
        found.append(f"<podcast:image aspect-ratio> {ratio!r} is not a ratio like 1/1")
    local = local_file(href)
    if local is not None and not local.is_file():
        found.append(f"<podcast:image> {href} is not in the output")
    elif local is not None and image.get("width"):
        size = file_image_size(local)
        said = (image.get("width"), image.get("height", str(size[1]) if size else None))
        if size and said != (str(size[0]), str(size[1])):
            found.append(
                f"<podcast:image> says width {said[0]}, height {said[1]}; "
                f"the file is {size[0]}×{size[1]} px"
            )
    return found


def file_image_size(path):
    """``(width, height)`` of an image file in the output, or None."""
    with open(path, "rb") as file:
        return image_size(file.read(1 << 16))


def url_problems(element, tag, attribute="url"):
    url = element.get(attribute, "")
    if is_http_url(url):
        return []
    return [f"<{tag} {attribute}> {url!r} is not an absolute http(s) URL"]


def text_problems(element, tag, limit=SHORT_TEXT):
    value = (element.text or "").strip()
    if not value:
        return [f"<{tag}> has no text"]
    if len(value) > limit:
        return [f"<{tag}> text is {len(value)} characters (apps cut it after {limit})"]
    return []


def license_problems(element):
    found = text_problems(element, "podcast:license")
    if element.get("url") is not None:
        found += url_problems(element, "podcast:license")
    elif (element.text or "").strip() not in KNOWN_LICENSES:
        found.append(
            f"<podcast:license> {(element.text or '').strip()!r} is not a well-known license "
            "and has no url of its text"
        )
    return found


def podroll_problems(podroll):
    remote_items = podroll.findall("podcast:remoteItem", NS)
    if not remote_items:
        return ["<podcast:podroll> has no <podcast:remoteItem>"]
    found = []
    for remote in remote_items:
        guid = remote.get("feedGuid", "")
        try:
            uuid.UUID(guid)
        except ValueError:
            found.append(f"<podcast:remoteItem feedGuid> {guid!r} is not a UUID")
        if remote.get("feedUrl") is not None:
            found += url_problems(remote, "podcast:remoteItem", "feedUrl")
    return found


def update_frequency_problems(element):
    found = text_problems(element, "podcast:updateFrequency")
    complete = element.get("complete")
    if complete is not None and complete not in ("true", "false"):
        found.append(f"<podcast:updateFrequency complete> {complete!r} is not true or false")
    rule = element.get("rrule")
    if rule is not None and not is_rrule(rule):
        found.append(f"<podcast:updateFrequency rrule> {rule!r} is not an RFC 5545 rule")
    start = element.get("dtstart")
    if start is not None:
        try:
            datetime.fromisoformat(start)
        except ValueError:
            found.append(f"<podcast:updateFrequency dtstart> {start!r} is not an ISO 8601 date")
    if rule and "COUNT=" in rule and start is None:
        found.append("<podcast:updateFrequency> with a COUNT needs a dtstart")
    return found


def trailer_problems(trailer, local_file, date_problem):
    found = text_problems(trailer, "podcast:trailer")
    found += url_problems(trailer, "podcast:trailer")
    problem = date_problem(trailer.get("pubdate"))
    if problem:
        found.append(f"<podcast:trailer pubdate>: {problem}")
    length = trailer.get("length")
    if length is not None and not length.isdigit():
        found.append(f"<podcast:trailer length> {length!r} is not a number of bytes")
    season = trailer.get("season")
    if season is not None and not (season.isdigit() and int(season) > 0):
        found.append(f"<podcast:trailer season> {season!r} is not a positive integer")
    local = local_file(trailer.get("url", ""))
    if local is not None and not local.is_file():
        found.append(f"<podcast:trailer> {trailer.get('url')} is not in the output")
    elif local is not None and length and length.isdigit() and int(length) != local.stat().st_size:
        found.append(f"<podcast:trailer length> {length} != file size {local.stat().st_size}")
    return found
