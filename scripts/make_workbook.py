#!/usr/bin/env python3
"""Writes a follow-up workbook of ROWS activities × COLUMNS columns, as the monthly follow-up
sheets of a city's plan are laid out: a code, an activity, a responsible office, dates, a weight,
a planned and an executed figure, a percentage, then one planned/executed pair per month. Used by
`make bench` (rows per second at several sizes) and by the large-sheet test.

usage: make_workbook.py OUT.xlsx ROWS [COLUMNS]"""
import sys, zipfile, random
from xml.sax.saxutils import escape

def column_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def main():
    out, rows = sys.argv[1], int(sys.argv[2])
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    rnd = random.Random(7)
    strings, index = [], {}
    def sst(text):
        if text not in index:
            index[text] = len(strings); strings.append(text)
        return index[text]
    header = ["Código", "Actividad", "Responsable", "Fecha inicio", "Fecha fin", "Peso",
              "Meta programada", "Meta ejecutada", "% avance"]
    months = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"]
    k = 0
    while len(header) < columns:
        m = months[(k // 2) % 12]
        header.append(f"{'Programado' if k % 2 == 0 else 'Ejecutado'} {m} {2024 + k // 24}")
        k += 1
    header = header[:columns]
    verbs = ["Realizar", "Actualizar", "Publicar", "Capacitar", "Revisar", "Elaborar", "Implementar"]
    objects = ["informe de gestión", "mesas de trabajo", "inventario documental", "plan de mejora",
               "conciliaciones bancarias", "jornadas de atención", "encuestas de satisfacción"]
    offices = ["Secretaría de Hacienda", "Secretaría de Salud", "Oficina de Planeación", "Control Interno"]
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    def row_xml(r, values):
        cells = []
        for c, v in enumerate(values):
            ref = f"{column_name(c)}{r}"
            if isinstance(v, str):
                cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        return f'<row r="{r}">' + "".join(cells) + "</row>"
    sheet.append(row_xml(1, header))
    for i in range(rows):
        planned = rnd.randint(1, 40)
        done = rnd.randint(0, planned)
        values = [f"{1 + i // 100}.{i % 100 + 1}",
                  f"{rnd.choice(verbs)} {rnd.choice(objects)} {i + 1}",
                  rnd.choice(offices), "2024-01-15", "2024-12-15", round(1 / max(1, rows), 6),
                  planned, done, round(100 * done / planned, 2)]
        while len(values) < columns:
            values.append(rnd.randint(0, 5))
        sheet.append(row_xml(i + 2, values[:columns]))
    sheet.append("</sheetData></worksheet>")
    shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
              f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">']
    shared += [f"<si><t>{escape(s)}</t></si>" for s in strings]
    shared.append("</sst>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Seguimiento" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "\n".join(sheet),
        "xl/sharedStrings.xml": "".join(shared),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)

if __name__ == "__main__":
    main()
