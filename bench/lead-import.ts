import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  openAsBlob,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  chooseEntry,
  cleanupAll,
  DEFAULT_PG,
  freshPostgres,
  limitRun,
  onCleanup,
  ROOT,
  reachable,
  rssMb,
  type ServerEntry,
  type Session,
  settle,
  signIn,
  sleep,
  startServer,
  stopChild,
  wasInterrupted,
} from './harness';

/**
 * The lead import goal of issue #3, on PostgreSQL: a generated file of BENCH_IMPORT_ROWS leads (1,000,000 by
 * default; realistic Chinese and English names, companies, mobile and landline numbers, ~2 % bad rows,
 * ~5 % duplicates) goes through the real import path — multipart upload to a server the bench starts,
 * start with the suggested mapping, the background job, until the import is done — and is compared with
 * a raw `COPY` of the same file into a bare table with the same columns in the same database. Goals:
 * import ≥ 40 % of COPY's rows/s, server peak RSS (VmHWM) ≤ 300 MB.
 *
 * Run alone with `node --import tsx bench/lead-import.ts`, or after the platform bench with
 * `npm run bench -- --import`. Writes bench/results/lead-import.json.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'lead-import.json');
export const GOALS = { copyRatio: 0.4, peakRssMb: 300 };
const HEADERS = ['公司名称', '联系人', '职务', '手机', '邮箱', '地区', '行业', '公司规模', '来源', '备注'];

/** Rows asked for: `--import[=N]` on the command line or BENCH_IMPORT_ROWS; null when not asked for. */
export function importRowsRequested(argv = process.argv, env = process.env): number | null {
  const flag = argv.find((a) => a === '--import' || a.startsWith('--import='));
  if (!flag && !env.BENCH_IMPORT_ROWS) return null;
  const raw = flag?.includes('=') ? flag.split('=')[1] : env.BENCH_IMPORT_ROWS;
  const rows = Number(raw ?? 1_000_000);
  return Number.isInteger(rows) && rows > 0 ? rows : 1_000_000;
}

/** Time to allow for a run of this many rows (generous: the machine may be slow or shared). */
export function importRunLimitMs(rows: number): number {
  return 5 * 60_000 + rows * 3;
}

// ---------------------------------------------------------------------------------------------------------
// The file: deterministic (mulberry32 from a fixed seed), so every run imports the same rows.

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红晓东海波辉鹏宇婷雪琳浩然子涵欣怡俊杰',
];
const FIRST = [
  'James',
  'Mary',
  'Kevin',
  'Priya',
  'Daniel',
  'Sophie',
  'Wei',
  'Grace',
  'Lucas',
  'Emma',
  'Arjun',
  'Olivia',
];
const LAST = [
  'Smith',
  'Tan',
  'Nair',
  'Müller',
  'Garcia',
  'Wong',
  'Brown',
  'Lee',
  'Rossi',
  'Kim',
  'Chen',
  'Patel',
];
const CITIES = [
  '上海',
  '北京',
  '深圳',
  '杭州',
  '广州',
  '苏州',
  '成都',
  '武汉',
  '南京',
  '西安',
  '天津',
  '宁波',
];
const WORDS = [
  '云帆',
  '星河',
  '恒瑞',
  '华拓',
  '精工',
  '海纳',
  '卓越',
  '天成',
  '博远',
  '新锐',
  '汇通',
  '鼎盛',
  '瑞达',
  '启明',
];
const TRADES = ['科技', '信息技术', '智能制造', '贸易', '医疗器械', '新能源', '物流', '电子'];
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司'];
const EN_COMPANIES = [
  'Acme',
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
];
const EN_SUFFIXES = ['Co., Ltd.', 'Pte. Ltd.', 'Inc.', 'GmbH', 'Limited'];
const TITLES = [
  '采购总监',
  '技术总监',
  '信息部经理',
  'CTO',
  'IT Manager',
  '总经理',
  '运营经理',
  'Head of Procurement',
];
const REGIONS = ['华东', '华南', '华北', '西南', '华中', 'Singapore', 'Hong Kong'];
const INDUSTRIES = ['装备制造', '电子制造', '软件与信息服务', '新能源', '医疗健康', '零售', 'Logistics'];
const SIZES = ['1-19人', '20-99人', '100-499', '500-999人', '1000-4999', '5000人以上', '', '300'];
const SOURCES = ['展会', '官网表单', '转介绍', '百度推广', '陌拜', '合作伙伴', '微信', '内容营销', ''];
const AREAS = ['021', '010', '0755', '0571', '020', '0512', '028'];

