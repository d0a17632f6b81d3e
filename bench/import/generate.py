"""Writes a units file for the import benchmark: N rows of the demo model
XCT25 with serials PREFIX-000000…, every tenth sold through a demo
dealer; as CSV, or as an XLSX workbook (inline strings,
written with the standard library: no spreadsheet package needed).

    python3 generate.py ROWS csv|xlsx PREFIX OUT
"""

import sys
import zipfile
from xml.sax.saxutils import escape

HEADER = ["序列号", "型号", "生产日期", "开票日期", "客户", "代理商"]


def rows(n, prefix):
    for i in range(n):
        sold = i % 10 == 0
        yield [
            f"{prefix}-{i:06d}",
            "XCT25",
            f"2026-01-{i % 28 + 1:02d}",
            "2026-03-01" if sold else "",
            "",
            "D-SD01" if sold else "",
        ]


def write_csv(n, prefix, out):
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for row in rows(n, prefix):
            f.write(",".join(row) + "\n")


def column(index):
    return "ABCDEFGHIJ"[index]


def write_xlsx(n, prefix, out):
    def row_xml(number, cells):
        parts = []
        for c, value in enumerate(cells):
            if value:
                parts.append(f'<c r="{column(c)}{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        return f'<row r="{number}">{"".join(parts)}</row>'

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="units" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        body = [row_xml(1, HEADER)]
        body.extend(row_xml(i + 2, row) for i, row in enumerate(rows(n, prefix)))
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(body)
            + "</sheetData></worksheet>",
        )


if __name__ == "__main__":
    n, fmt, prefix, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    (write_csv if fmt == "csv" else write_xlsx)(n, prefix, out)
