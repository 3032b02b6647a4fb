import fc from 'fast-check';
import { type DrillResult, describe, is2xx, is5xx, tally } from './drill';
import { type Answer, inBatches, jsonOf } from './http';
import { fillPath, type JsonSchema, label, type Operation, sample } from './openapi';
import { realPath } from './real-ids';
import type { World } from './world';

/**
 * Injection (issue 4, bad input): known attack strings and fast-check's arbitrary strings in every query
 * parameter of every GET route with parameters, and in every text field of a new lead. Each answer is a 4xx
 * or a 2xx, never a 5xx; a search for an SQL fragment finds nothing; a lead that was stored reads back
 * exactly as sent (less the surrounding whitespace the contract trims). Unknown query fields and unknown
 * sort keys are a 400.
 */

const PARALLEL = 6;
const MADE_UP_ID = '01900000-0000-7000-8000-00000000d111';
const ARBITRARY_PER_PARAM = 4;
const ARBITRARY_PER_FIELD = 12;

const SQL_LIKE = [
  "' OR 1=1--",
  "'; DROP TABLE leads;--",
  '" OR ""="',
  '1) OR (1=1',
  "%' AND 1=0 UNION SELECT NULL,version()--",
  '\\',
  '%_%',
];

/** Known payloads: SQL-like, NUL, a lone surrogate, confusables, bidirectional overrides, very long. */
export const PAYLOADS: { name: string; value: string }[] = [
  ...SQL_LIKE.map((value) => ({ name: 'sql', value })),
  { name: 'nul', value: 'before\u0000after' },
  { name: 'lone surrogate', value: 'half \ud800 a pair' },
  { name: 'confusable', value: 'аdmin ｓｃｏｒｅ ΑΒΓ ᴀᴅᴍɪɴ' },
  { name: 'rtl override', value: 'invoice\u202Egpj.exe\u202C \u200F\u2066x\u2069' },
  { name: 'zero width', value: '\ufeffzero\u200bwidth\u200d' },
  { name: 'markup', value: '<script>alert(1)</script>$\u{7b}7*7}{{7*7}}' },
  { name: 'path', value: '../../../../etc/passwd' },
  { name: 'numbers', value: '-1e309' },
  { name: 'emoji', value: '😀👩‍👩‍👧‍👦🇨🇳' },
  { name: 'long 100k', value: 'x'.repeat(100_000) },
];

/** Percent-encodes every byte of the UTF-8 form (a lone surrogate becomes U+FFFD, as a browser sends it). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Query strings no well-behaved client sends: bytes that are not UTF-8, a cut-off escape. */
const RAW_QUERY_VALUES = ['%FF%FE', '%E0%A4%A', '%ED%A0%80', '%', '%%32%30'];

function arbitraryStrings(count: number, seed: number): string[] {
  return fc.sample(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc
        .tuple(fc.constantFrom(...SQL_LIKE, '\u202E', '\u0000', '\ud800', 'ｓ'), fc.string({ maxLength: 10 }))
        .map(([a, b]) => `${b}${a}${b}`),
    ),
    { numRuns: count, seed },
  );
}

type Page = { items?: unknown[] };

/** A path value of the right form when tenant A has no record there (a day for a day, an id for an id). */
const madeUpValue = (op: Operation, param: string) =>
  op.byId ? MADE_UP_ID : String(sample(op.pathSchemas[param] ?? {}, () => undefined));

