import ExcelJS from 'exceljs';

/**
 * Files for the import tests: CSV text as Excel and WPS write it (UTF-8 or GBK, any delimiter) and XLSX
 * workbooks laid out as Excel lays them out (the sheet before its shared strings).
 */

let gbkTable: Map<string, Buffer> | null = null;

/** GBK bytes of a text (Node has no GBK encoder: the table is TextDecoder('gb18030') run backwards). */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, bytes);
      }
    }
  }
  const table = gbkTable;
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      return bytes;
    }),
  );
}

/** CSV text with CRLF line ends, quoting cells that need it. */
export function csvText(rows: readonly (readonly string[])[], delimiter = ','): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  return `${rows.map((row) => row.map(quote).join(delimiter)).join('\r\n')}\r\n`;
}

export async function xlsxFile(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Leads');
  for (const row of rows) sheet.addRow([...row]);
  book.addWorksheet('Notes').addRow(['not imported']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
