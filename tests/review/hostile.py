#!/usr/bin/env python3
"""tests/review/hostile.py DIR [SAMPLE.pdf] — writes the hostile PDFs that
tests/review/run.sh feeds to `bdlc import` and `bdlc review`:

  empty.pdf      0 bytes
  notpdf.pdf     text, no %PDF- header
  truncated.pdf  the first 3 KB of a real document (SAMPLE)
  scanned.pdf    one page holding an image and no text (a scan without OCR)
  encrypted.pdf  a standard security handler whose user password is not empty
  bomb.pdf       a 160 KB page whose content stream inflates to 160 MB
  hello.pdf      a well-formed one-page PDF with the text "hello" (no table)
"""
import os
import sys
import zlib


def pdf(objects, trailer_extra=b""):
    """A PDF from object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"


def page_doc(content, resources=b"<< >>", extra_objects=(), trailer_extra=b"", content_extra=b""):
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources " + resources + b" >>",
        stream(content, content_extra),
    ]
    objs.extend(extra_objects)
    return pdf(objs, trailer_extra)


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    w = lambda name, data: open(os.path.join(d, name), "wb").write(data)
    w("empty.pdf", b"")
    w("notpdf.pdf", "这不是 PDF\n只是一段文字\n".encode())
    if len(sys.argv) > 2:
        w("truncated.pdf", open(sys.argv[2], "rb").read()[:3072])
    # a 4x4 grey image drawn over the page: pixels, no text
    img = stream(bytes(range(0, 256, 16)), b"/Type /XObject /Subtype /Image /Width 4 /Height 4 "
                 b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    w("scanned.pdf", page_doc(b"q 595 0 0 842 0 0 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>", [img]))
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    w("hello.pdf", page_doc(b"BT /F1 12 Tf 72 720 Td (hello) Tj ET", b"<< /Font << /F1 5 0 R >> >>", [font]))
    # RC4 40-bit, owner and user entries that no empty password opens
    enc = (b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>")
    w("encrypted.pdf", page_doc(b"BT /F1 12 Tf 72 720 Td (secret) Tj ET", b"<< /Font << /F1 6 0 R >> >>",
                                [enc, font], b"/Encrypt 5 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] "))
    # 160 MB of a repeated text-drawing operator, deflated to about 160 KB
    op = b"BT /F1 1 Tf 1 1 Td (x) Tj ET\n"
    bomb = zlib.compress(op * (160 * 1024 * 1024 // len(op)), 9)
    w("bomb.pdf", page_doc(bomb, b"<< /Font << /F1 5 0 R >> >>", [font], content_extra=b"/Filter /FlateDecode "))


main()