export async function injectionDrill(world: World, operations: Operation[]): Promise<DrillResult> {
  const t = tally('injection');
  const { client } = world;
  const admin = world.a.admin.session;
  const seed = Number(process.env.DRILLS_SEED ?? Date.now() % 1_000_000);

  // 1. Query parameters of every GET route that has them, as the tenant's admin (who may call them all).
  const routes = operations.filter(
    (op) => op.method === 'GET' && op.query.length > 0 && op.path.startsWith('/api/v1/'),
  );
  const calls: { op: Operation; path: string; sql: boolean; what: string }[] = [];
  let s = seed;
  const madeUp: string[] = [];
  for (const op of routes) {
    // Without a record to aim at, a made-up id still takes the query through validation to the handler.
    const base =
      (await realPath(world, op)) ??
      fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, madeUpValue(op, p)])));
    if (op.pathParams.length > 0 && !(await realPath(world, op))) madeUp.push(label(op));
    const sep = base.includes('?') ? '&' : '?';
    for (const param of op.query) {
      const values = [
        ...PAYLOADS.map((p) => ({ what: p.name, value: encode(p.value), sql: SQL_LIKE.includes(p.value) })),
        ...RAW_QUERY_VALUES.map((value) => ({ what: 'raw bytes', value, sql: false })),
        ...arbitraryStrings(ARBITRARY_PER_PARAM, s++).map((v) => ({
          what: 'fast-check',
          value: encode(v),
          sql: false,
        })),
      ];
      for (const v of values) {
        calls.push({
          op,
          path: `${base}${sep}${param.name}=${v.value}`,
          sql: v.sql && param.name === 'q',
          what: v.what,
        });
      }
    }
    calls.push({ op, path: `${base}${sep}drillUnknownField=1`, sql: false, what: 'unknown field' });
    if (op.query.some((q) => q.name === 'sort')) {
      for (const key of ['passwordHash', '-tenant_id', 'id;DROP TABLE leads', 'createdAt,companyName']) {
        calls.push({ op, path: `${base}${sep}sort=${encode(key)}`, sql: false, what: 'unknown sort' });
      }
    }
  }
  // Node refuses a request line over 16 KB (431) and may close the connection before the client reads
  // the answer: for such a request a reset connection is the refusal.
  let cutOff = 0;
  await inBatches(calls, PARALLEL, async ({ op, path, sql, what }) => {
    let answer: Answer;
    try {
      answer = await client.call(admin, { method: 'GET', path });
    } catch (error) {
      const reset = /ECONNRESET|EPIPE/.test(String(error));
      if (reset && path.length > 16_384) cutOff += 1;
      t.check(
        reset && path.length > 16_384,
        () => `${label(op)} ${what}: GET ${path.slice(0, 100)}… ${error}`,
      );
      return;
    }
    if (what === 'unknown field' || what === 'unknown sort') {
      t.check(answer.status === 400, () => `${what}: ${describe('GET', path, answer)}`);
      return;
    }
    const found = sql && is2xx(answer) ? (jsonOf<Page>(answer)?.items?.length ?? 0) : 0;
    t.check(
      !is5xx(answer) && answer.status !== 0 && found === 0,
      () => `${label(op)} ${what}: ${describe('GET', path, answer)}${found ? ` (${found} items found)` : ''}`,
    );
  });

  // 2. Every text field of a new lead: refused, or stored exactly (trimmed, as the contract says).
  const createOp = operations.find((op) => op.method === 'POST' && op.path === '/api/v1/leads');
  const fields = createOp?.body ? textFields(createOp.body) : [];
  t.check(fields.length >= 8, () => `only ${fields.length} text fields found in the lead's create body`);
  const bodies: { field: string[]; value: string; what: string }[] = [];
  for (const field of fields) {
    for (const p of PAYLOADS) bodies.push({ field, value: p.value, what: p.name });
    for (const value of arbitraryStrings(ARBITRARY_PER_FIELD, s++))
      bodies.push({ field, value, what: 'fast-check' });
  }
  let stored = 0;
  await inBatches(bodies, PARALLEL, async ({ field, value, what }) => {
    const body = withField({ companyName: `Injection ${world.run}` }, field, value);
    const answer = await client.call(admin, { method: 'POST', path: '/api/v1/leads', body });
    const id = jsonOf<{ id?: string }>(answer)?.id;
    if (!is2xx(answer) || !id) {
      t.check(
        answer.status >= 400 && answer.status < 500,
        () =>
          `lead ${field.join('.')} ${what} ${JSON.stringify(value.slice(0, 40))}: ${describe('POST', '/api/v1/leads', answer)}`,
      );
      return;
    }
    stored += 1;
    const read = jsonOf<Record<string, unknown>>(
      await client.call(admin, { method: 'GET', path: `/api/v1/leads/${id}` }),
    );
    const back = field.reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      read,
    );
    const expected = value.trim() === '' ? [null, '', undefined] : [value.trim()];
    t.check(
      expected.includes(back as string | null | undefined),
      () =>
        `lead ${field.join('.')} ${what}: sent ${JSON.stringify(value.slice(0, 60))}, read back ${JSON.stringify(String(back).slice(0, 60))}`,
    );
  });

  if (madeUp.length > 0) t.note(`no record to aim at, a made-up path value: ${madeUp.join(', ')}`);
  t.note(
    `${calls.length} GET calls on ${routes.length} routes with query parameters (${cutOff} over-long ones cut off ` +
      `by the server); ${bodies.length} lead creations ` +
      `over ${fields.length} text fields (${stored} stored and read back); fast-check seed ${seed}`,
  );
  return t.result();
}

/** Paths of the free-text fields of a body: strings without a format, pattern or enum. */
function textFields(schema: JsonSchema, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const options = prop.anyOf ?? [prop];
    const text = options.find((o) => o.type === 'string' && !o.format && !o.pattern && !o.enum);
    if (text) out.push([...prefix, name]);
    const object = options.find((o) => o.type === 'object' && o.properties);
    if (object && prefix.length === 0) out.push(...textFields(object, [...prefix, name]));
  }
  return out;
}

function withField(body: Record<string, unknown>, field: string[], value: string): Record<string, unknown> {
  const [first, ...rest] = field;
  if (!first) return body;
  if (rest.length === 0) return { ...body, [first]: value };
  const inner = (body[first] as Record<string, unknown> | undefined) ?? {};
  return { ...body, [first]: withField(inner, rest, value) };
}
