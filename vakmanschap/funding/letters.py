"""The training cheque letter (Dutch), as a PDF with the code and a QR code."""

import io
import unicodedata
from pathlib import Path

import segno
from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from vakmanschap.core.presentation import format_day, format_euros

# A Unicode font when the system has one (Debian: fonts-dejavu-core); else the PDF core font.
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_LATIN = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "ø": "o", "€": "EUR"})


def _latin1(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_LATIN)
    return "".join(
        c
        if ord(c) < 256
        else (
            unicodedata.normalize("NFKD", c)[0]
            if ord(unicodedata.normalize("NFKD", c)[0]) < 256
            else "?"
        )
        for c in text
    )


def _qr_png(code: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(f"VAKMANSCHAP-CHEQUE:{code}", error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def cheque_letter_pdf(cheque, code: str) -> bytes:
    participant, course = cheque.plan.participant, cheque.plan_course.course
    pdf = FPDF(format="A4")
    pdf.set_title("Scholingscheque")
    pdf.set_author(settings.FUND_NAME)
    pdf.add_page()
    if UNICODE_FONT.exists():
        pdf.add_font("body", fname=str(UNICODE_FONT))
        font, clean = "body", str
    else:
        font, clean = "helvetica", _latin1

    def line(text, size=11, height=7):
        pdf.set_font(font, size=size)
        pdf.multi_cell(0, height, clean(text), new_x="LMARGIN", new_y="NEXT")

    line(settings.FUND_NAME, size=12)
    line(settings.FUND_ADDRESS, size=9, height=5)
    line(settings.FUND_CONTACT, size=9, height=5)
    pdf.ln(4)
    line("Scholingscheque", size=20, height=12)
    line(f"Datum: {format_day(timezone.localdate(), 'nl')}")
    pdf.ln(4)
    line(f"Beste {participant.given_name} {participant.family_name},")
    pdf.ln(2)
    line(
        "Het fonds heeft uw scholingsplan goedgekeurd. Met deze cheque kunt u zich inschrijven "
        "voor de opleiding hieronder. Geef de code en uw geboortedatum aan de opleider; de "
        "opleider boekt de cheque dan op uw naam."
    )
    pdf.ln(2)
    line(f"Opleiding: {course.title}")
    line(f"Opleider: {course.provider}")
    line(f"Waarde: {format_euros(cheque.amount_cents, 'nl')}")
    line(f"Geldig tot: {format_day(cheque.valid_until, 'nl')}")
    pdf.ln(4)
    line("Uw chequecode:", size=12)
    pdf.set_font("courier", size=22)
    pdf.cell(0, 14, code, new_x="LMARGIN", new_y="NEXT")
    pdf.image(_qr_png(code), w=40)
    pdf.ln(4)
    line(
        "Bewaar deze code zoals een wachtwoord. Wie de code en uw geboortedatum kent, kan de "
        "cheque gebruiken. Kwijt? Vraag uw loopbaanadviseur om een nieuwe code; deze code "
        "werkt dan niet meer.",
        size=9,
        height=5,
    )
    line(f"Vragen? {settings.FUND_NAME}, {settings.FUND_CONTACT}", size=9, height=5)
    line("ESCO, Europese Commissie – beroepen en vaardigheden.", size=8, height=5)
    return bytes(pdf.output())
