"""PDF reports: pages in reading order, columns, running headers, footers and page numbers
dropped, unreadable files named with the reason. The PDFs are written in the test (pdfmaker)."""

from pathlib import Path

import pytest

from crisisdesk.ingest import read_sources
from crisisdesk.ingest.pdf import pdf_text, running_lines
from crisisdesk.model import Article, IngestError
from crisisdesk.offsets import OffsetMap
from pdfmaker import column, pdf_bytes

HEADER = "OCHA Flash Update No. {n} | Sudan: floods"
FOOTER = "www.unocha.org | coordination saves lives"

BODY = [
    ["Heavy rains since 1 August have affected 12,000 people in Kassala State.", "Some 3,100 homes were destroyed."],
    ["In Blue Nile, 2,300 people fled to schools in Ed Damazin.", "Partners delivered water to the sites."],
    ["The road to Kurmuk is cut.", "Cholera cases rose to 214, including 9 deaths."],
]


def report(pages=BODY, header=True, footer=True, numbers=True):
    laid = []
    for n, lines in enumerate(pages, start=1):
        page = []
        if header:
            page.append((72, 760, HEADER.format(n=n + 10)))
        page += column(lines, top=700)
        if footer:
            page.append((72, 60, FOOTER))
        if numbers:
            page.append((300, 40, str(n)))
        laid.append(page)
    return pdf_bytes(laid)


def read_pdf(tmp_path: Path, data: bytes, name="report.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_sources([str(path)]))


def test_a_pdf_report_is_one_article_with_its_pages_in_order(tmp_path):
    (article,) = read_pdf(tmp_path, report())
    assert isinstance(article, Article)
    positions = [article.text.index(lines[0]) for lines in BODY]
    assert positions == sorted(positions)
    assert all(line in article.text for lines in BODY for line in lines)
    assert article.source == "report.pdf" and article.language == "en"


def test_running_headers_footers_and_page_numbers_are_dropped(tmp_path):
    (article,) = read_pdf(tmp_path, report())
    assert "Flash Update" not in article.text and "unocha" not in article.text
    assert not any(line.strip().isdigit() for line in article.text.splitlines())


def test_a_line_on_one_page_only_is_kept_even_at_the_top():
    pages = [["Situation overview", "Rains went on."], ["Key figures", "Rains went on."], ["Needs", "Rains went on."]]
    assert running_lines(pages) == {"rains went on."}
    assert running_lines([["Situation overview", "Rains went on."]]) == set()


def test_a_single_page_keeps_its_header_line(tmp_path):
    (article,) = read_pdf(tmp_path, report(pages=BODY[:1], footer=False, numbers=False))
    assert article.text.startswith("OCHA Flash Update No. 11")


def test_wrapped_lines_join_into_one_paragraph_and_the_hyphenated_word_is_repaired(tmp_path):
    pages = [
        column(["Floods displaced about 4,400 fami-", "lies in the district, officials said.", "", "", "A second paragraph starts here."])
    ]
    (article,) = read_pdf(tmp_path, pdf_bytes(pages))
    assert "fami- lies in the district" in article.text  # verbatim: what the page shows
    assert "\n\nA second paragraph" in article.text
    assert "about 4,400 families in the district" in OffsetMap(article.text, article.repairs).text


def test_two_columns_are_read_left_column_first(tmp_path):
    left = [
        "Left one: some 500 people fled from Abyei town",
        "Left two: they reached Agok on foot by Sunday",
        "Left three: more arrived in the following days",
        "Left four: the two camps there are now full.",
    ]
    right = [
        "Right one: heavy rains continue in the area",
        "Right two: the main roads are cut by floods",
        "Right three: food stocks are running short",
        "Right four: market prices rose by a third.",
    ]
    page = [(72, 760, "Humanitarian Update, South Sudan"), *column(left, x=72), *column(right, x=330)]
    (article,) = read_pdf(tmp_path, pdf_bytes([page]))
    order = [article.text.index(line) for line in ["Humanitarian Update", *left, *right]]
    assert order == sorted(order)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\nthis is not a pdf at all", "unreadable PDF"),
        (b"", "unreadable PDF"),
        (pdf_bytes([[]]), "no text in the PDF"),
    ],
)
def test_an_unreadable_pdf_is_an_error_naming_the_file_and_why(tmp_path, data, reason):
    (error,) = read_pdf(tmp_path, data, name="broken.pdf")
    assert isinstance(error, IngestError)
    assert error.origin.endswith("broken.pdf") and reason in error.reason


def test_a_folder_reads_pdfs_beside_text_files(tmp_path):
    (tmp_path / "a.txt").write_text("About 2,000 people were displaced by floods in Beira.", "utf-8")
    (tmp_path / "b.pdf").write_bytes(report())
    items = list(read_sources([str(tmp_path)]))
    assert [type(i) for i in items] == [Article, Article]
    assert pdf_text(report(), "x") == items[1].text


def test_terms_beside_their_definitions_are_one_column_read_line_by_line(tmp_path):
    terms = ["Displaced:", "Returnee:", "Host:", "Refugee:", "Migrant:"]
    meanings = [
        "people forced to leave home inside their country.",
        "people back home after displacement.",
        "families who take in the displaced.",
        "people who crossed a border to flee.",
        "people who moved for other reasons.",
    ]
    page = [*column(terms, x=72), *column(meanings, x=230)]
    (article,) = read_pdf(tmp_path, pdf_bytes([page]))
    for term, meaning in zip(terms, meanings):
        assert f"{term} {meaning}" in article.text


def test_a_chapter_header_on_many_pages_of_a_long_report_is_running():
    words = ["floods", "camps", "water", "roads", "food", "health", "schools", "markets", "shelter", "rains", "clinics"]
    pages = [["Introduction", f"The {w} situation is described here."] for w in words[:6]]
    pages += [[f"Chapter 4: Needs {i}", f"Needs for {w} are listed here."] for i, w in enumerate(words[6:])]
    running = running_lines(pages)
    assert "chapter #: needs #" in running and "introduction" in running
    assert running_lines(pages[:5] + pages[6:8]) == {"introduction"}  # the chapter header on 2 of 7 pages: not running
