"""Date expressions (sources/dates.py): numeric, worded, and spans of days read as their first day."""
from cadregraph.sources.dates import find_dates, resolve_year


def _days(text: str) -> list[tuple[int, int, int | None]]:
    return [(d.day, d.month, d.year) for d in find_dates(text)]


def test_numeric_and_worded_dates():
    assert _days("Sáng 6/4, ngày 04.11.2023 và ngày 20 tháng 10 năm 2022") == [(6, 4, None), (4, 11, 2023), (20, 10, 2022)]
    assert _days("ngày 31/02/2023") == []  # no such day


def test_a_span_of_days_is_its_first_day():
    assert _days("Trong 2 ngày 7 và 8/12") == [(7, 12, None)]
    assert _days("từ ngày 24 đến ngày 26/10/2019") == [(24, 10, 2019)]
    assert _days("Trong 2 ngày (15 và 16/7)") == [(15, 7, None)]
    assert _days("các ngày 3-4/5/2024") == [(3, 5, 2024)]
    assert _days("ngày 8-7/12") == []  # a span runs forward


def test_the_year_of_a_day_month_is_never_after_publication():
    assert resolve_year(11, 7, "2020-02-26") == 2019
    assert resolve_year(28, 12, "2024-01-08") == 2023
    assert resolve_year(5, 1, "2024-01-08") == 2024