type Generated = { rows: number; bad: number; duplicates: number; bytes: number };

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the file row by row (never all in memory); returns how many rows were made bad or duplicate. */
export async function generateFile(file: string, rows: number): Promise<Generated> {
  const next = random(20_250_601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const out = createWriteStream(file);
  out.write(`\ufeff${HEADERS.join(',')}\r\n`);
  const keep: { phone: string; email: string }[] = [];
  let bad = 0;
  let duplicates = 0;
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const chinese = next() < 0.8;
    const contact = chinese
      ? `${pick(SURNAMES)}${pick(GIVEN)}${next() < 0.6 ? pick(GIVEN) : ''}`
      : `${pick(FIRST)} ${pick(LAST)}`;
    const company = chinese
      ? `${pick(CITIES)}${pick(WORDS)}${pick(TRADES)}${pick(SUFFIXES)}`
      : `${pick(EN_COMPANIES)} ${pick(['Systems', 'Trading', 'Robotics', 'Labs'])} ${pick(EN_SUFFIXES)}`;
    const mobile = `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
    let phone =
      next() < 0.75
        ? pick([mobile, `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, `+86 ${mobile}`])
        : `${pick(AREAS)}-${digits(8).replace(/^0/, '6')}${next() < 0.2 ? ' 转 8021' : ''}`;
    let email = `${chinese ? 'user' : pick(FIRST).toLowerCase()}${i}@${pick(['qq.com', '163.com', 'corp.cn', 'example.com'])}`;
    let name = contact;
    let firm = company;
    const roll = next();
    if (roll < 0.02) {
      // Bad rows: an unreadable email, an unreadable phone, or neither company nor contact.
      bad++;
      const kind = Math.floor(next() * 3);
      if (kind === 0) email = email.replace('@', '#');
      else if (kind === 1) phone = `${digits(4)}-${digits(2)}`;
      else {
        name = '';
        firm = '';
      }
    } else if (roll < 0.07 && keep.length > 0) {
      // Duplicates: the email or phone of an earlier row, as the same person arrives from two lists.
      duplicates++;
      const earlier = pick(keep);
      if (next() < 0.5) email = earlier.email;
      else phone = earlier.phone;
    } else if (keep.length < 50_000) {
      keep.push({ phone, email });
    } else if (next() < 0.01) {
      keep[Math.floor(next() * keep.length)] = { phone, email };
    }
    const row = [
      firm,
      name,
      pick(TITLES),
      phone,
      email,
      pick(REGIONS),
      pick(INDUSTRIES),
      pick(SIZES),
      pick(SOURCES),
      next() < 0.3 ? `第${i}行：展会上交换名片，关注私有化部署和报价` : '',
    ];
    chunk += `${row.map(csvCell).join(',')}\r\n`;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { rows, bad, duplicates, bytes: statSync(file).size };
}

// ---------------------------------------------------------------------------------------------------------
// The reference: COPY of the same file, through the same driver, into a table with the same columns.

/**
 * A minimal COPY FROM STDIN for node-postgres (its Submittable interface): the file is sent as CopyData
 * chunks, with the socket's backpressure respected. Resolves with the rows COPY reports.
 */
