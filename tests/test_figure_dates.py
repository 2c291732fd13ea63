"""Figure dates: the resolver of time expressions, and the component that dates each figure from
its sentence against the publication date (issue 3), from the time layer (issue 5)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crisisdesk.ingest import make_article, read_sources
from crisisdesk.ingest.readers import RawArticle
from crisisdesk.model import Article, TimeSpan
from crisisdesk.nlp.figure_dates import resolve, time_expressions
from crisisdesk.nlp.pipeline import build_nlp, extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PUBLISHED = date(2017, 4, 1)  # a Saturday
RELATIVE = [
    "yesterday",
    "today",
    "last week",
    "on Friday",
    "this weekend",
    "last month",
    "this year",
    "three days ago",
    "Just a few days ago",
]


def day(text: str) -> date:
    return date.fromisoformat(text)


# --- the resolver -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("on 6 March", PUBLISHED, TimeSpan(day("2017-03-06"), day("2017-03-06"), "day")),
        # The time layer reads a day without a year as its nearest occurrence (the past counts
        # nearer): five days after publication rather than a year before it.
        ("on 6 April", PUBLISHED, TimeSpan(day("2017-04-06"), day("2017-04-06"), "day")),
        ("in October 2016", None, TimeSpan(day("2016-10-01"), day("2016-10-31"), "month")),
        ("in February 2016", None, TimeSpan(day("2016-02-01"), day("2016-02-29"), "month")),
        ("in 2020", None, TimeSpan(day("2020-01-01"), day("2020-12-31"), "year")),
        ("23 March 2017", None, TimeSpan(day("2017-03-23"), day("2017-03-23"), "day")),
        ("March 23, 2017", None, TimeSpan(day("2017-03-23"), day("2017-03-23"), "day")),
        ("in the 1990s", None, TimeSpan(day("1990-01-01"), day("1999-12-31"), "decade")),
        ("between 17 October and 23 March", PUBLISHED, TimeSpan(day("2016-10-17"), day("2017-03-23"), "day")),
        ("between 17 October and 23 March 2017", None, TimeSpan(day("2016-10-17"), day("2017-03-23"), "day")),
        ("between 1 and 16 March", PUBLISHED, TimeSpan(day("2017-03-01"), day("2017-03-16"), "day")),
        ("on 21 and 23 December", PUBLISHED, TimeSpan(day("2016-12-21"), day("2016-12-23"), "day")),
        ("between November and early December 2017", None, TimeSpan(day("2017-11-01"), day("2017-12-31"), "month")),
        ("between late November 2016 and mid-March", None, TimeSpan(day("2016-11-01"), day("2017-03-31"), "month")),
        ("from 2014 to 2016", None, TimeSpan(day("2014-01-01"), day("2016-12-31"), "year")),
        ("since 2009", PUBLISHED, TimeSpan(day("2009-01-01"), PUBLISHED, "year")),
        ("since 2009", None, TimeSpan(day("2009-01-01"), None, "year")),
        ("Since 1 January 2016", PUBLISHED, TimeSpan(day("2016-01-01"), PUBLISHED, "day")),
        ("as of 23 March", PUBLISHED, TimeSpan(None, day("2017-03-23"), "day")),
        ("by 23 March", PUBLISHED, TimeSpan(None, day("2017-03-23"), "day")),
        ("as of February 2017", None, TimeSpan(None, day("2017-02-28"), "month")),
        ("during 2015", None, TimeSpan(day("2015-01-01"), day("2015-12-31"), "year")),
        ("so far in 2017", PUBLISHED, TimeSpan(day("2017-01-01"), PUBLISHED, "year")),
        ("so far this year", PUBLISHED, TimeSpan(day("2017-01-01"), PUBLISHED, "year")),
        ("yesterday", PUBLISHED, TimeSpan(day("2017-03-31"), day("2017-03-31"), "day")),
        ("on Friday", PUBLISHED, TimeSpan(day("2017-03-31"), day("2017-03-31"), "day")),
        ("last week", PUBLISHED, TimeSpan(day("2017-03-20"), day("2017-03-26"), "day")),
        ("this weekend", day("2017-04-03"), TimeSpan(day("2017-04-01"), day("2017-04-02"), "day")),
        ("last month", PUBLISHED, TimeSpan(day("2017-03-01"), day("2017-03-31"), "month")),
        ("the first quarter", PUBLISHED, TimeSpan(day("2017-01-01"), day("2017-03-31"), "month")),  # TIMEX3 2017-Q1
        ("in the three months to 11 January", PUBLISHED, TimeSpan(None, day("2017-01-11"), "day")),
        ("since September 2016 up to the first quarter of 2017", None, TimeSpan(day("2016-09-01"), day("2017-03-31"), "month")),
        ("in 2017 so far", PUBLISHED, TimeSpan(day("2017-01-01"), PUBLISHED, "year")),
        ("this morning", PUBLISHED, TimeSpan(PUBLISHED, PUBLISHED, "day")),  # a TIME, reduced to its day
        ("in the 20th century", None, TimeSpan(day("1900-01-01"), day("1999-12-31"), "unknown")),
    ],
)
def test_time_expressions_resolve_against_the_publication_date(expression, published, expected):
    assert resolve(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "published"),
    [
        ("23 March", None),  # a day without a year needs a publication date
        ("between 17 October and 23 March", None),
        ("so far in 2017", None),  # "so far" ends at the publication date
        ("Just a few days ago", PUBLISHED),  # says when, but not exactly
        ("around 30 years", PUBLISHED),  # a duration, not a date
        ("recently", PUBLISHED),
        ("since 2020", PUBLISHED),  # starts after publication
        ("in the past two years", PUBLISHED),  # a duration
    ],
)
def test_what_cannot_be_placed_stays_unresolved(expression, published):
    assert resolve(expression, published) is None


_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=200, deadline=None)
@given(d=_DATES, gap=st.one_of(st.none(), st.integers(min_value=0, max_value=20_000)))
def test_a_full_date_is_itself_whatever_the_publication_date(d, gap):
    published = d + timedelta(days=gap) if gap is not None and d + timedelta(days=gap) <= date(2199, 12, 31) else None
    assert resolve(f"on {d:%-d %B %Y}", published) == TimeSpan(d, d, "day")


@settings(max_examples=100, deadline=None)
@given(year=st.integers(min_value=1900, max_value=2099), later=st.one_of(st.none(), st.integers(min_value=0, max_value=20_000)))
def test_since_a_year_starts_on_its_first_of_january_and_runs_to_publication(year, later):
    published = date(year, 1, 1) + timedelta(days=later) if later is not None else None
    span = resolve(f"since {year}", published)
    assert span == TimeSpan(date(year, 1, 1), published, "year")


# A day without a year is its occurrence nearest the publication date, the past counting nearer
# (the time layer's reading): up to half a year back, the last such day not after publication.
# Not 29 February: the time layer picks the nearest year first, which may not have one.


def not_a_leap_day(d: date) -> bool:
    return (d.month, d.day) != (2, 29)


@settings(max_examples=200, deadline=None)
@given(published=_DATES, back=st.integers(min_value=0, max_value=182))
def test_a_day_without_year_is_the_last_such_day_not_after_publication(published, back):
    d = published - timedelta(days=back)
    assume(not_a_leap_day(d))
    assert resolve(f"on {d:%-d %B}", published) == TimeSpan(d, d, "day")


@settings(max_examples=200, deadline=None)
@given(published=st.dates(min_value=date(1902, 1, 1), max_value=date(2099, 12, 31)), back=st.integers(0, 182), length=st.integers(0, 364))
def test_a_period_without_years_takes_the_latest_years_that_fit(published, back, length):
    end = published - timedelta(days=back)
    start = end - timedelta(days=length)
    assume(not_a_leap_day(start) and not_a_leap_day(end))
    assert resolve(f"between {start:%-d %B} and {end:%-d %B}", published) == TimeSpan(start, end, "day")


@settings(max_examples=50, deadline=None)
@given(expression=st.sampled_from(RELATIVE))
def test_relative_expressions_without_a_publication_date_stay_unresolved(expression):
    assert resolve(expression, None) is None


# --- the component ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def figure_dates(nlp, text: str, published: date | None) -> dict[float, TimeSpan | None]:
    doc = nlp.make_doc(text)
    doc._.crisisdesk_published = published
    return {f.quantity: f.date for f in nlp(doc)._.crisisdesk_figures}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quantity", "expected"),
    [
        (
            "More than 350,000 people were displaced between 17 October and 23 March, of whom 76,000 returned home to eastern Mosul.",
            350_000,
            TimeSpan(day("2016-10-17"), day("2017-03-23"), "day"),
        ),
        (
            "About 120,000 mostly Rohingya people displaced since 2012 should be allowed to return home from camps in western Rakhine state.",
            120_000,
            TimeSpan(day("2012-01-01"), PUBLISHED, "year"),
        ),
        (
            "Since 1 January 2016, around 260,000 people have been forced to flee their homes as a result of conflict.",
            260_000,
            TimeSpan(day("2016-01-01"), PUBLISHED, "day"),
        ),
        (
            "This brings to almost 274,000 the total number of people displaced from eastern and western Mosul as of 23 March.",
            274_000,
            TimeSpan(None, day("2017-03-23"), "day"),
        ),
        (
            "About 15,000 people fled communal violence between 3 and 11 January, 90 kilometres south of Manono.",
            15_000,
            TimeSpan(day("2017-01-03"), day("2017-01-11"), "day"),
        ),
        ("On Friday, 300 families were evacuated from Pasto.", 300, TimeSpan(day("2017-03-31"), day("2017-03-31"), "day")),
        ("So far in 2017, 5,000 people have fled their homes.", 5_000, TimeSpan(day("2017-01-01"), PUBLISHED, "year")),
    ],
)
def test_a_figure_takes_the_time_its_clause_gives_it(nlp, text, quantity, expected):
    assert figure_dates(nlp, text, PUBLISHED)[quantity] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("Laukkai was also hosting a camp with 50 people displaced during 2015 conflict.", 50),  # dates the conflict
        ("About 10,000 workers fled the Kokang zone after fighting erupted on 6 March in Laukkai town.", 10_000),  # another clause
        ("About 5,000 people were displaced in Mopti region.", 5_000),  # no time at all
    ],
)
def test_a_time_that_modifies_something_else_does_not_date_the_figure(nlp, text, quantity):
    assert figure_dates(nlp, text, PUBLISHED)[quantity] is None


@pytest.mark.slow
def test_without_a_publication_date_only_absolute_times_resolve(nlp):
    relative = figure_dates(nlp, "On Friday, 300 families were evacuated from Pasto.", None)
    assert relative == {300: None}
    absolute = figure_dates(nlp, "About 120,000 people have been displaced since 2012.", None)
    assert absolute == {120_000: TimeSpan(day("2012-01-01"), None, "year")}


GOMA = date(2023, 5, 2)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "quantity", "expected"),
    [
        ("Yesterday 2,000 people fled Goma.", GOMA, 2_000, TimeSpan(day("2023-05-01"), day("2023-05-01"), "day")),
        ("Yesterday 2,000 people fled Goma.", None, 2_000, None),  # never read against today
        ("About 2,000 people fled Goma this morning.", GOMA, 2_000, TimeSpan(GOMA, GOMA, "day")),  # a TIME: its day
        ("About 2,000 people fled Goma last week.", GOMA, 2_000, TimeSpan(day("2023-04-24"), day("2023-04-30"), "day")),
        ("About 2,000 people fled Goma in the past two weeks.", GOMA, 2_000, None),  # a duration is not a date
        ("About 2,000 people fled Goma after rebels attacked the town yesterday.", GOMA, 2_000, None),  # another clause
        (
            "Since 2009, the conflict has displaced more than 2.3 million people.",
            PUBLISHED,
            2_300_000,
            TimeSpan(day("2009-01-01"), PUBLISHED, "year"),
        ),
        (
            "Since 2009, the conflict has displaced more than 2.3 million people.",
            None,
            2_300_000,
            TimeSpan(day("2009-01-01"), None, "year"),
        ),
        ("About 3,000 people have fled the town so far this year.", PUBLISHED, 3_000, TimeSpan(day("2017-01-01"), PUBLISHED, "year")),
        (
            "Some 1,200 households were displaced from 1 to 5 March.",
            PUBLISHED,
            1_200,
            TimeSpan(day("2017-03-01"), day("2017-03-05"), "day"),
        ),
        (
            "Some 1,200 households were displaced during the first quarter.",
            PUBLISHED,
            1_200,
            TimeSpan(day("2017-01-01"), day("2017-03-31"), "month"),
        ),
        (
            "About 32,000 people were displaced by floods in late January.",
            PUBLISHED,
            32_000,
            TimeSpan(day("2017-01-01"), day("2017-01-31"), "month"),
        ),
    ],
)
def test_a_figure_takes_its_date_from_the_time_layer(nlp, text, published, quantity, expected):
    assert figure_dates(nlp, text, published)[quantity] == expected


@pytest.mark.slow
def test_the_figure_date_is_the_time_layers_reading(nlp):
    assert nlp.pipe_names.index("crisisdesk_times") < nlp.pipe_names.index("crisisdesk_figure_dates")
    doc = nlp.make_doc("Yesterday 2,000 people fled Goma.")
    doc._.crisisdesk_published = GOMA
    doc = nlp(doc)
    (yesterday,) = doc._.crisisdesk_times
    assert yesterday.value == "2023-05-01" and doc._.crisisdesk_figures[0].date == TimeSpan(day("2023-05-01"), day("2023-05-01"), "day")
    # Another reading of the same words in doc._.crisisdesk_times: the figure follows it.
    doc._.crisisdesk_times = [dataclasses.replace(yesterday, value="2023-04", start_date=day("2023-04-01"), end_date=day("2023-04-30"))]
    doc = nlp.get_pipe("crisisdesk_figure_dates")(doc)
    assert doc._.crisisdesk_figures[0].date == TimeSpan(day("2023-04-01"), day("2023-04-30"), "month")


@pytest.mark.slow
def test_extract_gives_the_components_the_articles_publication_date():
    text = "More than 350,000 people were displaced between 17 October and 23 March."
    article = dataclasses.replace(make_article(RawArticle(text, "mosul.txt")), published=PUBLISHED)
    (extraction,) = extract([article])
    (figure,) = extraction.figures
    assert figure.date == TimeSpan(day("2016-10-17"), day("2017-03-23"), "day")


@pytest.mark.slow
def test_the_seeds_are_never_dated_from_today(nlp):
    articles = {Path(a.origin).name[:3]: a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)}
    undated, dated = articles["000"], articles["001"]
    assert undated.published is None and dated.published == date(2023, 11, 8)
    # Seed 000 has no publication date: its times are all relative and stay unresolved.
    doc = nlp.make_doc(undated.text)
    doc._.crisisdesk_published = undated.published
    doc = nlp(doc)
    found = {e.text: e.date for s in doc.sents for e in time_expressions(s, None)}
    assert {"a few days ago", "today", "this weekend"} <= set(found)  # TIMEX3 extents ("Just" is left out)
    assert set(found.values()) == {None}
    assert all(f.date is None for f in doc._.crisisdesk_figures)
    # Given a date, the same words would resolve: against it, never against today.
    assert resolve("this weekend", dated.published) == TimeSpan(day("2023-11-04"), day("2023-11-05"), "day")
    # Seed 001 is dated; its absolute times are kept as written.
    doc = nlp.make_doc(dated.text)
    doc._.crisisdesk_published = dated.published
    doc = nlp(doc)
    spans = [e.date for s in doc.sents for e in time_expressions(s, dated.published)]
    assert TimeSpan(day("2020-01-01"), day("2020-12-31"), "year") in spans
    assert TimeSpan(day("1990-01-01"), day("1999-12-31"), "decade") in spans
    for extraction in extract(list(articles.values())):
        for figure in extraction.figures:
            assert figure.date is None or all(d is None or d.year < 2024 for d in (figure.date.start, figure.date.end))


# --- dates of reports: a week's last day, brackets after a figure, the header (issue 16 item 6) ----


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("week ending January 13, 2019", TimeSpan(day("2019-01-07"), day("2019-01-13"), "day")),  # NCDC cholera bulletin
        ("for the week ended 5 March 2020", TimeSpan(day("2020-02-28"), day("2020-03-05"), "day")),  # CDC MMWR wording
        ("Epi week ending 3 May 2020", TimeSpan(day("2020-04-27"), day("2020-05-03"), "day")),  # WHO AFRO bulletins
        ("January–December 2020", TimeSpan(day("2020-01-01"), day("2020-12-31"), "month")),  # a period is the whole year
    ],
)
def test_a_reports_week_and_period(expression, expected):
    assert resolve(expression, None) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quantity", "expected"),
    [
        (
            "Some 45,000 people have been displaced in Tigray (November 2019).",
            45_000,
            TimeSpan(day("2019-11-01"), day("2019-11-30"), "month"),
        ),
        ("Some 1,200 households were displaced in Borno (as of 3 May 2020).", 1_200, TimeSpan(None, day("2020-05-03"), "day")),
        (
            "Floods displaced 12,000 people in Niger (August 2020); in Chad, 30,000 people were displaced (September 2020).",
            12_000,
            TimeSpan(day("2020-08-01"), day("2020-08-31"), "month"),
        ),
    ],
)
def test_a_date_in_brackets_after_a_figure_dates_it(nlp, text, quantity, expected):
    assert figure_dates(nlp, text, None)[quantity] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quantity", "expected"),
    [
        (  # a dateline of Nigerian security reports
            "[9th June 2021, NIGERIA]\nGunmen attacked Kadisau village in Faskari LGA, Katsina State, killing 12 people.",
            12,
            TimeSpan(day("2021-06-09"), day("2021-06-09"), "day"),
        ),
        (  # an analyst's excerpt of a report (DEEP/HumSet): the dateline in brackets runs into the text
            "[November 2, 2020, Idleb] Shelling hit the camps on Monday. Some 1,200 people fled to Sarmada.",
            1_200,
            TimeSpan(day("2020-11-02"), day("2020-11-02"), "day"),
        ),
        (  # the same with a period and a place (DEEP/HumSet COVID-19 excerpts)
            "[28 September - 04 October 2020, Cox’s Bazar ]Flooding damaged shelters. About 3,000 refugees were relocated.",
            3_000,
            TimeSpan(day("2020-09-28"), day("2020-10-04"), "day"),
        ),
        (  # a weekly epidemiological bulletin
            "Cholera situation report\nWeek ending January 13, 2019\n\nA total of 35 people have died of cholera in Borno State.",
            35,
            TimeSpan(day("2019-01-07"), day("2019-01-13"), "day"),
        ),
        (  # an OCHA flash update
            "Flash Update No. 3: Tropical Cyclone Idai (14 March 2019)\nThe cyclone has displaced 20,000 people in Sofala province.",
            20_000,
            TimeSpan(day("2019-03-14"), day("2019-03-14"), "day"),
        ),
    ],
)
def test_a_figure_its_sentence_does_not_date_is_as_of_its_reports_header(nlp, text, quantity, expected):
    assert figure_dates(nlp, text, None)[quantity] == expected


@pytest.mark.slow
def test_a_header_is_short_lines_and_a_sentences_own_date_wins(nlp):
    dated = "Flash Update No. 3: Tropical Cyclone Idai (14 March 2019)\nThe cyclone displaced 20,000 people in Sofala province on 12 March."
    assert figure_dates(nlp, dated, None)[20_000] == TimeSpan(day("2019-03-12"), day("2019-03-12"), "day")
    paragraph = (
        "On 14 March 2019 the cyclone made landfall near Beira and the rains went on for days over the whole of the province.\n"
        "About 20,000 people were displaced in Sofala province."
    )
    assert figure_dates(nlp, paragraph, None)[20_000] is None  # a paragraph is no header
