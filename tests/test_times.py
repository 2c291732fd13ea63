"""The time tagger: TimeML types and values against the publication date, extents, and what
stays unresolved without one."""

import calendar
from datetime import date, timedelta

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisdesk.lexicon import words
from crisisdesk.nlp.times import duration, find_times, number, tense_near
from crisisdesk.nlp.times.values import holiday_day

PUBLISHED = date(2023, 11, 8)  # a Wednesday


def times(text, published=PUBLISHED):
    return [(t.text, t.type, t.value) for t in find_times(text, published)]


def one(text, published=PUBLISHED):
    found = find_times(text, published)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(
    "sentence, expression, type_, value",
    [
        # absolute dates
        ("The offensive began on 19 September 2023.", "19 September 2023", "DATE", "2023-09-19"),
        ("Talks were held on September 19, 2023.", "September 19, 2023", "DATE", "2023-09-19"),
        ("The camp opened in October 2016.", "October 2016", "DATE", "2016-10"),
        ("Floods hit the region in 2020.", "2020", "DATE", "2020"),
        ("Displacement has grown since 2009.", "2009", "DATE", "2009"),
        ("His promise to halve unemployment by the year two thousand has been abandoned.", "the year two thousand", "DATE", "2000"),
        ("In nineteen ninety-one Charles Keating was convicted.", "nineteen ninety-one", "DATE", "1991"),
        ("The report was dated 2023-09-23.", "2023-09-23", "DATE", "2023-09-23"),
        ("They fled on 23 March.", "23 March", "DATE", "2023-03-23"),
        ("Fighting resumed in early March.", "early March", "DATE", "2023-03"),
        # relative dates
        ("The convoy arrived a few days ago.", "a few days ago", "DATE", "PAST_REF"),
        ("The convoy arrived two weeks ago.", "two weeks ago", "DATE", "2023-W43"),
        ("They left three years ago.", "three years ago", "DATE", "2020"),
        ("The bridge was shelled yesterday.", "yesterday", "DATE", "2023-11-07"),
        ("Aid reached the town today.", "today", "DATE", "2023-11-08"),
        ("Aid will reach the town tomorrow.", "tomorrow", "DATE", "2023-11-09"),
        ("The mission visited the city last week.", "last week", "DATE", "2023-W44"),
        ("Talks will resume next week.", "next week", "DATE", "2023-W46"),
        ("A hearing will be held the week of Nov. 20.", "the week of Nov. 20", "DATE", "2023-W47"),
        ("The case was heard the week of March 6, 2000.", "the week of March 6, 2000", "DATE", "2000-W10"),
        ("The UN said on Friday that the city was empty.", "Friday", "DATE", "2023-11-03"),
        ("The UN will report on Friday.", "Friday", "DATE", "2023-11-10"),
        ("Shelling resumed earlier this month.", "earlier this month", "DATE", "2023-11"),
        ("Prices rose last month.", "last month", "DATE", "2023-10"),
        ("Elections are due next year.", "next year", "DATE", "2024"),
        ("The company forecast higher earnings for the full year.", "the full year", "DATE", "2023"),
        ("Pet food volume was flat for the year.", "the year", "DATE", "2023"),
        ("The crops failed last spring.", "last spring", "DATE", "2023-SP"),
        ("Exports fell in the third quarter.", "the third quarter", "DATE", "2023-Q3"),
        ("Exports fell in the first quarter of 2022.", "the first quarter of 2022", "DATE", "2022-Q1"),
        # vague
        ("The town is now empty.", "now", "DATE", "PRESENT_REF"),
        ("Schools are currently closed.", "currently", "DATE", "PRESENT_REF"),
        ("The road was recently reopened.", "recently", "DATE", "PAST_REF"),
        ("Such raids were common in the past.", "the past", "DATE", "PAST_REF"),
        ("Nobody knows what the future holds.", "the future", "DATE", "FUTURE_REF"),
        ("The conflict dates back to the 1990s.", "the 1990s", "DATE", "199X"),
        ("Towns founded in the 19th century.", "the 19th century", "DATE", "18"),
        # durations
        ("Casualties rose in the last twenty four hours.", "the last twenty four hours", "DURATION", "PT24H"),
        ("They have lived there for around 30 years.", "around 30 years", "DURATION", "P30Y"),
        ("It ended a six-week war.", "six-week", "DURATION", "P6W"),
        ("Stocks hit a five year low.", "five year", "DURATION", "P5Y"),
        ("The siege lasted nine months.", "nine months", "DURATION", "P9M"),
        ("The talks took 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("The blockade lasted several months.", "several months", "DURATION", "PXM"),
        ("The road has been closed for the past two years.", "the past two years", "DURATION", "P2Y"),
        ("Net for the year-earlier nine months included a gain.", "the year-earlier nine months", "DURATION", "P9M"),
        # times of day
        ("The convoy left this morning.", "this morning", "TIME", "2023-11-08TMO"),
        ("The council meets tonight.", "tonight", "TIME", "2023-11-08TNI"),
        ("The curfew starts at 10 p.m.", "10 p.m.", "TIME", "2023-11-08T22:00"),
        # sets
        ("Trucks cross every week.", "every week", "SET", "P1W"),
        ("The camp is flooded annually.", "annually", "SET", "P1Y"),
        ("Markets open every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("Aid is distributed daily.", "daily", "SET", "P1D"),
    ],
)
def test_expressions_are_found_with_their_timeml_type_and_value(sentence, expression, type_, value):
    found = one(sentence)
    assert (found.text, found.type, found.value) == (expression, type_, value)
    assert sentence[found.start : found.end] == expression


def test_a_date_covers_its_days_and_a_relative_one_names_its_anchor():
    month = one("The camp opened in October 2016.")
    assert (month.start_date, month.end_date, month.anchor) == (date(2016, 10, 1), date(2016, 10, 31), None)
    week = one("The mission visited the city last week.")
    assert (week.start_date, week.end_date, week.anchor) == (date(2023, 10, 30), date(2023, 11, 5), "2023-11-08")
    weekend = one("They will meet this weekend.")
    assert (weekend.value, weekend.start_date, weekend.end_date) == ("2023-W45-WE", date(2023, 11, 11), date(2023, 11, 12))
    decade = one("The conflict dates back to the 1990s.")
    assert (decade.start_date, decade.end_date) == (date(1990, 1, 1), date(1999, 12, 31))
    quarter = one("Exports fell in the third quarter.")
    assert (quarter.start_date, quarter.end_date) == (date(2023, 7, 1), date(2023, 9, 30))
    assert one("Schools are currently closed.").start_date is None


def test_a_range_lends_its_year_to_its_first_date():
    found = find_times("People fled between 17 October and 23 March 2017.", None)
    assert [(t.text, t.value) for t in found] == [("17 October", "2016-10-17"), ("23 March 2017", "2017-03-23")]
    found = find_times("People fled between 17 October and 23 March.", PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("17 October", "2022-10-17"), ("23 March", "2023-03-23")]
    # Weekdays are dated by their own week, not by the range.
    found = find_times("Following are statements made Friday and Thursday by a lawyer.", PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("Friday", "2023-11-03"), ("Thursday", "2023-11-02")]


def test_a_month_or_day_without_a_year_is_read_in_the_direction_of_the_tense():
    # Published 8 November 2023: the nearest 3 March, farther on the side the tense points away from.
    assert one("Elections will be held on 3 March.").value == "2024-03-03"
    assert one("Elections were held on 3 March.").value == "2023-03-03"
    assert one("The rains came in January.", date(1990, 3, 1)).value == "1990-01"
    assert one("Talks will resume in January.", date(1989, 11, 2)).value == "1990-01"
    # A quarter reported on has begun: the first quarter of this year, even if next year's is nearer.
    assert one("Delta said it earned $5.2 million in the fiscal first quarter.").value == "2023-Q1"
    assert one("Exports will recover in the first quarter.").value == "2024-Q1"


def test_a_possessive_or_a_closing_quote_ends_an_expression():
    assert times("Analysts revised October's figures.") == [("October", "DATE", "2023-10")]
    assert times("The latest quarter's results included a gain.") == [("The latest quarter", "DATE", "2023-Q3")]
    assert times("Theresa May's government fell.") == []
    assert times("``I am talking about three days'' more or less, he said.") == [("about three days", "DURATION", "P3D")]


def test_a_year_named_by_its_last_day_is_a_duration():
    assert times("Revenue was $76 million for the year ended March 31.") == [
        ("the year", "DURATION", "P1Y"),
        ("March 31", "DATE", "2023-03-31"),
    ]
    assert times("In the fiscal year ended Jan. 31, sales were $59.5 million.")[0] == ("the fiscal year", "DURATION", "P1Y")


def test_a_report_on_a_fiscal_quarter_counts_the_quarter_and_a_year_ago_from_it():
    text = (
        "Sun said it earned $5.2 million in the fiscal first quarter. Sales were $538.5 million for the quarter, "
        "up 39% from $388.5 million a year earlier. Separately, Apex reported third-quarter profit of $5.8 million, "
        "up from $4 million a year earlier."
    )
    assert [(t.text, t.value) for t in find_times(text, date(1989, 10, 26))] == [
        ("the fiscal first quarter", "1989-Q1"),
        ("the quarter", "1989-Q1"),
        ("a year earlier", "1988-Q1"),
        ("third-quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]
    # The quarter a year before the one reported on.
    assert times("Net was $1.8 million for the corresponding period last year.", date(1989, 11, 1)) == [
        ("the corresponding period last year", "DATE", "1988-Q3")
    ]
    assert times("U.K. sales for last year's quarter were about $3 million.", date(1989, 11, 1)) == [
        ("last year's quarter", "DATE", "1988-Q3")
    ]
    # Without a fiscal quarter named, the quarter is the last one completed.
    assert times("Sales rose 5% in the quarter from a year earlier.", date(1989, 10, 26)) == [
        ("the quarter", "DATE", "1989-Q3"),
        ("a year earlier", "DATE", "1988-Q3"),
    ]


def test_months_seasons_and_weeks_in_names_are_not_times():
    assert times("Protesters joined the annual March for Life in Washington.") == []
    assert times("He led the ``Spring of Life'' demonstrations in 1992.") == [("1992", "DATE", "1992")]
    assert times('Baker, speaking on ABC News\' "This Week," said the request was valid.') == []
    assert times("Prices rose in March for the first time.") == [("March", "DATE", "2023-03")]
    assert times("This week, the agency sent more agents.") == [("This week", "DATE", "2023-W45")]


def test_prepositions_stay_out_and_counts_are_not_years():
    assert times("Since 2009, 2000 people have fled to 1500 shelters.") == [("2009", "DATE", "2009")]
    assert times("He is a 12-year-old boy who waited for 12 years.") == [("12 years", "DURATION", "P12Y")]
    assert times("A quarter of the people fled; three-quarters stayed.") == []
    assert times("Some two thousand soldiers and two thousand people fled.") == []
    assert times("Sales should rise 8.5% annually and dividends of $17.9 million annually will stop.") == []  # rates


def test_without_a_publication_date_relative_expressions_stay_unresolved_and_absolute_ones_do_not():
    unresolved = {t.text: t for t in find_times("Yesterday, last week and on Friday, people fled; on 23 March too. Now it is calm.", None)}
    assert unresolved["Yesterday"].value is None and unresolved["Yesterday"].start_date is None
    assert unresolved["last week"].value is None
    assert unresolved["Friday"].value == "XXXX-WXX-5" and unresolved["Friday"].start_date is None
    assert unresolved["23 March"].value == "XXXX-03-23" and unresolved["23 March"].start_date is None
    assert unresolved["Now"].value == "PRESENT_REF"
    assert all(t.anchor is None for t in unresolved.values())
    absolute = one("The camp opened on 5 May 2019.", None)
    assert (absolute.value, absolute.start_date, absolute.anchor) == ("2019-05-05", date(2019, 5, 5), None)


def test_helpers_read_numbers_durations_and_tense():
    assert [number(w) for w in ("three", "twenty-four", "twenty four", "a", "5 1/2", "a dozen")] == [3, 24, 24, 1, 5.5, 12]
    assert [duration(n, u) for n, u in ((30, "year"), (24, "hour"), (None, "month"), (2, "decade"), (1.5, "hour"))] == [
        "P30Y",
        "PT24H",
        "PXM",
        "P20Y",
        "PT1H30M",
    ]
    sentence = "They said they would appeal the decision announced Wednesday."
    assert tense_near(sentence, sentence.index("Wednesday"), len(sentence) - 1) == "past"
    sentence = "The team will leave for Goma on Thursday."
    assert tense_near(sentence, sentence.index("Thursday"), len(sentence) - 1) == "future"
    sentence = "Bombs went off next to the embassies on Friday."  # "next to" is a place, not the future
    assert tense_near(sentence, sentence.index("Friday"), len(sentence) - 1) == "past"


def test_the_component_puts_times_on_the_doc_with_only_a_tokenizer():
    from crisisdesk.nlp import times as _times  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("crisisdesk_times")
    doc = nlp.make_doc("Some 2,000 people fled last week. The UN said on Friday the town was empty.")
    doc._.crisisdesk_published = PUBLISHED
    doc = nlp.get_pipe("crisisdesk_times")(doc)
    assert [(t.text, t.value) for t in doc._.crisisdesk_times] == [("last week", "2023-W44"), ("Friday", "2023-11-03")]
    assert all(doc.text[t.start : t.end] == t.text for t in doc._.crisisdesk_times)


def test_the_component_declares_what_it_assigns_and_takes_its_thresholds_from_its_config():
    from crisisdesk.nlp import times as _times  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("crisisdesk_times", config={"against_tense": 1})
    assert nlp.get_pipe_meta("crisisdesk_times").assigns == ["doc._.crisisdesk_times"]
    assert not any(nlp.analyze_pipes()["problems"].values())
    # Against the past tense of "fled", next March (114 days ahead) counts three times farther than
    # last March (222 days back) by default; at 1, it is nearer.
    doc = nlp.make_doc("People fled in March.")
    doc._.crisisdesk_published = PUBLISHED
    assert [t.value for t in nlp.get_pipe("crisisdesk_times")(doc)._.crisisdesk_times] == ["2024-03"]
    assert one("People fled in March.").value == "2023-03"


@pytest.mark.parametrize("name", sorted(words("time_holidays")))
def test_every_holiday_of_the_lexicon_is_read_as_the_day_it_falls_on(name):
    written = name.title().replace("'S", "'s")  # "New Year's Day", "All Saints' Day"
    found = one(f"The market closed on {written} 2019.")
    assert (found.text, found.value) == (f"{written} 2019", holiday_day(name, 2019).isoformat())


# --- properties -----------------------------------------------------------------------------

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
published_dates = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(day=days, published=published_dates, style=st.sampled_from(["dmy", "mdy", "mdy_abbr", "iso"]))
def test_any_written_out_date_normalises_to_itself_whatever_the_publication_date(day, published, style):
    month = calendar.month_name[day.month]
    short = calendar.month_abbr[day.month] + ("." if day.month != 5 else "")
    written = {
        "dmy": f"{day.day} {month} {day.year}",
        "mdy": f"{month} {day.day}, {day.year}",
        "mdy_abbr": f"{short} {day.day}, {day.year}",
        "iso": day.isoformat(),
    }[style]
    found = one(f"The agreement was signed on {written} in Geneva.", published)
    assert (found.text, found.type, found.value) == (written, "DATE", day.isoformat())
    assert (found.start_date, found.end_date, found.anchor) == (day, day, None)


RELATIVE = [
    "yesterday", "today", "tomorrow", "last week", "this week", "next month", "last year", "this weekend",
    "on Friday", "two days ago", "three weeks ago", "earlier this month", "this morning", "tonight",
    "in the third quarter", "last spring", "in March", "on 23 March", "next Tuesday",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(expression=st.sampled_from(RELATIVE), lead=st.sampled_from(["People fled", "Aid will arrive", "The UN said that"]))
def test_relative_expressions_never_resolve_without_a_publication_date(expression, lead):
    (found,) = find_times(f"{lead} {expression}.", None)
    assert found.start_date is None and found.end_date is None and found.anchor is None
    assert found.value is None or "X" in found.value or found.value.endswith("_REF")


@settings(max_examples=200, deadline=None)
@given(published=st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)), expression=st.sampled_from(RELATIVE))
def test_relative_expressions_resolve_against_the_publication_date(published, expression):
    (found,) = find_times(f"People fled {expression}.", published)
    assert found.anchor == published.isoformat()
    assert found.start_date is not None and found.start_date <= found.end_date
    assert abs((found.start_date - published).days) <= 731 and abs((found.end_date - published).days) <= 731
    if expression == "yesterday":
        assert found.start_date == found.end_date == published - timedelta(days=1)


def test_the_next_day_and_later_that_year_count_from_the_story_not_from_the_publication_date():
    found = find_times("He fled in June 1998 and returned later that year. On 3 May 1995 he was promoted; the next day he left.", PUBLISHED)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("June 1998", "1998-06", None),
        ("later that year", "1998", "1998-06-01"),
        ("3 May 1995", "1995-05-03", None),
        ("the next day", "1995-05-04", "1995-05-03"),
    ]
    (alone,) = find_times("The following year he left.", PUBLISHED)
    assert alone.value is None and alone.start_date is None
