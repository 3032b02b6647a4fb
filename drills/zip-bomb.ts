import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * An XLSX zip bomb for the upload drill: a well-formed one-sheet workbook whose sheet holds a cell of
 * `inflatedMb` megabytes of one letter (1 GB deflates to about 1 MB). `statedSheetBytes` makes the zip lie about the sheet's
 * size, the way a crafted bomb slips past a check of the central directory alone.
 */

type Part = { name: string; packed: Buffer; crc: number; size: number };

function small(name: string, text: string): Part {
  const data = Buffer.from(text);
  return { name, packed: deflateRawSync(data), crc: crc32(data), size: data.length };
}

async function repeatedSheet(inflatedMb: number): Promise<Part> {
  // Rows enough for a preview (with no company or contact: skipped, never imported), then one cell of a
  // single repeated letter, what deflate shrinks the most (about a thousandfold).
  const filler = Array.from(
    { length: 30 },
    (_, i) => `<row><c r="B${i + 2}" t="inlineStr"><is><t>note ${i}</t></is></c></row>`,
  ).join('');
  const head = Buffer.from(
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>company</t></is></c><c t="inlineStr"><is><t>note</t></is></c></row>${filler}<row><c t="inlineStr"><is><t>`,
  );
  const tail = Buffer.from('</t></is></c></row></sheetData></worksheet>');
  const block = Buffer.alloc(1024 * 1024, 'A');
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.once('end', resolve);
    deflate.once('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(head);
  for (let i = 0; i < inflatedMb; i++) await write(block);
  await write(tail);
  deflate.end();
  await ended;
  return { name: 'xl/worksheets/sheet1.xml', packed: Buffer.concat(out), crc, size };
}

function zip(parts: readonly Part[], statedSize: (part: Part) => number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const header = (signature: number, length: number, fields: [number, number, 2 | 4][]) => {
      const b = Buffer.alloc(length);
      b.writeUInt32LE(signature, 0);
      for (const [at, value, width] of fields) {
        if (width === 2) b.writeUInt16LE(value, at);
        else b.writeUInt32LE(value, at);
      }
      return b;
    };
    const size = statedSize(part);
    locals.push(
      header(0x04034b50, 30, [
        [4, 20, 2],
        [8, 8, 2],
        [14, part.crc, 4],
        [18, part.packed.length, 4],
        [22, size, 4],
        [26, name.length, 2],
      ]),
      name,
      part.packed,
    );
    centrals.push(
      header(0x02014b50, 46, [
        [4, 20, 2],
        [6, 20, 2],
        [10, 8, 2],
        [16, part.crc, 4],
        [20, part.packed.length, 4],
        [24, size, 4],
        [28, name.length, 2],
        [42, offset, 4],
      ]),
      name,
    );
    offset += 30 + name.length + part.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The same bomb twice: with its true sizes, and with the sheet stated at `statedSheetBytes`. */
export async function xlsxBombs(
  inflatedMb: number,
  statedSheetBytes: number,
): Promise<{ honest: Buffer; lying: Buffer }> {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts = [
    small(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    small(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    small(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    await repeatedSheet(inflatedMb),
  ];
  const isSheet = (p: Part) => p.name === 'xl/worksheets/sheet1.xml';
  return {
    honest: zip(parts, (p) => p.size),
    lying: zip(parts, (p) => (isSheet(p) ? statedSheetBytes : p.size)),
  };
}
