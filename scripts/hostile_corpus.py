#!/usr/bin/env python3
"""Writes a corpus of hostile and broken files for Cotejo's robustness test.

usage: hostile_corpus.py OUT_DIR [--large]

Every file is made here from nothing (standard library only), except the encrypted PDF, which is
copied from Tests/Fixtures/ (encrypting a PDF needs qpdf). --large adds the heavier cases used by
the benchmark (a 5,000-page PDF); the default keeps the test quick.
"""
import os, random, sys, zipfile, zlib, shutil, pathlib

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent


def pdf(pages, page_size=(612, 792), content=b"BT /F1 12 Tf 72 720 Td (Informe de gestion 2021) Tj ET", extra_objects=None, xobject=None):
    """A minimal valid PDF: one shared content stream and font, `pages` pages."""
    objs = []
    def add(body):
        objs.append(body)
        return len(objs)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    resources = b"<< /Font << /F1 %d 0 R >>" % font
    if xobject is not None:
        img = add(xobject)
        resources += b" /XObject << /Im1 %d 0 R >>" % img
    resources += b" >>"
    pages_id = len(objs) + 1 + pages + 1  # after page objects and catalog placeholder
    kids = []
    for _ in range(pages):
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R /Resources %s >>"
                        % (pages_id, page_size[0], page_size[1], stream, resources)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    assert add(b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(b"%d 0 R" % k for k in kids))) == pages_id
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def deflated_zeros(size, chunk=1 << 22):
    c = zlib.compressobj(1)
    parts = []
    left = size
    block = b"\0" * chunk
    while left > 0:
        n = min(chunk, left)
        parts.append(c.compress(block[:n]))
        left -= n
    parts.append(c.flush())
    return b"".join(parts)


def docx(document_xml, extra=None):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def xlsx(sheet_rows_xml):
    """A one-sheet workbook whose sheetData holds `sheet_rows_xml` (an iterable of <row> strings)."""
    import io
    buf = io.BytesIO()
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rel}><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0"?><worksheet {ns}><sheetData>'.encode())
            for row in sheet_rows_xml:
                f.write(row.encode())
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def xlsx_row(r, values):
    cells = []
    for c, v in enumerate(values):
        ref = chr(ord("A") + c) + str(r)
        if isinstance(v, str):
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
    return f'<row r="{r}">' + "".join(cells) + "</row>"


def main():
    out = pathlib.Path(sys.argv[1])
    large = "--large" in sys.argv
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(1234)
    def write(name, data):
        (out / name).write_bytes(data)

    write("empty.pdf", b"")
    good = pdf(3)
    write("truncated.pdf", good[: len(good) // 2])
    shutil.copy(REPO / "Tests" / "Fixtures" / "encrypted.pdf", out / "encrypted.pdf")
    write("random.pdf", bytes(rnd.getrandbits(8) for _ in range(20000)))
    write("random.bin", bytes(rnd.getrandbits(8) for _ in range(20000)))
    write("text_named.pdf", "Informe de gestión 2021\nSe programaron 10 actividades y se ejecutaron 9.\n".encode())
    write("many_pages.pdf", pdf(5000 if large else 1500))
    # A page that draws a 20,000 × 20,000 grey image: 400 MB once decoded.
    side = 20000
    image = deflated_zeros(side * side)
    xobj = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(image)) + image + b"\nendstream")
    write("huge_image.pdf", pdf(1, content=b"q 540 0 0 700 36 46 cm /Im1 Do Q", xobject=xobj))
    # A page 200 inches square (the largest PDF allows).
    write("huge_page.pdf", pdf(1, page_size=(14400, 14400)))

    write("nested.html", ("<html><body>" + "<div>" * 200000 + "hondo" + "</div>" * 200000 + "</body></html>").encode())
    laughs = ['<!ENTITY lol0 "lol">'] + ['<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10) for i in range(1, 10)]
    write("billion_laughs.html", ('<?xml version="1.0"?><!DOCTYPE html [' + "".join(laughs) + ']><html><body><p>&lol9;</p></body></html>').encode())
    write("external.html", b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><p>&xxe;</p>'
          b'<img src="http://127.0.0.1:9/tracker.png"><iframe src="http://127.0.0.1:9/"></iframe>'
          b'<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><p>Informe 2021</p></body></html>')
    write("invalid_utf8.txt", b"Informe de gesti\xf3n 2021 \xff\xfe con bytes inv\xe1lidos\n" + bytes(range(0x80, 0x100)))
    write("latin1.txt", "Participación ciudadana: se ejecutaron 78 de 69 (113 %)\n".encode("latin-1"))

    # Zip bomb: a document part that inflates to 1 GB.
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b" " * (1 << 24)
            for _ in range(64):
                f.write(chunk)
    write("zip_bomb.docx", buf.getvalue())
    laugh_doc = ('<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(laughs) + ']><w:document ' + W +
                 '><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    write("billion_laughs.docx", docx(laugh_doc))
    xxe_doc = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ' + W +
               '><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    write("external_entity.docx", docx(xxe_doc))
    write("malformed.docx", docx('<?xml version="1.0"?><w:document ' + W + '><w:body><w:p><w:r><w:t>sin cerrar'))
    write("no_document.docx", zipfile_without_document())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='A' sheetId='1' r:id='rId1'")
    write("malformed.xlsx", buf.getvalue())
    write("truncated.docx", docx('<w:document ' + W + '/>')[:200])

    # A sheet of 1,000,010 cells: read, or failed for the memory it needs, never called malformed.
    header = ["Actividad", "Meta", "Ejecutado", "Avance", "Responsable", "Fecha", "Unidad", "Codigo", "Obs", "Fuente"]
    def big_rows():
        yield xlsx_row(1, header)
        for i in range(100000):
            yield xlsx_row(i + 2, [f"Actividad {i}", 10, 5 + i % 5, (5 + i % 5) * 10, "Oficina", 45292, "Numero", i, 1, 2])
        yield xlsx_row(100002, list(range(10)))
    write("million_cells.xlsx", xlsx(big_rows()))
    # A ten-row table and one stray cell in the sheet's very last row and column.
    rows = [xlsx_row(1, ["Actividad", "Meta", "Ejecutado", "Avance"])]
    rows += [xlsx_row(i + 2, [f"Actividad {i}", 10, 5 + i % 5, (5 + i % 5) * 10]) for i in range(9)]
    rows.append('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    write("stray_cell.xlsx", xlsx(rows))
    # Many side-by-side empty table cells: a real part that deflates past 250:1, not a bomb.
    cell = '<w:tc><w:tcPr><w:tcW w:w="500" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
    table = "<w:tbl>" + ("<w:tr>" + cell * 60 + "</w:tr>") * 500 + "</w:tbl>"
    write("many_cells.docx", docx('<?xml version="1.0"?><w:document ' + W + '><w:body>' + table +
                                  '<w:p><w:r><w:t>Fin del informe</w:t></w:r></w:p></w:body></w:document>'))
    # A figure of 400 digits: not a number any double holds.
    write("overlong_number.txt", ("Se programaron " + "9" * 400 + " actividades y se ejecutaron 5, el 45 %.\n").encode())
    print(f"wrote {len(list(out.iterdir()))} files to {out}")


def zipfile_without_document():
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<styles/>")
    return buf.getvalue()


if __name__ == "__main__":
    main()
