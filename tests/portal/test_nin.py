import datetime

import pytest

from portal.nin import birth_date, is_valid_nin, with_check_digits


class TestNationalIdentityNumber:
    def test_real_format_fodselsnummer_is_valid_and_gives_birth_date(self):
        nin = with_check_digits("150394100")  # 15 March 1994, individual number 100
        assert nin is not None
        assert birth_date(nin) == datetime.date(1994, 3, 15)

    def test_d_number_adds_four_to_first_digit(self):
        nin = with_check_digits("550394100")
        assert nin is not None
        assert birth_date(nin) == datetime.date(1994, 3, 15)

    def test_wrong_check_digit_is_rejected(self):
        nin = with_check_digits("150394100")
        tampered = nin[:10] + str((int(nin[10]) + 1) % 10)
        assert not is_valid_nin(tampered)

    @pytest.mark.parametrize(
        "value", ["", "1234567890", "123456789012", "1503941OO82", "１５０３９４１００８２"]
    )
    def test_wrong_length_or_characters_are_rejected(self, value):
        assert not is_valid_nin(value)

    def test_impossible_date_is_rejected_even_with_valid_check_digits(self):
        nin = with_check_digits("310294100")  # 31 February
        assert nin is not None
        assert not is_valid_nin(nin)

    def test_synthetic_numbers_are_valid_only_when_allowed(self):
        synthetic = "02879910059"  # month 87 = July + 80 (Tenor)
        assert not is_valid_nin(synthetic)
        assert birth_date(synthetic, allow_synthetic=True) == datetime.date(1999, 7, 2)

    def test_century_follows_the_individual_number(self):
        nin = with_check_digits("010110500")  # individual 500, year 10 -> 2010
        assert birth_date(nin) == datetime.date(2010, 1, 1)
