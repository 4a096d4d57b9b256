"""The readiness score from the 19 success factors, and the next step for each unmet one."""

from __future__ import annotations

import pytest

from reseau_cli.catalogue import load_catalogue
from reseau_cli.check.readiness import readiness
from reseau_cli.check.texts import load_texts
from tests.check_helpers import build

FACTORS = [q.id for q in load_catalogue().section("success").questions]


def _assessed(answers: dict[str, str]) -> dict[str, str]:
    return {f"success.{factor}": value for factor, value in answers.items()}


def test_the_catalogue_has_the_guides_19_success_factors() -> None:
    assert len(FACTORS) == 19


def test_score_on_a_known_self_assessment() -> None:
    # 10 yes, 4 partly, 2 no, 3 left unanswered: only the 16 answered factors count.
    answers = dict.fromkeys(FACTORS[:10], "yes")
    answers |= dict.fromkeys(FACTORS[10:14], "partly")
    answers |= dict.fromkeys(FACTORS[14:16], "no")
    result = readiness(build(_assessed(answers)))
    expected = round((10 * 1 + 4 * 0.5 + 2 * 0) / 16 * 100, 1)
    assert result.score == expected
    assert (result.answered, result.total) == (16, 19)
    assert result.unanswered == [f"success.{f}" for f in FACTORS[16:]]


def test_score_is_rounded_to_one_decimal_half_up() -> None:
    answers = dict.fromkeys(FACTORS[:4], "yes") | dict.fromkeys(FACTORS[4:11], "partly")
    # (4 + 3.5) / 11 = 68.18...
    assert readiness(build(_assessed(answers))).score == 68.2


def test_unanswered_factors_do_not_lower_the_score() -> None:
    result = readiness(build(_assessed(dict.fromkeys(FACTORS[:10], "yes"))))
    assert (result.score, result.answered) == (100.0, 10)


@pytest.mark.parametrize("count", [1, 9])
def test_no_percentage_on_fewer_than_ten_answers(count: int) -> None:
    result = readiness(build(_assessed(dict.fromkeys(FACTORS[:count], "yes"))))
    assert result.score is None and result.answered == count
    assert result.text("en").startswith(f"not enough answers yet ({count} of 19 factors")
    assert "%" not in result.text("fr")


def test_plurals_of_the_readiness_text_in_french() -> None:
    one = readiness(build(_assessed({FACTORS[0]: "no"}))).text("fr")
    assert "1 facteur évalué sur 19" in one
    ten = readiness(build(_assessed(dict.fromkeys(FACTORS[:10], "partly")))).text("fr")
    assert ten == "50,0 % (10 facteurs de succès évalués sur 19)"


def test_ten_answers_give_a_score() -> None:
    result = readiness(build(_assessed(dict.fromkeys(FACTORS[:10], "no"))))
    assert result.score == 0.0
    assert result.text("en") == "0.0% (10 of 19 success factors assessed)"


def test_no_self_assessment_gives_no_score() -> None:
    result = readiness(build({}))
    assert (result.score, result.answered, result.unmet) == (None, 0, [])
    assert len(result.unanswered) == 19


def test_unmet_factors_come_with_a_next_step_no_before_partly() -> None:
    answers = {"trust": "partly", "goals": "yes", "funds": "no", "staff": "no"}
    result = readiness(build(_assessed(answers)))
    assert [(u.id, u.answer) for u in result.unmet] == [
        ("success.staff", "no"), ("success.funds", "no"), ("success.trust", "partly")]
    steps = load_texts().success
    for unmet in result.unmet:
        factor = unmet.id.split(".", 1)[1]
        assert unmet.next_step == steps[factor]
        assert unmet.factor == load_catalogue().question(unmet.id).prompt


def test_all_yes_means_full_readiness_and_nothing_unmet() -> None:
    result = readiness(build(_assessed(dict.fromkeys(FACTORS, "yes"))))
    assert (result.score, result.unmet, result.unanswered) == (100.0, [], [])


def test_every_success_factor_has_a_next_step_in_both_languages() -> None:
    steps = load_texts().success
    assert sorted(steps) == sorted(FACTORS)
    for step in steps.values():
        assert step.fr.strip() and step.en.strip() and step.fr != step.en
