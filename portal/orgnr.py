"""Norwegian organisation numbers (Enhetsregisteret): nine digits, the last a mod-11 check
digit over the first eight with weights 3 2 7 6 5 4 3 2 (a remainder giving 10 is never
issued)."""

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def is_valid_org_nr(value: str) -> bool:
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(value, _WEIGHTS, strict=False)) % 11
    check = (11 - remainder) % 11
    return check != 10 and check == int(value[8])
