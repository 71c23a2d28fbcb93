"""The demo logins a presenter uses, and what each can show. Titles and days come from the
scripted needs, so the hints cannot drift from the data."""
import textwrap
from dataclasses import dataclass

from . import DEMO_PASSWORD
from .needs import SCRIPTED
from .organisations import ADMIN_EMAIL, AGENCIES, BUYER_BY_KEY, ORGANISER, PENDING_BUYER

_NEEDS = {s.key: s for s in SCRIPTED}
_AGENCIES = {a.key: a for a in AGENCIES}


def _title(key: str) -> str:
    return f"“{_NEEDS[key].title}”"


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    try_this: str
    password: str = DEMO_PASSWORD


LOGINS: tuple[Login, ...] = (
    Login("SME owner · CV Baja Kurnia (foundry, Klaten)", "baja.kurnia@demo.rantai.id",
          f"Invited by PT INKA: quote on {_title('inka-open-blok')} before its deadline "
          f"({_NEEDS['inka-open-blok'].deadline_day} days after seeding). See the paid PLN "
          f"order and PLN's rating; {_title('mou-pln-2')} is delivered but still unpaid."),
    Login("SME owner · Koperasi Produsen Tempe Makmur (Malang)", "tempe.makmur@demo.rantai.id",
          f"Quote on PT Lulu's open need {_title('lulu-open')}; see the paid order "
          f"{_title('lulu-tempe')}."),
    Login("SME owner · CV Byakta Prakasa (Cilegon)", "byakta.prakasa@demo.rantai.id",
          f"Orders from PT Krakatau Steel (MoU pair); PT INKA's open need "
          f"{_title('inka-open-bogie')} is open to all SMEs."),
    Login("Buyer manager · PT INKA (Persero)", BUYER_BY_KEY["inka"].email,
          f"The deadline of {_title('inka-awaiting')} has passed: open the quotes and award. "
          f"Publish the draft {_title('inka-draft')}; invite SMEs to "
          f"{_title('inka-open-cnc')}."),
    Login("Buyer · PT PLN (Persero)", BUYER_BY_KEY["pln"].email,
          f"Record the overdue payment for {_title('mou-pln-2')} (BAST "
          f"{-_NEEDS['mou-pln-2'].bast_day} days before seeding, CV Baja Kurnia); quotes are "
          f"coming in on {_title('pln-open')}."),
    Login("Agency officer (national) · Kementerian Perindustrian",
          _AGENCIES["kemenperin"].email,
          "Dashboard with the map: click any figure for the list behind it and export it; "
          "SMEs waiting for verification (Verifikasi: verify or send back with a note); "
          "the compliance ledger (Kepatuhan); mentoring programmes and development plans "
          "(Pengembangan); the forum's potential against orders realised."),
    Login("Agency officer (Jawa Timur) · Disperindag Provinsi Jawa Timur",
          _AGENCIES["disperindag.jatim"].email,
          "The same dashboard, limited to Jawa Timur (province 35), and the Jawa Timur SMEs "
          "waiting for verification."),
    Login("Forum organiser", ORGANISER.email,
          "The past forum's report and pairing ledger (potential → quotes → orders → paid); "
          "the upcoming forum with open registration (Forum)."),
    Login("Platform admin (staff, superuser)", ADMIN_EMAIL,
          f"Approve {PENDING_BUYER.name} in the approval queue (/admin/); "
          "`python manage.py verify_audit` checks the audit chain."),
    Login(f"Buyer awaiting approval · {PENDING_BUYER.name}", PENDING_BUYER.email,
          "Sees the waiting page until the platform admin approves it."),
)


def render(width: int = 100) -> str:
    """The logins as a plain-text table."""
    role_w = max(len(x.role) for x in LOGINS)
    email_w = max(len(x.email) for x in LOGINS)
    lines = [f"Demo logins — every demo user's password is {DEMO_PASSWORD!r}", ""]
    lines.append(f"{'ROLE':<{role_w}}  {'EMAIL':<{email_w}}  PASSWORD")
    for login in LOGINS:
        lines.append(f"{login.role:<{role_w}}  {login.email:<{email_w}}  {login.password}")
        lines.extend(_wrap(login.try_this, width, indent="    → "))
    return "\n".join(lines)


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent,
                         subsequent_indent=" " * len(indent))
