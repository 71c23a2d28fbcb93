from hypothesis import given
from hypothesis import strategies as st

from rantai.suppliers.scale import decide_scale

ORDER = ["micro", "small", "medium", "large"]


def test_pp7_2021_bands_by_sales_and_capital():
    assert decide_scale(annual_sales=2_000_000_000, business_capital=None).scale == "micro"
    assert decide_scale(annual_sales=2_000_000_001, business_capital=None).scale == "small"
    assert decide_scale(annual_sales=50_000_000_000, business_capital=None).scale == "medium"
    assert decide_scale(annual_sales=50_000_000_001, business_capital=None).scale == "large"
    assert decide_scale(annual_sales=None, business_capital=1_000_000_000).scale == "micro"
    assert decide_scale(annual_sales=None, business_capital=5_000_000_001).scale == "medium"
    assert decide_scale(annual_sales=None, business_capital=None) is None


def test_sales_decide_for_an_operating_business_and_the_rule_is_named():
    decision = decide_scale(annual_sales=1_000_000_000, business_capital=20_000_000_000)
    assert decision.scale == "micro"
    assert decision.rule == "sales"


@given(st.integers(0, 10**12), st.integers(0, 10**12))
def test_more_sales_never_means_a_smaller_scale(a, b):
    low, high = sorted((a, b))
    assert (ORDER.index(decide_scale(annual_sales=low, business_capital=None).scale)
            <= ORDER.index(decide_scale(annual_sales=high, business_capital=None).scale))
