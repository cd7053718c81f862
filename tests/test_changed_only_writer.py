"""The ChangedOnlyWriter repeats Pelican's private ``Writer._open_w`` bookkeeping (see its
docstring for why): both writers must answer every sequence of writes alike."""

import itertools
import logging

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from transcript_podcast.shell.writer import ChangedOnlyWriter

# Every sequence of up to three writes of one file, each with or without override.
SEQUENCES = [
    steps for length in (1, 2, 3) for steps in itertools.product((False, True), repeat=length)
]


def outcomes(writer_class, folder, steps, caplog):
    """What each write did, the file's final text and what the writer logged."""
    settings = dict(DEFAULT_CONFIG, CACHE_PATH=str(folder / "cache"), THEME=str(folder))
    writer = writer_class(str(folder / "output"), settings=settings)
    path = folder / "page.html"
    results = []
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="pelican.writers"):
        for number, override in enumerate(steps):
            try:
                with writer._open_w(str(path), "utf-8", override=override) as file:
                    file.write(f"write {number}\n")
            except Exception as error:  # the error itself is compared
                results.append((type(error).__name__, str(error).replace(str(folder), "")))
            else:
                results.append("written")
    logged = [r.getMessage().replace(str(folder), "") for r in caplog.records]
    return results, path.read_text() if path.exists() else None, logged


@pytest.mark.parametrize("steps", SEQUENCES, ids=lambda s: "-".join(map(str, s)))
def test_it_answers_every_sequence_of_writes_as_pelicans_writer(tmp_path, caplog, steps):
    (tmp_path / "pelican").mkdir()
    (tmp_path / "ours").mkdir()
    expected = outcomes(Writer, tmp_path / "pelican", steps, caplog)
    assert outcomes(ChangedOnlyWriter, tmp_path / "ours", steps, caplog) == expected
