"""Server-rendered SVG charts: geometry only. Templates draw them and always pair them with a
table of the same numbers, so they are readable without sight and without JavaScript."""

from dataclasses import dataclass, field

from .clinical import growth

# Drawn for a phone: at 320 px the 400-unit-wide chart is shown at about 0.7 of its size, so
# the 14-unit labels stay about 10 px tall. A wider drawing would shrink them below reading.
WIDTH, HEIGHT = 400, 280
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 26, 36
FONT_SIZE = 14
DOT = 4  # a dot's radius; a square's half side


@dataclass
class Chart:
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x_step: float
    y_step: float
    width: int = WIDTH
    height: int = HEIGHT
    font_size: int = FONT_SIZE
    lines: list[dict] = field(default_factory=list)  # {"points": "x,y ...", "kind": ...}
    band: str = ""  # polygon points
    dots: list[dict] = field(default_factory=list)  # {"x", "y", "kind", "label"}

    def x(self, value: float) -> float:
        low, high = self.x_range
        return round(LEFT + (value - low) / (high - low) * (self.width - LEFT - RIGHT), 1)

    def y(self, value: float) -> float:
        low, high = self.y_range
        return round(
            self.height - BOTTOM - (value - low) / (high - low) * (self.height - TOP - BOTTOM), 1
        )

    def polyline(self, points: list[tuple[float, float]]) -> str:
        return " ".join(f"{self.x(px)},{self.y(py)}" for px, py in points)

    def add_line(self, points: list[tuple[float, float]], kind: str) -> None:
        if points:
            self.lines.append({"points": self.polyline(points), "kind": kind})

    def add_dot(self, px: float, py: float, kind: str, label: str) -> None:
        x, y = self.x(px), self.y(py)
        # A square (her own measurements) is drawn from its corner.
        corner = {"left": round(x - DOT, 1), "top": round(y - DOT, 1)}
        self.dots.append({"x": x, "y": y, "kind": kind, "label": label, **corner})

    @property
    def x_ticks(self) -> list[dict]:
        return self._ticks(self.x_range, self.x_step, self.x)

    @property
    def y_ticks(self) -> list[dict]:
        return self._ticks(self.y_range, self.y_step, self.y)

    @staticmethod
    def _ticks(value_range, step, scale) -> list[dict]:
        low, high = value_range
        count = int((high - low) / step) + 1
        return [{"value": low + i * step, "at": scale(low + i * step)} for i in range(count)]

    @property
    def plot(self) -> dict:
        return {
            "left": LEFT,
            "right": self.width - RIGHT,
            "top": TOP,
            "bottom": self.height - BOTTOM,
        }


def fundal_height_chart(measurements) -> Chart:
    """SF heights against the INTERGROWTH-21st 10th, 50th and 90th centiles, weeks 16–42."""
    chart = Chart(x_range=(16, 42), y_range=(10, 46), x_step=4, y_step=6)
    weeks = [16 + i * 0.5 for i in range(53)]
    p10 = [(w, growth.sfh_centile(w, growth.Z_P10)) for w in weeks]
    p90 = [(w, growth.sfh_centile(w, growth.Z_P90)) for w in weeks]
    chart.band = chart.polyline(p10 + p90[::-1])
    chart.add_line(p10, "reference")
    chart.add_line([(w, growth.sfh_mean(w)) for w in weeks], "median")
    chart.add_line(p90, "reference")
    valid = [m for m in measurements if not m.entered_in_error]
    chart.add_line(
        [(m.gestational_age.exact_weeks, float(m.centimetres)) for m in valid], "measured"
    )
    for m in valid:
        chart.add_dot(
            m.gestational_age.exact_weeks,
            float(m.centimetres),
            "measured",
            f"{m.gestational_age}: {m.centimetres} cm",
        )
    return chart


def weight_chart(consultations, weight_before=None, home=()) -> Chart:
    """Her weight at the consultations, joined by a line; home: (week, kg) she weighed
    herself, drawn as open squares beside them."""
    points = [
        (c.gestational_age.exact_weeks, float(c.weight_kg))
        for c in consultations
        if c.weight_kg and not c.entered_in_error
    ]
    values = [kg for _, kg in [*points, *home]] + ([float(weight_before)] if weight_before else [])
    low = (int(min(values, default=50)) // 5) * 5 - 5
    high = (int(max(values, default=90)) // 5) * 5 + 10
    chart = Chart(x_range=(0, 42), y_range=(low, high), x_step=6, y_step=5)
    chart.add_line(sorted(points), "measured")
    for week, kg in points:
        chart.add_dot(week, kg, "measured", f"{kg} kg")
    for week, kg in home:
        chart.add_dot(week, kg, "home", f"{kg} kg")
    return chart


def blood_pressure_chart(consultations, home=()) -> Chart:
    """The consultations' pressures as two lines; home: (week, systolic, diastolic) she
    measured herself, drawn as open squares."""
    chart = Chart(x_range=(0, 42), y_range=(40, 180), x_step=6, y_step=20)
    rows = sorted(
        (c.gestational_age.exact_weeks, c.systolic, c.diastolic)
        for c in consultations
        if c.systolic and c.diastolic and not c.entered_in_error
    )
    chart.add_line([(0, 140), (42, 140)], "threshold")
    chart.add_line([(0, 90), (42, 90)], "threshold")
    chart.add_line([(w, s) for w, s, _ in rows], "systolic")
    chart.add_line([(w, d) for w, _, d in rows], "diastolic")
    for week, systolic, diastolic in rows:
        chart.add_dot(week, systolic, "systolic", f"{systolic}/{diastolic}")
        chart.add_dot(week, diastolic, "diastolic", f"{systolic}/{diastolic}")
    for week, systolic, diastolic in home:
        chart.add_dot(week, systolic, "home", f"{systolic}/{diastolic}")
        chart.add_dot(week, diastolic, "home_diastolic", f"{systolic}/{diastolic}")
    return chart