function copyFrom(client: pg.Client, sql: string, file: string): Promise<number> {
  type Connection = {
    query(text: string): void;
    sendCopyFromChunk(chunk: Buffer): void;
    endCopyFrom(): void;
    sendCopyFail(message: string): void;
    stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  };
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed: Error | null = null;
    const submittable = {
      submit(connection: Connection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: Connection) {
        void (async () => {
          try {
            for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
              connection.sendCopyFromChunk(chunk as Buffer);
              if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
            }
            connection.endCopyFrom();
          } catch (error) {
            connection.sendCopyFail(error instanceof Error ? error.message : String(error));
          }
        })();
      },
      handleCommandComplete(msg: { text?: string }) {
        rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
      },
      handleError(error: Error) {
        failed = error;
      },
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve(rows);
      },
    };
    client.query(submittable as unknown as pg.QueryConfig);
  });
}

async function copyReference(url: string, file: string): Promise<{ ms: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE bench_copy (company_name text, contact_name text, title text, phone text, email text,
                                region text, industry text, company_size text, source text, notes text)`,
    );
    const started = performance.now();
    const rows = await copyFrom(client, 'COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)', file);
    const ms = performance.now() - started;
    await client.query('DROP TABLE bench_copy');
    return { ms, rows };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The import path, through the HTTP API of a running server.

type ImportState = {
  id: string;
  status: string;
  processedRows: number;
  imported: number;
  skipped: number;
  error: string | null;
  suggestedMapping: Record<string, { field: string }>;
};

async function api(base: string, session: Session, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as ImportState;
}

async function importPath(base: string, session: Session, file: string, pid: number, limitMs: number) {
  let peakSampleMb = 0;
  const sampler = setInterval(() => {
    peakSampleMb = Math.max(peakSampleMb, rssMb(pid));
  }, 500);
  try {
    const started = performance.now();
    const form = new FormData();
    form.append('file', await openAsBlob(file, { type: 'text/csv' }), 'bench-leads.csv');
    const res = await fetch(`${base}/api/v1/leads/import`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: form,
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${text}`);
    const uploaded = JSON.parse(text) as ImportState;
    const uploadMs = performance.now() - started;
    const mapping = Object.fromEntries(
      Object.entries(uploaded.suggestedMapping).map(([i, s]) => [i, s.field]),
    );
    await api(base, session, 'POST', `/api/v1/leads/import/${uploaded.id}/start`, { mapping });
    const deadline = Date.now() + limitMs;
    let state = uploaded;
    let shown = 0;
    while (!['done', 'failed', 'cancelled'].includes(state.status)) {
      if (Date.now() > deadline) throw new Error(`the import did not finish in ${limitMs / 1000} s`);
      await sleep(500);
      state = await api(base, session, 'GET', `/api/v1/leads/import/${uploaded.id}`);
      if (state.processedRows - shown >= 50_000) {
        shown = state.processedRows;
        const s = (performance.now() - started) / 1000;
        process.stdout.write(`\rimport: ${shown.toLocaleString('en-US')} rows (${Math.round(s)} s)`);
      }
    }
    process.stdout.write('\n');
    if (state.status !== 'done') throw new Error(`the import ended ${state.status}: ${state.error ?? ''}`);
    return { ms: performance.now() - started, uploadMs, state, peakSampleMb };
  } finally {
    clearInterval(sampler);
  }
}

export type ImportBench = {
  rows: number;
  fileMb: number;
  generated: Generated;
  copy: { ms: number; rowsPerSec: number };
  import: { ms: number; uploadMs: number; rowsPerSec: number; imported: number; skipped: number };
  ratio: number;
  peakRssMb: number;
};

export type ImportGoal = { engine: 'postgres'; goal: string; value: string; target: string; pass: boolean };

export function goalsOf(r: ImportBench): ImportGoal[] {
  return [
    {
      engine: 'postgres',
      goal: `lead import of ${r.rows.toLocaleString('en-US')} rows vs COPY of the same file, rows/s`,
      value: `${(r.ratio * 100).toFixed(1)} %`,
      target: `>= ${GOALS.copyRatio * 100} %`,
      pass: r.ratio >= GOALS.copyRatio,
    },
    {
      engine: 'postgres',
      goal: 'server peak RSS (VmHWM) during the import',
      value: `${r.peakRssMb} MB`,
      target: `<= ${GOALS.peakRssMb} MB`,
      pass: r.peakRssMb <= GOALS.peakRssMb,
    },
  ];
}

