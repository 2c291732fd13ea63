"""Every Doc extension crisisdesk's components set, registered here, once, under a ``crisisdesk_``
prefix (so they cannot clash with another package's extensions in the same spaCy process).

A component declares the ones it writes in its factory's ``assigns`` and the ones it reads in
``requires`` (``nlp.analyze_pipes()`` checks the order); importing this module registers them all.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: Name → what it holds (each defaults to None until its component has run).
EXTENSIONS: dict[str, str] = {
    "crisisdesk_published": "the article's publication date (datetime.date), set by the pipeline before the components run",
    "crisisdesk_parsed": "the (start, end) token ranges the parser read (the fast path parses only some sentences)",
    "crisisdesk_later_entities": "the recogniser's entity columns of the sentences whose entities the places and quantities read fewer of, set on the tokens after them (crisisdesk.nlp.pipeline)",
    "crisisdesk_places": "list[PlaceMention]: the places of the text (crisisdesk_places component)",
    "crisisdesk_demonyms": "list[Demonym]: national and regional adjectives (crisisdesk_places component)",
    "crisisdesk_quantities": "list[Quantity]: every counted thing (crisisdesk_quantities)",
    "crisisdesk_figures": "list[Figure]: quantities of people, households or homes in a term (crisisdesk_figures, dated by crisisdesk_figure_dates)",
    "crisisdesk_times": "list[TimeExpression]: TIMEX3 time expressions (crisisdesk_times)",
    "crisisdesk_events": "list[Event] (crisisdesk_events)",
    "crisisdesk_conditions": "list[Condition] (crisisdesk_conditions)",
    "crisisdesk_claims": "list[Claim] (crisisdesk_claims)",
    "crisisdesk_sectors": "dict[str, float]: the DEEP sectors of the article with their probabilities (crisisdesk_sectors)",
    "crisisdesk_pillars": "dict[str, float]: the DEEP pillars of the article with their probabilities (crisisdesk_sectors)",
}


def register() -> None:
    """Register every extension of :data:`EXTENSIONS` that is not registered yet."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
