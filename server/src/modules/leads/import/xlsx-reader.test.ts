import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxFile, xlsxParts, type ZipPart, zipFile } from './test-files';
import { isDateFormat, xlsxRows, ZIP_LIMITS, ZipBombError } from './xlsx-reader';

const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-xlsx-books-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
let n = 0;

function saved(content: Buffer): string {
  const file = path.join(dir, `book${++n}.xlsx`);
  writeFileSync(file, content);
  return file;
}

async function rowsOf(file: string) {
  const progress = { bytes: 0, lastRow: null as number | null };
  const rows: string[][] = [];
  for await (const row of xlsxRows(file, progress, scratch)) rows.push(row);
  return { rows, progress };
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'closeloop-xlsx-scratch-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const xlsxTemps = () => readdirSync(scratch);

/** Chinese text that does not compress much, so it stays under the ratio limit. */
function noise(length: number): string {
  let seed = length;
  return Array.from({ length }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return String.fromCharCode(0x4e00 + (seed % 5000));
  }).join('');
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

describe('the XLSX reader', () => {
  it('reads shared, inline and rich strings, numbers, booleans, dates, formula results and sparse columns', async () => {
    const sheet = `${SHEET_HEAD}<dimension ref="A1:I3"/><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>联</t></r><r><t xml:space="preserve">系人</t></r></is></c><c r="D1" t="s"><v>2</v></c></row>
      <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>13912345678</v></c><c r="C2" s="1"><v>45717</v></c><c r="D2" s="2"><v>45717.75</v></c><c r="E2" s="3"><v>1.5</v></c><c r="F2" t="b"><v>1</v></c><c r="G2"><f>1+2</f><v>3</v></c><c r="H2" t="e"><v>#N/A</v></c><c r="I2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>
      <row r="3"><c><v>7</v></c><c t="s"><v>3</v></c><c r="E3" s="1"/></row>
      <row r="4"/>
    </sheetData></worksheet>`;
    // Rich text with a phonetic guide, which is not part of the text; an empty string item.
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
      <si><t>公司</t></si><si><r><t>广州</t></r><r><rPr><b/></rPr><t>云图</t></r><rPh sb="0" eb="2"><t>コウシュウ</t></rPh></si><si><t>a &amp; b &lt;c&gt;</t></si><si/></sst>`;
    const styles = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`;
    const { rows, progress } = await rowsOf(saved(zipFile(xlsxParts(sheet, { strings, styles }))));
    expect(rows).toEqual([
      ['公司', '联系人', '', 'a & b <c>'],
      ['广州云图', '13912345678', '2025-03-01', '2025-03-01', '1.5', 'TRUE', '3', '', 'ab'],
      ['7'],
      [],
    ]);
    expect(progress.lastRow).toBe(3);
    expect(progress.bytes).toBeGreaterThan(0);
    expect(xlsxTemps()).toEqual([]);
  });

  it('reads a workbook as exceljs writes it: the first sheet, its strings stored after it', async () => {
    const file = saved(
      await xlsxFile([
        ['公司', '联系人', '手机', '日期'],
        ['深圳前海数科', '王芳', 13912345678, new Date('2025-03-01T00:00:00Z')],
        [{ richText: [{ text: '广州' }, { text: '云图' }] }, '陈磊', '020-3888 1234', 0.25],
      ]),
    );
    const { rows, progress } = await rowsOf(file);
    expect(rows).toEqual([
      ['公司', '联系人', '手机', '日期'],
      ['深圳前海数科', '王芳', '13912345678', '2025-03-01'],
      ['广州云图', '陈磊', '020-3888 1234', '0.25'],
    ]);
    expect(progress.bytes).toBe((await import('node:fs')).statSync(file).size);
  });

  it('looks up shared strings in any order, long ones spanning cache blocks included', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) =>
      i % 100 === 7 ? `长${i}${noise(30_000)}` : `客户${i}`,
    );
    const order = texts.map((_, i) => (i * 7919) % texts.length);
    const rows = order.map((i, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${i}</v></c></row>`);
    const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${texts.map((x) => `<si><t>${x}</t></si>`).join('')}</sst>`;
    const file = saved(
      zipFile(xlsxParts(`${SHEET_HEAD}<sheetData>${rows.join('')}</sheetData></worksheet>`, { strings })),
    );
    const { rows: read } = await rowsOf(file);
    expect(read).toEqual(order.map((i) => [texts[i]]));
  });

  it('tells date formats from others by their letters outside quotes and brackets', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-804]yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('h:mm')).toBe(true);
    expect(isDateFormat('0.00"days"')).toBe(false);
    expect(isDateFormat('[Red]#,##0')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });
});

