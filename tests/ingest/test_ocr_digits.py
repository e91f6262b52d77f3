"""The digits-only fallback for a scan's handwritten number (issue 11, Deliver 3)."""

from __future__ import annotations

import socket

import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest import ocr_digits


def _line(text: str, top: float = 60.0) -> dict:
    return {"text": text, "x0": 40.0, "x1": 300.0, "top": top, "bottom": top + 12}


def _image(text: str) -> Image.Image:
    img = Image.new("L", (2480, 3508), 255)
    ImageDraw.Draw(img).text((200, 300), text, fill=0, font=ImageFont.load_default(size=70))
    return img


def test_a_line_with_its_digits_is_not_touched() -> None:
    def render() -> Image.Image:
        raise AssertionError("no rendering needed")

    lines = [_line("Số: 1085/QĐ-UBND")]
    assert ocr_digits.fix_number_line(lines, render, 842) == lines


def test_a_number_line_low_on_the_page_is_not_the_header() -> None:
    lines = [_line("Số: /QĐ-UBND", top=700)]
    assert ocr_digits.fix_number_line(lines, lambda: _image(""), 842) == lines


@pytest.mark.slow
def test_handwritten_slot_is_filled_from_rapidocr_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine loads its bundled weights: any network use fails the test."""

    def no_network(*_: object, **__: object) -> None:
        raise AssertionError("rapidocr tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    lines = [_line("ỦY BAN NHÂN DÂN", 40), _line("Số: l#Œ /QĐ-UBND", 60), _line("QUYẾT ĐỊNH", 200)]
    fixed = ocr_digits.fix_number_line(lines, lambda: _image("So: 1406/QD-UBND"), 842)
    assert fixed[1]["text"] == "Số: 1406 /QĐ-UBND"  # the identity reader allows the space
    assert [x["text"] for x in fixed[::2]] == ["ỦY BAN NHÂN DÂN", "QUYẾT ĐỊNH"]


@pytest.mark.slow
def test_a_year_alone_is_not_taken_for_the_number() -> None:
    lines = [_line("Số: /QĐ-UBND", 60)]
    assert ocr_digits.fix_number_line(lines, lambda: _image("2025"), 842) == lines


def test_a_slot_with_some_digits_is_left_to_the_number_reader() -> None:
    def render() -> Image.Image:
        raise AssertionError("no rendering needed")

    lines = [_line("Số: Ở32/QĐÐ-TTg")]
    assert ocr_digits.fix_number_line(lines, render, 842) == lines
