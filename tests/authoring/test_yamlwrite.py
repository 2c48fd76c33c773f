"""The fast check that a value may be written plain agrees with what a YAML reader reads."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.authoring.yamlwrite import _reads_as_text

# Letters, digits and the punctuation of names and addresses, plus YAML's own specials.
TEXT = st.text(alphabet=st.sampled_from(list("aAzZ09 .,'()/&+-_:#~yesnoNOtrue1eE.xXé") + ["Ⅻ", "喀"]),
               min_size=1, max_size=12)


def reads_back(value: str) -> bool:
    try:
        return yaml.safe_load(value) == value
    except yaml.YAMLError:
        return False


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_plain_when_and_only_when_it_reads_back(value: str) -> None:
    assert _reads_as_text(value) == reads_back(value)


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
