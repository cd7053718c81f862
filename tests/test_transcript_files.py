"""End-to-end: the five transcript files of every real seed, read back with real parsers."""

import json
import sys
import textwrap

import pytest
from pelican import signals

from transcript_podcast.core.safe_text import clean_text
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.seeds.layout import format_stamp
from transcript_podcast.core.transcripts.formats import FORMATS

from .conftest import ROOT, SEEDS, build, make_project
from .transcript_parsers import html_rows, json_rows, srt_rows, text_rows, vtt_rows


def episode_folders(output):
    """Episode title (first line of its plain-text transcript) → its output folder."""
    folders = {}
    for text_file in sorted((output / "episodes").glob("*/transcript.txt")):
        folders[text_file.read_text(encoding="utf-8").split("\n", 1)[0]] = text_file.parent
    return folders


def check_against_seed(folder, episode):
    """Every format holds every spoken line, in order, in valid cues (text made safe)."""
    spoken = episode.spoken_segments
    texts = [clean_text(s.text) for s in spoken]
    read = lambda ext: (folder / f"transcript.{ext}").read_text(encoding="utf-8")  # noqa: E731

    speakers = [s.speaker for s in spoken]
    shown = [
        name if name != before else None
        for before, name in zip([None, *speakers[:-1]], speakers, strict=True)
    ]

    vtt = vtt_rows(read("vtt"))
    assert [(speaker, text) for *_, speaker, text in vtt] == list(zip(speakers, texts, strict=True))
    assert srt_rows(read("srt"), speakers) == vtt
    assert json_rows(read("json")) == vtt
    for index, ((start, end, _, _), segment) in enumerate(zip(vtt, spoken, strict=True)):
        assert end > start
        assert start >= segment.start * 1000
        if index + 1 < len(vtt):
            assert end <= vtt[index + 1][0]
        if index == 0 or spoken[index - 1].start != segment.start:
            assert start == segment.start * 1000
        later = [s.start for s in spoken[index:] if s.start > segment.start]
        if later:
            assert end <= later[0] * 1000

    untimed = [(format_stamp(s.start), n, t) for s, n, t in zip(spoken, shown, texts, strict=True)]
    assert html_rows(read("html")) == untimed
    assert text_rows(read("txt"), shown) == untimed
    return vtt


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_seed_has_five_formats_that_parse_back(seed_site, seed):
    episode = load_episode(seed, ROOT)
    folder = episode_folders(seed_site)[episode.title]
    vtt = check_against_seed(folder, episode)
    assert [text for *_, text in vtt] == [s.text for s in episode.spoken_segments]  # unchanged


def test_odd_and_hostile_transcripts_make_valid_files(tmp_path):
    corpus = sorted((ROOT / "tests" / "corpus").glob("[oh]*/*.txt"))
    output = build(make_project(tmp_path, corpus))
    folders = sorted((output / "episodes").iterdir())
    for source in corpus:
        episode = load_episode(tmp_path / "seeds" / source.name, tmp_path)
        # Titles repeat in the corpus: the title line and the first spoken line pick the folder.
        head = f"{clean_text(episode.title)}\n\n{format_stamp(episode.spoken_segments[0].start)} "
        head += clean_text(episode.spoken_segments[0].text)
        (folder,) = [f for f in folders if (f / "transcript.txt").read_text().startswith(head)]
        check_against_seed(folder, episode)


def test_episode_pages_link_all_five_files(seed_site):
    for folder in episode_folders(seed_site).values():
        page = (folder / "index.html").read_text(encoding="utf-8")
        for transcript_format in FORMATS:
            url = f"/episodes/{folder.name}/{transcript_format.filename}"
            assert f'href="{url}" type="{transcript_format.mime_type}"' in page
            assert (folder / transcript_format.filename).is_file()


def test_two_builds_write_identical_transcripts(seed_site, tmp_path):
    again = build(make_project(tmp_path))
    first = sorted(seed_site.glob("episodes/*/transcript.*"))
    second = sorted(again.glob("episodes/*/transcript.*"))
    assert [p.relative_to(seed_site) for p in first] == [p.relative_to(again) for p in second]
    assert len(first) == 5 * len(FORMATS)
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes()
        assert b"\r" not in one.read_bytes()


def test_sidecar_speakers_and_audio_duration_reach_the_files(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    seed = next((project / "seeds").glob("*.txt"))
    seed.with_suffix(".toml").write_text(
        textwrap.dedent("""
            [audio]
            url = "https://example.com/episode.mp3"
            length = 1000
            duration = 1500.5

            [[speakers]]
            start = "00:00:00"
            name = "Ana <host>"

            [[speakers]]
            start = "00:00:16"
            name = "Bo"
        """)
    )
    folder = next((build(project) / "episodes").iterdir())
    episode = load_episode(seed, project)
    vtt = check_against_seed(folder, episode)
    assert vtt[-1][1] == 1_500_500
    assert (folder / "transcript.vtt").read_text().count("<v Ana &lt;host&gt;>") == 3
    cues = json.loads((folder / "transcript.json").read_text())["segments"]
    assert [c.get("speaker") for c in cues[:4]] == ["Ana <host>"] * 3 + ["Bo"]
    assert '<b class="speaker">Bo:</b>' in (folder / "transcript.html").read_text()


TIMINGS_PLUGIN = '''
"""What the feed and narration parts hand over: the enclosure and the spoken ends."""

from pelican import signals

from transcript_podcast.core.model import Enclosure, Narrated


def hand_over(generator):
    for article in generator.articles:
        record = article.episode_build
        segments = record.episode.segments
        record.enclosure = Enclosure("https://example.com/a.mp3", 1, "audio/mpeg", 2000.0)
        # The last segment "speaks" past the audio's end: the enclosure's duration wins.
        ends = tuple(s.start + 0.25 for s in segments[:-1]) + (9999.0,)
        record.narration = Narrated("synthesized", ends)


def register():
    signals.article_generator_finalized.connect(hand_over)
'''


def test_enclosure_and_narration_timings_end_the_cues(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    (project / "plugins" / "timings_handover").mkdir()
    (project / "plugins" / "timings_handover" / "__init__.py").write_text(TIMINGS_PLUGIN)
    try:
        output = build(project, PLUGINS=["transcript_podcast", "timings_handover"])
    finally:
        # Pelican's signals outlive the build: leave no receiver behind for later tests.
        signals.article_generator_finalized.disconnect(sys.modules["timings_handover"].hand_over)
    folder = next((output / "episodes").iterdir())
    episode = load_episode(project / "seeds" / SEEDS[0].name, project)
    vtt = check_against_seed(folder, episode)
    for (start, end, _, _), segment in zip(vtt[:-1], episode.spoken_segments, strict=False):
        assert end <= max(segment.start * 1000 + 250, start + 1)
    assert vtt[-1][1] == 2_000_000
