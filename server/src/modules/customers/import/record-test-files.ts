import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** Files for the customer and contact import tests: CSV as Excel writes it, and one-sheet workbooks. */

export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((r) => [...r]),
    { record_delimiter: 'windows' },
  );
}

export async function xlsxFile(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
