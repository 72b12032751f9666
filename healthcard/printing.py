"""Her card as a PDF, made on the server with WeasyPrint from the same HTML as the print page
(templates/healthcard/partials/_printed_card.html), so the two never disagree."""

import logging

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML

# WeasyPrint warns about each screen-only rule of the stylesheet, which the PDF does not need;
# it sets its logger's level when imported, so after Django's LOGGING setting.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

STYLESHEET = "css/dhg.css"  # its print rules hide the layout's header, menu and footer


class NothingFetched(ValueError):
    pass


def _fetch_nothing(url: str, *args, **kwargs):
    """The PDF's HTML names no file, image or font by URL: nothing is fetched, so a value on
    the card can never make the server open an address."""
    raise NothingFetched(url)


def pdf_of(html: str) -> bytes:
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(
        stylesheets=[CSS(filename=finders.find(STYLESHEET), url_fetcher=_fetch_nothing)]
    )
