"""Norwegian national identity numbers: fødselsnummer and D-number (11 digits, two mod-11
check digits). Synthetic test numbers (month + 40 or + 80, as NAV and Skatteetaten's Tenor
issue them) are valid only where settings.DHG_ALLOW_SYNTHETIC_NIN is on: never in production.
"""

import datetime

_WEIGHTS_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def with_check_digits(first_nine: str) -> str | None:
    """Complete nine digits into an 11-digit number, or None when no valid one exists."""
    k1 = _check_digit(first_nine, _WEIGHTS_K1)
    if k1 is None:
        return None
    k2 = _check_digit(first_nine + str(k1), _WEIGHTS_K2)
    return None if k2 is None else f"{first_nine}{k1}{k2}"


def _century(year: int, individual: int) -> int | None:
    if individual <= 499:
        return 1900
    if individual <= 749 and year >= 54:
        return 1800
    if year <= 39:
        return 2000
    if individual >= 900:
        return 1900
    return None


def birth_date(nin: str, *, allow_synthetic: bool = False) -> datetime.date | None:
    """The birth date the number encodes, or None when the number is not valid."""
    if len(nin) != 11 or not nin.isascii() or not nin.isdigit():
        return None
    if with_check_digits(nin[:9]) != nin:
        return None
    day, month, year, individual = int(nin[0:2]), int(nin[2:4]), int(nin[4:6]), int(nin[6:9])
    if day > 40:  # D-number: first digit + 4
        day -= 40
    if allow_synthetic and month > 80:
        month -= 80
    elif allow_synthetic and month > 40:
        month -= 40
    century = _century(year, individual)
    if century is None:
        return None
    try:
        return datetime.date(century + year, month, day)
    except ValueError:
        return None


def is_valid_nin(nin: str, *, allow_synthetic: bool = False) -> bool:
    return birth_date(nin, allow_synthetic=allow_synthetic) is not None
