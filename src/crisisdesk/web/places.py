"""The place an analyst types into a correction, looked up in the offline gazetteer so that it
has coordinates (on the map, in the GeoJSON) like an extracted place."""

from __future__ import annotations

from crisisdesk.model import Place


def looked_up(name: str, country: str | None) -> Place | None:
    """The gazetteer's place called ``name`` (in ``country`` when given: the most populous one
    there), else the resolver's best reading of the name; None when no place has that name."""
    from crisisdesk.geo.gazetteer import load_gazetteer
    from crisisdesk.geo.resolve import resolve

    gazetteer = load_gazetteer()
    if country:
        there = [p for p in gazetteer.candidates(name) if p.country == country.upper() and p.lat is not None]
        if there:
            return max(there, key=lambda p: (p.kind == "country", p.population or 0))
        return None
    found = resolve(name, gazetteer=gazetteer)
    return found[0] if found and found[0].lat is not None else None
