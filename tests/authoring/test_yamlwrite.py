"""The fast check that a value may be written plain agrees with what a YAML reader reads."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.authoring.yamlwrite import _reads_as_text
from generator.load.nodes import plain_scalar

# Letters, digits and the punctuation of names and addresses, plus YAML's own specials.
TEXT = st.text(alphabet=st.sampled_from(list("aAzZ09 .,'()/&+-_:#~yesnoNOtrue1eE.xXé") + ["Ⅻ", "喀"]),
               min_size=1, max_size=12)


def reads_back(value: str) -> bool:
    """As PyYAML (YAML 1.1) reads it, and as the loader does (YAML 1.2 core: "08" and "0o7" are numbers)."""
    try:
        return yaml.safe_load(value) == value and plain_scalar(value) == value
    except yaml.YAMLError:
        return False


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_plain_when_and_only_when_it_reads_back(value: str) -> None:
    assert _reads_as_text(value) == reads_back(value)


@pytest.mark.parametrize("value", ["012345678", "0123", "0o17"])
def test_digits_after_a_zero_are_quoted_as_the_loader_reads_them_as_a_number(value: str) -> None:
    """A D-U-N-S number starting with 0 was written plain, read back as 12345678, and refused."""
    assert not _reads_as_text(value)


QUOTED = """schema_version: '1.0'
company:
    id: acme   # kept
suppliers:
  -   id: a
      name: "NO"
      products: [Shirts]
"""


def test_a_file_is_parsed_once_and_written_back_as_it_was(monkeypatch) -> None:
    # A disclosure of 20,000 sites took 19 s to parse: the indentation guess parsed it a second time.
    from ruamel.yaml.main import YAML

    from generator.authoring.yamlwrite import dump, load_roundtrip
    calls = []
    load = YAML.load
    monkeypatch.setattr(YAML, "load", lambda self, stream: calls.append(1) or load(self, stream))
    doc = load_roundtrip(QUOTED)
    assert len(calls) == 1
    assert dump(doc) == QUOTED   # quotes, comments and both indentations kept