/** A sheet whose XML repeats one row: `mb` megabytes that deflate about a thousandfold. */
function repeatedSheet(mb: number): Buffer {
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const body = row.repeat(Math.ceil((mb * 1024 * 1024) / row.length));
  return Buffer.from(`${SHEET_HEAD}<sheetData>${body}</sheetData></worksheet>`);
}

describe('zip bombs', () => {
  it('refuses an archive whose stated sizes are out of proportion, before inflating anything', async () => {
    const bomb = saved(zipFile(xlsxParts(repeatedSheet(20))));
    const started = performance.now();
    await expect(rowsOf(bomb)).rejects.toBeInstanceOf(ZipBombError);
    expect(performance.now() - started).toBeLessThan(200);
    expect(xlsxTemps()).toEqual([]);
  });

  it('stops an entry that inflates past the size it states', async () => {
    const sheet = repeatedSheet(4);
    // Stated small enough to look like an ordinary sheet; the rows before the lie are still read.
    const parts: ZipPart[] = xlsxParts(sheet).map((p) =>
      p.name.endsWith('sheet1.xml') ? { ...p, statedSize: 512 * 1024 } : p,
    );
    const rows: string[][] = [];
    const read = async () => {
      for await (const row of xlsxRows(saved(zipFile(parts)), { bytes: 0, lastRow: null }, scratch))
        rows.push(row);
    };
    await expect(read()).rejects.toBeInstanceOf(ZipBombError);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.length).toBeLessThan(sheet.length / 40);
    expect(xlsxTemps()).toEqual([]);
  });

  it('stops at a row of more than a million characters, or a text of millions, without building it', async () => {
    const long = noise(40_000);
    const cells = Array.from(
      { length: 30 },
      (_, i) => `<c r="${String.fromCharCode(65 + (i % 26))}${i < 26 ? '' : 'A'}1" t="s"><v>0</v></c>`,
    );
    const wide = saved(
      zipFile(
        xlsxParts(`${SHEET_HEAD}<sheetData><row r="1">${cells.join('')}</row></sheetData></worksheet>`, {
          strings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${long}</t></si></sst>`,
        }),
      ),
    );
    await expect(rowsOf(wide)).rejects.toThrow(/million characters/);
    let seed = 1;
    const letters = Buffer.alloc(6 * 1024 * 1024, 0);
    for (let i = 0; i < letters.length; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      letters[i] = 97 + (seed % 26);
    }
    const huge = saved(
      zipFile(
        xlsxParts(
          Buffer.concat([
            Buffer.from(`${SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`),
            letters,
            Buffer.from('</t></is></c></row></sheetData></worksheet>'),
          ]),
        ),
      ),
    );
    await expect(rowsOf(huge)).rejects.toThrow(/too long/);
    expect(xlsxTemps()).toEqual([]);
  });

  it('refuses a sheet that repeats a long shared string far beyond its own size', async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>0</v></c></row>`,
    );
    const bomb = saved(
      zipFile(
        xlsxParts(`${SHEET_HEAD}<sheetData>${rows.join('')}</sheetData></worksheet>`, {
          strings: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${noise(100_000)}</t></si></sst>`,
        }),
      ),
    );
    const read: string[][] = [];
    const run = async () => {
      for await (const row of xlsxRows(bomb, { bytes: 0, lastRow: null }, scratch)) read.push(row);
    };
    await expect(run()).rejects.toBeInstanceOf(ZipBombError);
    // Stopped at the budget (32 M characters and 200 per character of XML), not at the end of the sheet.
    expect(read.length).toBeLessThan(400);
  });

  it('refuses an archive of too many entries', async () => {
    const parts = xlsxParts(`${SHEET_HEAD}<sheetData/></worksheet>`);
    for (let i = 0; i <= ZIP_LIMITS.entries; i++) parts.push({ name: `x/${i}`, data: '' });
    await expect(rowsOf(saved(zipFile(parts)))).rejects.toBeInstanceOf(ZipBombError);
  });
});
