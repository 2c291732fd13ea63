"""crisisdesk: sourced situation reports from humanitarian news.

The Python API (:mod:`crisisdesk.api`) is imported on first use, so that ``import crisisdesk`` and
``crisisdesk --help`` load neither spaCy nor SQLAlchemy::

    import crisisdesk
    print(crisisdesk.extract_text("Floods displaced 4,400 people in Aceh Jaya district on 8 November.", published="2016-11-10"))

``crisisdesk.ingest`` and ``crisisdesk.report`` are the API's functions, also once the subpackages
of the same names are imported (import those as ``crisisdesk.ingest.readers``, or ``from
crisisdesk.report.render import ...``: through ``sys.modules``, not the package's attributes).

Log messages go to ``logging.getLogger("crisisdesk")``, silent unless the application configures
logging (the command line does with ``--verbose``).
"""

import logging
import sys
import types

__version__ = "0.1.0"

#: The names :mod:`crisisdesk.api` lends the package.
_API = frozenset(
    {"extract_text", "extract", "ingest", "report", "stories", "timeline", "geocode", "setup", "ExtractionError", "IngestSummary"}
)
#: The records the API returns, from :mod:`crisisdesk.model` (light: the standard library only).
_MODEL = frozenset({"Article", "Extraction", "IngestError"})

__all__ = ["__version__", *sorted(_API), *sorted(_MODEL)]

logging.getLogger(__name__).addHandler(logging.NullHandler())


class _Package(types.ModuleType):
    """The package, whose API names win over its subpackages ``ingest`` and ``report``: importing
    ``crisisdesk.ingest.readers`` sets the attribute ``ingest`` to the subpackage, and
    ``crisisdesk.ingest(...)`` must still call the function."""

    def __getattribute__(self, name: str):
        if name in _API:
            from crisisdesk import api

            return getattr(api, name)
        return super().__getattribute__(name)


def __getattr__(name: str):
    if name in _MODEL:
        from crisisdesk import model

        return getattr(model, name)
    raise AttributeError(f"module 'crisisdesk' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API | _MODEL)


sys.modules[__name__].__class__ = _Package