/** The whole workload on a fresh PostgreSQL database and a server of its own. */
export async function benchLeadImport(
  entry: ServerEntry,
  rows: number,
  adminUrl: string,
): Promise<ImportBench> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-import-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'leads.csv');
  console.log(`\n== lead import (postgres, ${rows.toLocaleString('en-US')} rows) ==`);
  const generated = await generateFile(file, rows);
  console.log(
    `file: ${(generated.bytes / 1048576).toFixed(1)} MB, ${generated.bad} bad rows, ${generated.duplicates} duplicates`,
  );
  const url = await freshPostgres(adminUrl);
  const server = await startServer(entry, 'postgres', path.join(dir, 'data'), url);
  try {
    const session = await signIn(server.base);
    await settle(server.child.pid);
    console.log('COPY of the same file into a bare table…');
    const copy = await copyReference(url, file);
    if (copy.rows !== rows) throw new Error(`COPY loaded ${copy.rows} rows, expected ${rows}`);
    console.log('import through the API…');
    const run = await importPath(server.base, session, file, server.child.pid, importRunLimitMs(rows));
    const peakRssMb = Math.max(rssMb(server.child.pid, 'VmHWM'), run.peakSampleMb);
    if (run.state.imported + run.state.skipped !== rows) {
      throw new Error(`imported ${run.state.imported} + skipped ${run.state.skipped} is not ${rows}`);
    }
    const copyRate = rows / (copy.ms / 1000);
    const importRate = rows / (run.ms / 1000);
    return {
      rows,
      fileMb: Math.round((generated.bytes / 1048576) * 10) / 10,
      generated,
      copy: { ms: Math.round(copy.ms), rowsPerSec: Math.round(copyRate) },
      import: {
        ms: Math.round(run.ms),
        uploadMs: Math.round(run.uploadMs),
        rowsPerSec: Math.round(importRate),
        imported: run.state.imported,
        skipped: run.state.skipped,
      },
      ratio: Math.round((importRate / copyRate) * 1000) / 1000,
      peakRssMb,
    };
  } finally {
    await stopChild(server.child);
  }
}

export function printImport(r: ImportBench): void {
  console.log(`\nlead import, PostgreSQL, ${r.rows.toLocaleString('en-US')} rows (${r.fileMb} MB)`);
  console.log(
    `  COPY into a bare table      ${String(r.copy.rowsPerSec).padStart(8)} rows/s  (${r.copy.ms} ms)`,
  );
  console.log(
    `  import: upload, job, done   ${String(r.import.rowsPerSec).padStart(8)} rows/s  (${r.import.ms} ms, upload ${r.import.uploadMs} ms)  vs COPY ${(r.ratio * 100).toFixed(1)} %`,
  );
  console.log(
    `  imported ${r.import.imported}, skipped ${r.import.skipped} (file: ${r.generated.bad} bad rows, ${r.generated.duplicates} duplicates)`,
  );
  console.log(`  server peak RSS (VmHWM) ${r.peakRssMb} MB`);
}

async function main(): Promise<number> {
  const rows = importRowsRequested() ?? 1_000_000;
  limitRun(importRunLimitMs(rows) + 5 * 60_000);
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_PG;
  if (!(await reachable(adminUrl))) {
    console.error(`bench lead import needs PostgreSQL; ${new URL(adminUrl).host} is not reachable`);
    return 1;
  }
  const { entry } = await chooseEntry();
  const result = await benchLeadImport(entry, rows, adminUrl);
  printImport(result);
  const goals = goalsOf(result);
  console.log('\nGoals');
  for (const g of goals)
    console.log(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.value} (goal ${g.target})`);
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, loadAverage: os.loadavg(), result, goals }, null, 2)}\n`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    if (!wasInterrupted()) {
      console.error(
        'bench lead import failed:',
        error instanceof Error ? (error.stack ?? error.message) : error,
      );
    }
  } finally {
    await cleanupAll();
  }
  process.exit(wasInterrupted() ? 130 : code);
}
