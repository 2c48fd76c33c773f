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
