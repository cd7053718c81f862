"""The per-episode build record: stages fill fields, and reading one too early fails loudly."""

from datetime import date

import pytest

from transcript_podcast.core.model import (
    Enclosure,
    Episode,
    EpisodeBuild,
    Neighbour,
    StageOrderError,
)


def episode():
    return Episode("001", "seeds/001.txt", "Title", "Notes", date(2026, 5, 17), (), "001")


@pytest.mark.parametrize(
    "field", ["url", "transcripts", "narration", "enclosure", "previous", "next"]
)
def test_a_field_read_before_its_stage_names_the_field_and_the_seed(field):
    record = EpisodeBuild(episode())
    with pytest.raises(StageOrderError, match=rf"seeds/001\.txt: {field} was read before"):
        getattr(record, field)


def test_filled_fields_read_back_and_none_is_a_value():
    record = EpisodeBuild(episode())
    record.enclosure = None
    record.previous = Neighbour("episodes/a/", "A")
    assert record.enclosure is None
    assert record.previous.url == "episodes/a/"
    record.enclosure = Enclosure("https://example.com/a.mp3", 10, "audio/mpeg", 1.0)
    assert record.enclosure.length == 10


def test_a_record_takes_no_ad_hoc_attributes():
    record = EpisodeBuild(episode())
    with pytest.raises(AttributeError):
        record.spoken_ends = ()
