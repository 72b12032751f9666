"""The demo people, shared by the demo data loader and the local ID-porten stand-in.

All national identity numbers here are synthetic (month + 80, as in Skatteetaten's Tenor
test data), so they are accepted only where DHG_ALLOW_SYNTHETIC_NIN is on.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoWoman:
    nin: str
    given_name: str
    family_name: str
    stage: str  # shown on the stand-in's login buttons so a newcomer can pick a person

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def sub(self) -> str:
        # ID-porten's `sub` is an opaque pairwise id; here it is readable on purpose.
        return f"{self.name} ({self.stage})"

    def claims(self, acr: str) -> dict:
        return {
            "pid": self.nin,
            "acr": acr,
            "amr": ["BankID"],
            "name": self.name,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "locale": "nb",
            # ID-porten's session id: what its front-channel logout names. (The stand-in keeps
            # no sessions, so each woman has one of her own.)
            "sid": f"standin-session-{self.sub}",
        }


DEMO_WOMEN = [
    DemoWoman("15839410082", "Ingrid", "Hansen", "first pregnancy, week 12"),
    DemoWoman("02879910059", "Kari", "Nordmann", "week 30"),
    DemoWoman("11888810031", "Sara", "Ahmed", "twins, week 26"),
    DemoWoman("24859110041", "Marte", "Berg", "RhD negative, week 28"),
    DemoWoman("05828510004", "Nora", "Johansen", "delivered"),
    DemoWoman("12839510096", "Hanne", "Lie", "has consented, no card yet"),
    DemoWoman("18899610071", "Emma", "Olsen", "has not consented yet"),
]

DEMO_STAFF_USERNAME = "jordmor"
DEMO_STAFF_PASSWORD = "demo-jordmor-2026"
# The demo midwife's authenticator secret (base32): add it to an authenticator app, or print
# the current code with `python manage.py demo_totp_code`.
DEMO_STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPDHGDEMOJORDMORAA"
