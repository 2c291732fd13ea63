"""The lexicon's format: every list has its note, its source and its words, and every name means one list."""

from __future__ import annotations

import pytest

from crisisdesk import lexicon


def test_every_list_has_note_source_and_words():
    for name in lexicon.lexicon_names():
        for key, entry in lexicon._file(name).items():
            assert entry.note.strip(), f"{name}.toml [{key}] has no note"
            assert entry.source.strip(), f"{name}.toml [{key}] has no source"
            assert entry.words, f"{name}.toml [{key}] has no words"


def test_one_name_one_meaning():
    lexicon._index()  # raises on a list name used in two files


def test_unknown_list_is_a_clear_error():
    with pytest.raises(lexicon.LexiconError, match="no list named"):
        lexicon.words("no_such_list_anywhere")


def test_lexicon_imports_no_model():
    import subprocess
    import sys

    code = "import sys, crisisdesk.lexicon as l; [l._file(n) for n in l.lexicon_names()]; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
