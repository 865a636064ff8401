"""How numbers and times are written for people and exactly (pathsum.display)."""

from fractions import Fraction

import sympy

from pathsum.display import (
    count_text,
    duration,
    exact_text,
    param_text,
    rate_text,
    ratio_text,
    rounded,
    show,
    unlimited_digits,
)


def test_exact_text_writes_every_digit_past_pythons_guard():
    assert exact_text(3 ** 40) == "12157665459056928801"
    assert len(exact_text(3 ** 10_000)) == 4772
    with unlimited_digits():
        assert len(str(3 ** 10_000)) == 4772


def test_show_drops_the_point_of_integral_floats_only():
    assert (show(5.0), show(0.1 + 0.2), show(3 ** 40), show(1e300), show(True)) == (
        "5", "0.3", "12157665459056928801", "1e+300", "True")


def test_rounded_keeps_integers_and_short_fractions_exact():
    assert (rounded(0.2770644723, 4), rounded(-1.0, 4), rounded(Fraction(1, 3), 4)) == (
        "0.2771", "-1", "1/3")
    assert rounded(Fraction(83119341, 100000000), 4) == "≈0.8312"
    assert rounded(Fraction(-7, 2), 4) == "-7/2"
    assert rounded(sympy.Rational(1, 3), 4) == "1/3"
    assert rounded(sympy.sqrt(2), 4) == "≈1.414"


def test_counts_ratios_rates_and_parameters():
    assert (count_text(1, "edge"), count_text(3 ** 40, "path")) == (
        "1 edge", "12157665459056928801 paths")
    assert [ratio_text(v) for v in (None, 2.4286, 12345.6, 3.2e9)] == [
        "—", "2.43", "12,346", "3.20e+09"]
    assert (rate_text(48_123_456.0), rate_text(5432.1)) == ("48.1 million", "5,432")
    assert (param_text([4, 8, 8, 1]), param_text(3)) == ("4,8,8,1", "3")


def test_duration_in_the_unit_that_suits_it():
    assert [duration(s) for s in (0.0000123, 0.25, 42, 5400, 2.1e8, 3e15)] == [
        "12.3 µs", "250 ms", "42.0 s", "1.50 h", "6.65 years", "9.51e+07 years"]
