"""The one date/time module, on strings as the real sites write them (from the captured real pages)."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.when import Times, all_dates, first_date, parse_date, parse_date_range, parse_times

D = date


@pytest.mark.parametrize("text,expected", [
    ("10 Jun 2024", D(2024, 6, 10)),
    ("10 June 2024", D(2024, 6, 10)),
    ("2024-06-10", D(2024, 6, 10)),
    ("2024-06-10T09:00:00Z", D(2024, 6, 10)),
    ("13 Apr 23", D(2023, 4, 13)),
    ("15:46 21 Nov 24", D(2024, 11, 21)),
    ("February 22, 2024", D(2024, 2, 22)),
    ("October 30th, 2024", D(2024, 10, 30)),
    ("January 8 2013", D(2013, 1, 8)),
    ("Friday, 15 July 2011", D(2011, 7, 15)),
    ("27 April 2020 (2 weeks prior to the meeting)", D(2020, 4, 27)),
    ("31 August 2020 (3 weeks prior to the meeting)", D(2020, 8, 31)),
    ("5 Sept 2023", D(2023, 9, 5)),
    ("10/06/2024", D(2024, 6, 10)),
    ("not a date", None),
    ("", None),
    ("10 June 2024 and 12 June 2024", None),  # two dates are not one
])
def test_a_date_as_written(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,start,end", [
    ("8 – 18 June 2026", D(2026, 6, 8), D(2026, 6, 18)),
    ("15 - 18 Jul. 2024", D(2024, 7, 15), D(2024, 7, 18)),
    ("10 - 13 Jul. 2023", D(2023, 7, 10), D(2023, 7, 13)),
    ("29 April - 2 May 2024", D(2024, 4, 29), D(2024, 5, 2)),
    ("30 Oct – 2 Nov 2023", D(2023, 10, 30), D(2023, 11, 2)),
    ("Date: 11 to 14 February 2025", D(2025, 2, 11), D(2025, 2, 14)),
    ("Date: 11 - 15 July 2011", D(2011, 7, 11), D(2011, 7, 15)),
    ("Monday, 11 July to Friday, 15 July 2011", D(2011, 7, 11), D(2011, 7, 15)),
    ("11 to 13 May, 27 to 29 May and 12 June 2020", D(2020, 5, 11), D(2020, 6, 12)),
    ("21–23 September, 30 September to 2 October and 5 October 2020", D(2020, 9, 21), D(2020, 10, 5)),
    ("28 December 2025 – 3 January 2026", D(2025, 12, 28), D(2026, 1, 3)),
    ("20 June 2011", D(2011, 6, 20), D(2011, 6, 20)),
    ("to be confirmed", None, None),
])
def test_a_meeting_span_as_written(text, start, end):
    assert parse_date_range(text) == (start, end)


def test_dates_found_inside_sentences():
    text = "The call for input is open until 8 July 2024. Deadline: 31 August 2020 (3 weeks prior to the meeting)"
    assert first_date(text) == D(2024, 7, 8)
    assert all_dates(text) == [D(2024, 7, 8), D(2020, 8, 31)]
    assert first_date("As of January 2024, JCM partner countries") is None  # a month is not a day


@pytest.mark.parametrize("text,expected", [
    ("7:00pm-9:30pm JST / 11:00am-1:30pm CET", Times(time(19), time(21, 30), "JST")),
    ("May 10th, 2023, from 20:00 to 22:15 JST (11:00 to 13:15 CEST)", Times(time(20), time(22, 15), "JST")),
    ("19:00 – 21:30 JST / 11:00 – 13:30 CET", Times(time(19), time(21, 30), "JST")),
    ("09:00h - 18:00h", Times(time(9), time(18))),
    ("14:00-17:00 (CEST)", Times(time(14), time(17), "CEST")),
    ("21 September 2020 at 14:00hrs (CEST)", Times(time(14), None, "CEST")),
    ("13 February 2025 @08:30)", Times(time(8, 30))),
    ("8:30 ET (On-line)", Times(time(8, 30), None, "ET")),
    ("10am to 12pm", Times(time(10), time(12))),
    ("2 (a) Adoption of the agenda", None),
    ("decision 2/CMA.3", None),
])
def test_times_as_written(text, expected):
    assert parse_times(text) == expected


def test_times_read_as_a_reader_writes_them():
    assert str(parse_times("7:00pm-9:30pm JST")) == "19:00–21:30 JST"
