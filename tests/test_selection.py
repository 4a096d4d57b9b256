import pytest

from reseau_cli.errors import UsageError
from reseau_cli.render import DOCUMENTS, FORMATS, parse_selection

KNOWN = (*DOCUMENTS, "report")


def test_all_means_the_three_founding_documents() -> None:
    assert parse_selection("all", KNOWN, "doc", everything=DOCUMENTS) == DOCUMENTS


def test_all_can_be_combined_with_the_report() -> None:
    assert parse_selection("all,report", KNOWN, "doc", everything=DOCUMENTS) == KNOWN


def test_selection_follows_the_canonical_order() -> None:
    assert parse_selection("pdf, md", FORMATS, "format") == ("md", "pdf")


def test_unknown_name_is_a_usage_error_listing_the_choices() -> None:
    with pytest.raises(UsageError) as err:
        parse_selection("charter,minutes", KNOWN, "doc")
    assert "minutes" in str(err.value.params) and "report" in err.value.params["allowed"]
