"""Artwork sizes read from PNG and JPEG headers, against ffprobe on images ffmpeg made; and
cover art Apple would refuse, warned about by the build and refused by the feed check."""

import json
import shutil
import subprocess

import pytest
from lxml import etree

from transcript_podcast.check.site import check_site
from transcript_podcast.core.artwork import apple_cover_problem, image_size

from .conftest import NS, SEEDS, build, make_project, require


def make_image(path, width, height):
    """An image of ``width`` × ``height`` written by ffmpeg (format from the suffix)."""
    require(shutil.which("ffmpeg"), "ffmpeg", "apt-get install ffmpeg")
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c=teal:s={width}x{height}",
         "-frames:v", "1", str(path)],
        check=True,
    )  # fmt: skip
    return path


def ffprobe_size(path):
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=width,height", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    stream = json.loads(result.stdout)["streams"][0]
    return stream["width"], stream["height"]


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
@pytest.mark.parametrize(("width", "height"), [(1400, 1400), (3000, 3000), (1920, 1080), (18, 10)])
def test_the_header_says_what_ffprobe_says(tmp_path, suffix, width, height):
    path = make_image(tmp_path / f"art{suffix}", width, height)
    assert image_size(path.read_bytes()) == ffprobe_size(path) == (width, height)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00\x10JFIF", b"GIF89a" + bytes(20)],
)
def test_a_header_that_does_not_say_gives_none(data):
    assert image_size(data) is None


def test_apple_wants_a_square_of_1400_to_3000_pixels():
    assert apple_cover_problem((1400, 1400)) is None
    assert apple_cover_problem((3000, 3000)) is None
    assert "1399×1399 px" in apple_cover_problem((1399, 1399))
    assert "needs a square" in apple_cover_problem((1600, 1400))


def test_a_small_cover_is_named_by_the_build_and_refused_by_the_check(tmp_path, caplog):
    project = make_project(tmp_path, SEEDS[:1])
    make_image(project / "content" / "images" / "cover.png", 1000, 1000)
    output = build(project, PODCAST_NARRATION=False, PODCAST_SEARCH=False)
    assert (
        "Cover art content/images/cover.png is 1000×1000 px; Apple Podcasts needs a square "
        "of 1400 to 3000 px" in caplog.text
    )
    feed = (output / "feed.xml").read_text()
    assert 'aspect-ratio="1/1" width="1000" height="1000"' in feed
    problems = check_site(output)
    assert any("cover art http" in p and "is 1000×1000 px" in p for p in problems), problems


def test_a_cover_linked_from_outside_the_project_is_not_read(tmp_path, caplog):
    """Not even its size reaches the feed: the file is not published either."""
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", SEEDS[:1])
    elsewhere = make_image(tmp_path / "elsewhere.png", 2000, 2000)
    cover = project / "content" / "images" / "cover.png"
    cover.unlink()
    cover.symlink_to(elsewhere)
    output = build(project, PODCAST_NARRATION=False, PODCAST_SEARCH=False)
    assert "content/images/cover.png leads outside the project" in caplog.text
    image = etree.parse(output / "feed.xml").find("channel/podcast:image", NS)
    assert image.get("width") is None
    assert not (output / "images" / "cover.png").exists()
