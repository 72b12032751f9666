import pytest

from healthcard.clinical.growth import Z_P10, Z_P90, sfh_band, sfh_centile, sfh_mean


class TestIntergrowthFundalHeight:
    # Values from the INTERGROWTH-21st SFH standard (Papageorghiou et al., BMJ 2016).
    @pytest.mark.parametrize(
        ("weeks", "p10", "p50", "p90"),
        [
            (24, 21.7, 23.8, 25.8),
            (28, 25.5, 27.7, 29.9),
            (32, 29.1, 31.4, 33.8),
            (36, 32.4, 34.9, 37.3),
            (40, 35.4, 38.0, 40.5),
        ],
    )
    def test_centiles_match_published_values(self, weeks, p10, p50, p90):
        assert sfh_mean(weeks) == pytest.approx(p50, abs=0.05)
        assert sfh_centile(weeks, Z_P10) == pytest.approx(p10, abs=0.05)
        assert sfh_centile(weeks, Z_P90) == pytest.approx(p90, abs=0.05)

    @pytest.mark.parametrize(("cm", "band"), [(21.0, "below"), (23.8, "within"), (26.5, "above")])
    def test_measurement_is_placed_against_the_band(self, cm, band):
        assert sfh_band(24, cm) == band

    def test_outside_the_standard_weeks_is_not_classified(self):
        assert sfh_band(14, 12.0) == "outside_reference"
