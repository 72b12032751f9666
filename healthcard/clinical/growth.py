"""Symphysis-fundus height reference: the INTERGROWTH-21st international standard
(Papageorghiou et al., BMJ 2016;355:i5662; DOMAIN.md §6.2). Valid 16–42 weeks."""

import math

Z_P10 = -1.2815515655446004
Z_P90 = 1.2815515655446004
VALID_WEEKS = (16.0, 42.0)


def sfh_mean(weeks: float) -> float:
    """Median SF height in cm at an exact gestational age in weeks."""
    return 5.133374 + 0.1058353119 * weeks**2 - 0.0231295 * weeks**2 * math.log(weeks)


def sfh_sd(weeks: float) -> float:
    return 0.9922667 + 0.0258087 * weeks


def sfh_centile(weeks: float, z: float) -> float:
    return sfh_mean(weeks) + z * sfh_sd(weeks)


def sfh_z_score(weeks: float, centimetres: float) -> float:
    return (centimetres - sfh_mean(weeks)) / sfh_sd(weeks)


def sfh_band(weeks: float, centimetres: float) -> str:
    """ "below" p10, "above" p90, or "within" the band the card's curve shows."""
    if not VALID_WEEKS[0] <= weeks <= VALID_WEEKS[1]:
        return "outside_reference"
    z = sfh_z_score(weeks, centimetres)
    if z < Z_P10:
        return "below"
    if z > Z_P90:
        return "above"
    return "within"
