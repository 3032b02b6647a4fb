import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type DrillResult, describe, type Tally, tally } from './drill';
import { multipartFile } from './http';
import type { World } from './world';
import { xlsxBombs } from './zip-bomb';

/**
 * Hostile uploads: an SVG and an HTML page carrying script, a GIF/HTML polyglot, file names that climb out of
 * folders or hide their extension, and a file over the size limit. Nothing may render as a page from the
 * app's origin (only the sniffed raster image types are inline, always with nosniff), names travel only as
 * percent-encoded header parameters, nothing is written outside the data folder's store, and an oversized
 * upload is a 413 that leaves no record. An XLSX zip bomb (1 GB of sheet in about 1 MB) is refused at upload
 * from its central directory; the same bomb lying about its size is stopped while inflating, its import
 * failed with the reason.
 */

const LIMIT = 25 * 1024 * 1024;
const BOMB_MB = 1024;
const IMPORT_LIMIT_MS = 60_000;
const ESCAPE_TARGET = '/tmp/closeloop-drill-escaped.txt';

type Stored = { id: string; name: string; contentType: string };

export async function uploadsDrill(world: World, dataDir: string): Promise<DrillResult> {
  const t = tally('hostile uploads');
  const { client, a } = world;
  const who = a.admin.session;

  const upload = async (name: string, content: Buffer | string, type: string) => {
    const answer = await client.call(who, {
      method: 'POST',
      path: '/api/v1/files',
      raw: multipartFile(name, content, type),
    });
    return { answer, stored: answer.status === 201 ? (JSON.parse(answer.text) as Stored) : null };
  };
  const download = (id: string) => client.call(who, { method: 'GET', path: `/api/v1/files/${id}/content` });

  const script = '<script>window.__xss=1</script>';
  const active: [string, Buffer | string, string][] = [
    ['drawing.svg', `<svg xmlns="http://www.w3.org/2000/svg">${script}</svg>`, 'image/svg+xml'],
    ['page.html', `<!doctype html><html><body>${script}</body></html>`, 'text/html'],
    ['photo.png', `<!doctype html>${script}`, 'image/png'],
    ['note.txt', `<html>${script}`, 'text/plain'],
  ];
  for (const [name, content, type] of active) {
    const { answer, stored } = await upload(name, content, type);
    if (!t.check(stored !== null, () => describe('POST', `/api/v1/files (${name})`, answer))) continue;
    const got = await download(stored?.id ?? '');
    const disposition = String(got.headers['content-disposition'] ?? '');
    t.check(
      got.status === 200 &&
        disposition.startsWith('attachment') &&
        got.headers['content-type'] === 'application/octet-stream' &&
        got.headers['x-content-type-options'] === 'nosniff',
      () => `${name} (claimed ${type}) served as ${got.headers['content-type']}; ${disposition}`,
    );
  }

  // A GIF that is also HTML: shown inline only as the image it starts as, and never sniffed into a page.
  const polyglot = Buffer.concat([
    Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
    Buffer.from(script),
  ]);
  const poly = await upload('poly.gif', polyglot, 'text/html');
  if (t.check(poly.stored !== null, () => describe('POST', '/api/v1/files (poly.gif)', poly.answer))) {
    const got = await download(poly.stored?.id ?? '');
    t.check(
      (got.headers['content-type'] === 'image/gif' ||
        got.headers['content-type'] === 'application/octet-stream') &&
        got.headers['x-content-type-options'] === 'nosniff',
      () => `the polyglot was served as ${got.headers['content-type']}`,
    );
  }

  // Names: kept as text, sent back only percent-encoded, never used as a path.
  const names = [
    `../../../../../../..${ESCAPE_TARGET}`,
    '..\\..\\..\\windows\\win.ini',
    '/etc/passwd',
    'invoice\u202Efdp.exe',
    'a";\r\nset-cookie: x=1;.txt',
    '报价单 (最终版).pdf',
  ];
  for (const name of names) {
    const { answer, stored } = await upload(name, 'plain text', 'text/plain');
    if (answer.status === 400) {
      t.check(true, () => '');
      continue;
    }
    if (!t.check(stored !== null, () => describe('POST', '/api/v1/files', answer))) continue;
    const got = await download(stored?.id ?? '');
    const disposition = String(got.headers['content-disposition'] ?? '');
    t.check(
      /^attachment; filename\*=UTF-8''[A-Za-z0-9%._~!*'()-]*$/.test(disposition) &&
        !('x' in cookiesOf(got.headers)),
      () => `the name ${JSON.stringify(name)} came back as "${disposition}"`,
    );
  }
  t.check(!existsSync(ESCAPE_TARGET), () => `an upload name wrote ${ESCAPE_TARGET}`);
  const top = readdirSync(dataDir);
  t.check(
    top.every((entry) => entry === 'files' || entry.startsWith('.')),
    () => `the data folder holds more than the store: ${top.join(', ')}`,
  );
  t.check(
    readdirSync(path.join(dataDir, 'files')).every((tenant) => /^[0-9a-f-]{36}$|^\.tmp$/.test(tenant)),
    () =>
      `the store holds folders that are not tenants: ${readdirSync(path.join(dataDir, 'files')).join(', ')}`,
  );

  // Over the limit: refused whole.
  const big = await upload('huge.bin', Buffer.alloc(LIMIT + 1, 0x61), 'application/octet-stream');
  t.check(big.answer.status === 413, () => describe('POST', '/api/v1/files (limit + 1 byte)', big.answer));
  await zipBombs(world, t);
  t.note(
    `${active.length} script-carrying files, 1 polyglot, ${names.length} hostile names, 1 oversized file, 2 XLSX zip bombs`,
  );
  return t.result();
}

async function zipBombs(world: World, t: Tally): Promise<void> {
  const { client, a } = world;
  const who = a.admin.session;
  const bombs = await xlsxBombs(BOMB_MB, 512 * 1024);
  const importUpload = (name: string, content: Buffer) =>
    client.call(who, { method: 'POST', path: '/api/v1/leads/import', raw: multipartFile(name, content) });

  const honest = await importUpload('bomb.xlsx', bombs.honest);
  t.check(
    honest.status === 400 && honest.text.includes('import_zip_bomb'),
    () =>
      `a ${bombs.honest.length}-byte zip of ${BOMB_MB} MB: ${describe('POST', '/api/v1/leads/import', honest)}`,
  );

  // Past the central directory: refused at upload, or its import fails while inflating, never more.
  const lying = await importUpload('liar.xlsx', bombs.lying);
  if (lying.status === 400) {
    t.check(lying.text.includes('import_zip_bomb'), () => describe('POST', '/api/v1/leads/import', lying));
    t.note('the zip bomb lying about its size was stopped while its preview inflated it');
    return;
  }
  if (!t.check(lying.status === 201, () => describe('POST', '/api/v1/leads/import', lying))) return;
  const id = (JSON.parse(lying.text) as { id: string }).id;
  const started = await client.call(who, {
    method: 'POST',
    path: `/api/v1/leads/import/${id}/start`,
    body: { mapping: { '0': 'companyName' } },
  });
  if (!t.check(started.status === 202, () => describe('POST', `/api/v1/leads/import/${id}/start`, started))) {
    return;
  }
  const deadline = Date.now() + IMPORT_LIMIT_MS;
  let state = { status: 'mapped', error: null as string | null };
  while (Date.now() < deadline && !['done', 'failed', 'cancelled'].includes(state.status)) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const got = await client.call(who, { method: 'GET', path: `/api/v1/leads/import/${id}` });
    if (got.status === 200) state = JSON.parse(got.text) as typeof state;
  }
  t.note('the zip bomb lying about its size passed the preview; its import was stopped while inflating');
  t.check(
    state.status === 'failed' && state.error === 'import_zip_bomb',
    () => `the lying zip bomb's import ended ${JSON.stringify(state)}`,
  );
}

function cookiesOf(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return Object.fromEntries(list.map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]));
}
