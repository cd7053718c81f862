"""End-to-end: real Pelican builds of the real seeds in temporary folders."""

import re
from html.parser import HTMLParser

from .conftest import ROOT, SEEDS, build, make_project, run_pelican

EXPECTED = {
    "000_cf1f7d48bab437eb": ("2026-04-05", 323),
    "001_fcc1d385489321ae": ("2026-05-17", 312),
    "002_3dbd943c478ecbef": ("2026-03-22", 280),
    "003_d29b12e1e87793c7": ("2026-06-07", 289),
    "004_7009488f9fc2abd8": ("2026-04-08", 274),  # one of its 275 lines has no words
}
TITLES = {seed.stem: seed.read_text().splitlines()[0] for seed in SEEDS}


class PageFacts(HTMLParser):
    """What a reader of an episode page sees: its heading, its date and its segments."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.h1, self.dates, self.segments, self._in = "", [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self._in = "h1"
        elif tag == "time" and "datetime" in attrs:
            self.dates.append(attrs["datetime"])
        elif "segment" in (attrs.get("class") or "").split():
            self.segments.append(attrs.get("data-start"))

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1 += data


def episode_pages(output):
    return sorted((output / "episodes").glob("*/index.html"))


def test_real_seeds_become_five_dated_episodes(seed_site):
    pages = episode_pages(seed_site)
    assert len(pages) == 5
    seen = {}
    for page in pages:
        facts = PageFacts(page.read_text())
        stem = next(stem for stem, title in TITLES.items() if title == facts.h1)
        seen[stem] = (facts.dates[0], len(facts.segments))
    assert seen == EXPECTED


def test_index_lists_episodes_newest_first(seed_site):
    index = (seed_site / "index.html").read_text()
    dates = re.findall(r'<time datetime="([\d-]+)"', index)
    assert dates == sorted((d for d, _ in EXPECTED.values()), reverse=True)


def test_about_page_is_built(seed_site):
    """The page holds content/pages/about.md: its title as the heading, its text below."""
    source = (ROOT / "content" / "pages" / "about.md").read_text()
    title = re.search(r"^Title: (.+)$", source, re.MULTILINE).group(1)
    last_line = source.rstrip().splitlines()[-1]
    page = (seed_site / "about" / "index.html").read_text()
    body = page.split('<article class="page">', 1)[1].split("</article>", 1)[0]
    assert f"<h1>{title}</h1>" in body
    assert last_line in body


def test_stray_txt_outside_seeds_is_not_an_episode(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    (project / "content" / "pages" / "notes.txt").write_text("Not a transcript\n")
    (project / "content" / "stray.txt").write_text(SEEDS[1].read_text())
    output = build(project)
    assert len(episode_pages(output)) == 1


def test_equal_titles_are_both_published(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    _first, second = sorted((project / "seeds").glob("*.txt"))
    second.write_text(
        "USA vs China: Open Source, Tokens, and AI's New Economy\n"
        + second.read_text().split("\n", 1)[1]
    )
    output = build(project)
    slugs = sorted(p.parent.name for p in episode_pages(output))
    assert slugs == [
        "usa-vs-china-open-source-tokens-and-ais-new-economy",
        "usa-vs-china-open-source-tokens-and-ais-new-economy-2",
    ]
    # The earlier episode (April) keeps the plain slug; the later one (May) gets -2.
    assert "2026-04-05" in (output / "episodes" / slugs[0] / "index.html").read_text()


def test_title_without_letters_falls_back_to_the_stem(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    seed = next((project / "seeds").glob("*.txt"))
    seed.write_text("!!! ??? ...\n" + seed.read_text().split("\n", 1)[1])
    output = build(project)
    assert [p.parent.name for p in episode_pages(output)] == [seed.stem]


def write_bad_seeds(project):
    (project / "seeds" / "bad-time.txt").write_text(
        "Bad\nShow notes\nn\nShow transcript\n00:00:01: Sunday, May 17 2026\n00:07:61: hi\n"
    )
    (project / "seeds" / "no-date.txt").write_text(
        "No date\nShow notes\nn\nShow transcript\n00:00:01: hello\n"
    )


def test_development_build_skips_bad_files_and_publishes_the_rest(tmp_path):
    project = make_project(tmp_path)
    write_bad_seeds(project)
    result = run_pelican(project)
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "seeds/bad-time.txt:6: timestamp 00:07:61 is not a valid time" in log
    assert "seeds/no-date.txt:5: no air date spoken" in log
    assert "Traceback" not in log
    assert len(episode_pages(project / "output")) == 5


def test_production_build_fails_after_reporting_every_bad_file(tmp_path):
    project = make_project(tmp_path)
    write_bad_seeds(project)
    result = run_pelican(project, "publishconf.py")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "seeds/bad-time.txt:6: timestamp 00:07:61 is not a valid time" in log
    assert "seeds/no-date.txt:5: no air date spoken" in log
    assert "2 bad transcript(s)" in log
    assert "Traceback" not in log
    assert not (project / "output" / "index.html").exists()


def test_production_build_of_the_real_seeds_succeeds(tmp_path):
    project = make_project(tmp_path)
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(episode_pages(project / "output")) == 5


def test_bad_setting_stops_the_build_with_its_name(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    with open(project / "pelicanconf.py", "a") as conf:
        conf.write("\nPODCAST_OPENING_SECONDS = 'soon'\n")
    result = run_pelican(project)
    assert result.returncode == 1
    assert (
        "PODCAST_OPENING_SECONDS must be a positive number of seconds, not 'soon'"
        in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr
