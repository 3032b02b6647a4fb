import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import {
  ADMIN,
  chooseEntry,
  cleanupAll,
  cpuTicks,
  DEFAULT_PG,
  freshPostgres,
  limitRun,
  onCleanup,
  ROOT,
  reachable,
  rssMb,
  settle,
  sleep,
  spawnChild,
  startServer,
  stopChild,
  wasInterrupted,
} from './harness';

/**
 * `npm run bench:mixed`: the Load goal of issue #4. On a fresh PostgreSQL database, the real server, two
 * companies with ten reps each and 100,000 leads (MIXED_LEADS); then an open-loop load at a fixed arrival
 * rate (MIXED_RATE, default 1,000/s) for MIXED_MINUTES (default 10): 70 % reads, 25 % writes, 5 % lists and
 * searches, spread over the 20 reps' sessions. Per minute: p50/p99 of reads, writes and lists, errors and the
 * server's RSS. Before it, a short step search bisects the highest rate that still meets the latency goals.
 * Writes bench/results/mixed-load.json. See bench/README.md.
 */

const RESULTS = path.join(ROOT, 'bench', 'results', 'mixed-load.json');
const TABLE = path.join(ROOT, 'bench', 'results', 'mixed-load.txt');
const MINUTES = whole('MIXED_MINUTES', 10, 1);
const LEADS = whole('MIXED_LEADS', 100_000, 200);
const RATE_SETTING = process.env.MIXED_RATE ?? '1000';
const STEPS = whole('MIXED_STEPS', 5, 0);
const STEP_SECONDS = whole('MIXED_STEP_SECONDS', 30, 1);
const REPS_PER_TENANT = 10;
const PASSWORD = 'bench-password-1234';
const GOALS = { readP99Ms: 25, writeP99Ms: 60, rssGrowthPct: 10 };
const SEARCH = { low: 50, high: 1000 };
/** Requests on the wire at once; more wait in the scheduler's queue, their wait counted in their latency. */
const MAX_IN_FLIGHT = 128;
/** Past this many seconds of backlog a request is not sent but counted as an error: the server fell behind. */
const MAX_BACKLOG_S = 2;
const REQUEST_TIMEOUT_MS = 10_000;
/** The first seconds of each step are a warm-up at the step's rate, not counted. */
const STEP_WARMUP_S = 5;

/** A whole number from the environment, at least `min` (every lead-owning rep needs a few leads: 200). */
function whole(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench:mixed: ${name} must be a whole number of at least ${min}, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

const mainRate = (): number | 'auto' => {
  if (RATE_SETTING === 'auto') return 'auto';
  const rate = Number(RATE_SETTING);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`MIXED_RATE must be a rate or "auto", got "${RATE_SETTING}"`);
  return rate;
};

// Set-up (start, sign-ins, seeding) takes a few minutes at most; then the steps and the run, with a margin.
limitRun(
  10 * 60_000 + Math.max(0, STEPS) * (STEP_WARMUP_S + STEP_SECONDS + 20) * 1000 + MINUTES * 60_000 * 1.2,
);

// ---------------------------------------------------------------------------------------------------------
// The companies and their reps, made through the product's own doors.

type Rep = {
  tenant: 'A' | 'B';
  userId: string;
  cookie: string;
  csrf: string;
  /** Every lead the rep owns: read at random. */
  leads: { id: string; phone: string; email: string }[];
  /** Leads only this rep's PATCHes change, with the version last seen; `busy` while a PATCH is out. */
  editable: { id: string; version: number; busy: boolean }[];
  /** Leads that only get activities (which bump the version, so never PATCHed here). */
  logged: string[];
  nextEdit: number;
};

type Signed = { userId: string; cookie: string; csrf: string; tenantId: string };

async function signedOf(res: Response, what: string): Promise<Signed> {
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  const me = JSON.parse(text) as { user: { id: string }; tenant: { id: string }; csrfToken: string | null };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('cl_session='));
  if (!cookie || !me.csrfToken) throw new Error(`${what}: no session cookie or CSRF token`);
  return { userId: me.user.id, cookie, csrf: me.csrfToken, tenantId: me.tenant.id };
}

const login = (base: string, email: string, password: string) =>
  fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  }).then((res) => signedOf(res, `sign-in of ${email}`));

async function inviteRep(base: string, admin: Signed, email: string): Promise<Signed> {
  const res = await fetch(`${base}/api/v1/users/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: JSON.stringify({ email, name: email.split('@')[0], role: 'rep' }),
  });
  const text = await res.text();
  if (res.status !== 201)
    throw new Error(`invitation of ${email} answered ${res.status}: ${text.slice(0, 300)}`);
  const token =
    new URL((JSON.parse(text) as { inviteUrl: string }).inviteUrl).searchParams.get('token') ?? '';
  return signedOf(
    await fetch(`${base}/api/v1/auth/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: PASSWORD }),
    }),
    `acceptance of ${email}`,
  );
}

/** Company B through the CLI, as an operator adds a company; A is the server's first company. */
async function addCompanyB(databaseUrl: string, dataDir: string, email: string): Promise<void> {
  const child = spawnChild(
    ['bin/closeloop.js', 'create-admin', '--email', email, '--password', PASSWORD, '--company', 'Bench B'],
    { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  );
  const code = await child.exited;
  if (code !== 0) throw new Error(`closeloop create-admin exited with ${code}:\n${child.output()}`);
}

/**
 * The leads of one company in set-based INSERTs (as bench:leads does; 100,000 API creates would take longer
 * than the load itself), owned in turn by its reps. Deadlines already past are marked breached, as the
 * minute sweep would have done, so the run does not start with a sweep over every seeded lead.
 */
async function seedLeads(db: pg.Client, tenantId: string, repIds: string[], from: number, to: number) {
  const step = 25_000;
  for (let start = from; start <= to; start += step) {
    await db.query(
      `INSERT INTO leads (tenant_id, id, company_name, contact_name, title, phone, email, region, industry,
                          company_size, source, grade, status, score, owner_id, phone_norm, email_norm,
                          company_norm, assigned_at, sla_due_at, sla_breached_at, created_at, updated_at,
                          status_changed_at)
       SELECT $1, gen_random_uuid(),
              '上海' || (ARRAY['云帆','星河','恒瑞','华拓','精工'])[1 + g % 5] || '科技有限公司 ' || g,
              (ARRAY['张伟','王芳','李娜','刘洋','陈静','Priya Nair','Kevin Tan'])[1 + g % 7],
              (ARRAY['采购总监','技术总监','信息部经理','工程师','CTO'])[1 + g % 5],
              '138' || lpad(g::text, 8, '0'),
              'lead' || g || '@mixed.example',
              (ARRAY['华东','华南','华北','Singapore'])[1 + g % 4],
              (ARRAY['装备制造','电子制造','软件与信息服务','新能源'])[1 + (g / 7) % 4],
              (ARRAY['1-19','20-99','100-499','500-999','1000-4999','5000+'])[1 + g % 6],
              (ARRAY['event','content','online_ad','partner_referral','customer_referral','social','cold_outreach','website_form'])[1 + (g / 3) % 8],
              (ARRAY['A','B','C',NULL])[1 + (g / 11) % 4],
              (ARRAY['new','contacted','nurturing','mql','sql','disqualified','archived'])[1 + (g / 13) % 7],
              ((g::bigint * 7919) % 100)::int,
              ($2::uuid[])[1 + g % ${repIds.length}],
              '+86138' || lpad(g::text, 8, '0'),
              'lead' || g || '@mixed.example',
              '上海科技' || g,
              now() - make_interval(days => g % 180),
              now() - make_interval(days => g % 180) + interval '24 hours',
              CASE WHEN g % 180 > 0 THEN now() - make_interval(days => g % 180) + interval '24 hours' END,
              now() - make_interval(days => g % 180, secs => g % 86400),
              now() - make_interval(days => g % 180, secs => g % 86400),
              now() - make_interval(days => g % 180)
         FROM generate_series($3::int, $4::int) g`,
      [tenantId, repIds, start, Math.min(to, start + step - 1)],
    );
  }
}

async function setUp(base: string, databaseUrl: string, dataDir: string): Promise<Rep[]> {
  const adminA = await login(base, ADMIN.email, ADMIN.password);
  const emailB = 'admin-b@mixed.example';
  await addCompanyB(databaseUrl, dataDir, emailB);
  const adminB = await login(base, emailB, PASSWORD);
  const signed: { tenant: 'A' | 'B'; rep: Signed }[] = [];
  for (const [tenant, admin] of [
    ['A', adminA],
    ['B', adminB],
  ] as const) {
    for (let i = 1; i <= REPS_PER_TENANT; i++) {
      signed.push({
        tenant,
        rep: await inviteRep(base, admin, `rep${i}-${tenant.toLowerCase()}@mixed.example`),
      });
    }
  }
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const started = Date.now();
    const half = Math.floor(LEADS / 2);
    for (const [tenant, admin, from, to] of [
      ['A', adminA, 1, half],
      ['B', adminB, half + 1, LEADS],
    ] as const) {
      const repIds = signed.filter((s) => s.tenant === tenant).map((s) => s.rep.userId);
      await seedLeads(db, admin.tenantId, repIds, from, to);
    }
    await db.query('ANALYZE');
    console.log(
      `seed: ${LEADS.toLocaleString('en-US')} leads in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    const rows = await db.query<{
      id: string;
      owner_id: string;
      phone: string;
      email: string;
      version: number;
    }>('SELECT id, owner_id, phone, email, version FROM leads ORDER BY created_at DESC');
    const byOwner = new Map<string, typeof rows.rows>();
    for (const row of rows.rows) {
      const list = byOwner.get(row.owner_id) ?? [];
      list.push(row);
      byOwner.set(row.owner_id, list);
    }
    return signed.map(({ tenant, rep }) => {
      const own = byOwner.get(rep.userId) ?? [];
      // Disjoint sets, so that an activity's version bump never makes a PATCH of this bench stale.
      const editable = own.filter((_, i) => i % 4 === 0).slice(0, 500);
      const logged = own.filter((_, i) => i % 4 === 1).slice(0, 500);
      return {
        tenant,
        userId: rep.userId,
        cookie: rep.cookie,
        csrf: rep.csrf,
        leads: own.map((r) => ({ id: r.id, phone: r.phone, email: r.email })),
        editable: editable.map((r) => ({ id: r.id, version: r.version, busy: false })),
        logged: logged.map((r) => r.id),
        nextEdit: 0,
      };
    });
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The mix and the open-loop scheduler.

type Kind = 'read' | 'write' | 'list';

type Op = {
  name: string;
  kind: Kind;
  weight: number;
  /** The request to send for a rep, or null when there is nothing to do (no free lead to edit). */
  make: (rep: Rep, n: number) => Planned | null;
};

type Planned = {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: number;
  /** Sees the answer's status and body (version tracking), and what happens after it. */
  done?: (status: number, body: string) => void;
};

/** Deterministic pseudo-random numbers (mulberry32), so two runs send the same mix. */
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

const rand = random(4);
const pick = <T>(items: T[]): T | undefined => items[Math.floor(rand() * items.length)];

/** A GET of an editable lead tells its current version: keep the highest seen (answers may cross). */
function seeVersion(rep: Rep, body: string): void {
  const lead = JSON.parse(body) as { id?: string; version?: number };
  const edit = rep.editable.find((e) => e.id === lead.id);
  if (edit && typeof lead.version === 'number' && lead.version > edit.version) edit.version = lead.version;
}

const OPS: Op[] = [
  {
    name: 'GET lead',
    kind: 'read',
    weight: 35,
    make: (rep, n) => {
      // One read in four opens a lead the rep edits, as a rep opens a lead before changing it.
      const id = n % 4 === 0 ? pick(rep.editable)?.id : pick(rep.leads)?.id;
      if (!id) return null;
      const editable = n % 4 === 0;
      return {
        method: 'GET',
        path: `/api/v1/leads/${id}`,
        expect: 200,
        ...(editable
          ? { done: (status: number, body: string) => status === 200 && seeVersion(rep, body) }
          : {}),
      };
    },
  },
  {
    name: 'GET lead timeline',
    kind: 'read',
    weight: 15,
    make: (rep) => {
      const id = pick(rep.logged);
      return id ? { method: 'GET', path: `/api/v1/leads/${id}/timeline?limit=20`, expect: 200 } : null;
    },
  },
  {
    name: 'GET me',
    kind: 'read',
    weight: 10,
    make: () => ({ method: 'GET', path: '/api/v1/me', expect: 200 }),
  },
  {
    name: 'GET notifications',
    kind: 'read',
    weight: 10,
    make: () => ({ method: 'GET', path: '/api/v1/notifications?limit=20', expect: 200 }),
  },
  {
    name: 'PATCH lead (If-Match)',
    kind: 'write',
    weight: 12,
    make: (rep, n) => {
      // The next lead no PATCH of this bench is changing: two at once on one lead would be a real 412.
      let edit: Rep['editable'][number] | undefined;
      for (let tries = 0; tries < rep.editable.length && !edit; tries++) {
        const candidate = rep.editable[rep.nextEdit++ % rep.editable.length];
        if (candidate && !candidate.busy) edit = candidate;
      }
      if (!edit) return null;
      const target = edit;
      target.busy = true;
      return {
        method: 'PATCH',
        path: `/api/v1/leads/${target.id}`,
        headers: { 'if-match': `"${target.version}"` },
        body: {
          title: ['采购总监', '技术总监', '信息部经理', '工程师'][n % 4],
          region: ['华东', '华南', '华北'][n % 3],
        },
        expect: 200,
        done: (status, body) => {
          target.busy = false;
          if (status === 200) {
            const lead = JSON.parse(body) as { version?: number };
            if (typeof lead.version === 'number') target.version = Math.max(target.version, lead.version);
          }
        },
      };
    },
  },
  {
    name: 'POST lead',
    kind: 'write',
    weight: 6,
    make: (rep, n) => ({
      method: 'POST',
      path: '/api/v1/leads',
      body: {
        companyName: `杭州新建科技有限公司 ${n}`,
        contactName: '赵磊',
        title: '技术总监',
        phone: `139${String(n % 100_000_000).padStart(8, '0')}`,
        email: `new${n}@mixed.example`,
        region: '华东',
        companySize: '1000-4999',
        source: 'event',
        grade: 'B',
        ownerId: rep.userId,
      },
      expect: 201,
    }),
  },
  {
    name: 'POST lead activity',
    kind: 'write',
    weight: 7,
    make: (rep, n) => {
      const id = pick(rep.logged);
      return id
        ? {
            method: 'POST',
            path: `/api/v1/leads/${id}/activities`,
            body: {
              kind: n % 2 === 0 ? 'call' : 'note',
              subject: `跟进 ${n}`,
              body: '客户对方案感兴趣，下周再联系。',
              direction: n % 2 === 0 ? 'outbound' : null,
            },
            expect: 201,
          }
        : null;
    },
  },
  {
    name: 'list: my open leads by score',
    kind: 'list',
    weight: 3,
    make: (_rep, n) => ({
      method: 'GET',
      path:
        n % 2 === 0
          ? '/api/v1/leads?ownerId=me&status=new,contacted,nurturing&sort=-score&limit=50'
          : '/api/v1/leads?grade=A,B&region=%E5%8D%8E%E4%B8%9C&sort=-createdAt&limit=50',
      expect: 200,
    }),
  },
  {
    name: 'search: q by phone or email',
    kind: 'list',
    weight: 2,
    make: (rep, n) => {
      const lead = pick(rep.leads);
      if (!lead) return null;
      const q = n % 2 === 0 ? lead.phone : (lead.email.split('@')[0] ?? '');
      return { method: 'GET', path: `/api/v1/leads?q=${encodeURIComponent(q)}&limit=50`, expect: 200 };
    },
  },
];

const TOTAL_WEIGHT = OPS.reduce((sum, op) => sum + op.weight, 0);

function chooseOp(): Op {
  let r = rand() * TOTAL_WEIGHT;
  for (const op of OPS) {
    r -= op.weight;
    if (r < 0) return op;
  }
  return OPS[OPS.length - 1] as Op;
}

/** `at`: when the request was due; `ms`: from then to the answer. */
type Sample = { at: number; op: string; kind: Kind; ms: number; ok: boolean; status: number };

/**
 * Sends requests at `rate` per second for `seconds`, open loop: each request has its time in the schedule,
 * whatever the answers before it did, and its latency runs from that time (a server that falls behind shows
 * it in the latency, instead of slowing the load down). At most MAX_IN_FLIGHT on the wire; the rest wait.
 */
async function openLoop(
  base: string,
  reps: Rep[],
  rate: number,
  seconds: number,
  onSecond: (second: number) => void = () => undefined,
): Promise<{ samples: Sample[]; started: number; sent: number }> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const samples: Sample[] = [];
  const queue: number[] = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let scheduled = 0;
  let inFlight = 0;
  let serial = 0;
  let lastSecond = -1;

  const send = (due: number) => {
    const n = serial++;
    const rep = reps[n % reps.length] as Rep;
    let op = chooseOp();
    let planned = op.make(rep, n);
    // Nothing of that kind to do for this rep right now (every editable lead busy): read its lead instead.
    if (!planned) {
      op = OPS[0] as Op;
      planned = op.make(rep, n);
    }
    // Only a rep without leads has nothing to read; MIXED_LEADS of at least 200 gives each one ten.
    if (!planned) return;
    const plan = planned;
    const kind = op.kind;
    const name = op.name;
    const body = plan.body === undefined ? undefined : JSON.stringify(plan.body);
    const headers: Record<string, string> = { cookie: rep.cookie, ...plan.headers };
    if (plan.method !== 'GET') headers['x-csrf-token'] = rep.csrf;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    inFlight += 1;
    let finished = false;
    const finish = (status: number, text: string) => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      const ok = status === plan.expect;
      samples.push({ at: due, op: name, kind, ms: performance.now() - due, ok, status });
      try {
        plan.done?.(status, text);
      } catch {
        // An answer that is not the JSON expected is already counted as an error by its status.
      }
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: plan.method,
        path: plan.path,
        headers,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish(res.statusCode ?? 0, plan.done ? Buffer.concat(chunks).toString() : ''));
        res.on('error', () => finish(0, ''));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => finish(0, ''));
    req.end(body);
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const elapsed = (now - started) / 1000;
      const second = Math.floor(elapsed);
      // Every second once, even one the event loop slept through (the per-minute CPU reading needs it).
      while (lastSecond < Math.min(second, seconds - 1)) {
        lastSecond += 1;
        onSecond(lastSecond);
      }
      const dueCount = Math.min(total, Math.floor(elapsed * rate) + 1);
      while (scheduled < dueCount) {
        queue.push(started + (scheduled * 1000) / rate);
        scheduled += 1;
      }
      // Past the backlog bound the request is not sent: an error, at the time it was due.
      while (queue.length > 0 && now - (queue[0] as number) > MAX_BACKLOG_S * 1000) {
        const due = queue.shift() as number;
        samples.push({
          at: due,
          op: 'any (server 2 s behind)',
          kind: 'read',
          ms: now - due,
          ok: false,
          status: -1,
        });
      }
      while (queue.length > 0 && inFlight < MAX_IN_FLIGHT) send(queue.shift() as number);
      if (scheduled >= total && queue.length === 0 && inFlight === 0) {
        resolve();
        return;
      }
      setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  return { samples, started, sent: total };
}

// ---------------------------------------------------------------------------------------------------------
// Numbers.

type Latency = { count: number; p50Ms: number; p99Ms: number };

function latencyOf(samples: Sample[]): Latency {
  const ms = Float64Array.from(samples.map((s) => s.ms)).sort();
  const at = (q: number) =>
    ms.length === 0 ? 0 : (ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? 0);
  return { count: ms.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)) };
}

const round = (n: number) => Math.round(n * 10) / 10;

type Summary = {
  /** Requests due in the schedule, and those answered (any status), per second. */
  requests: number;
  perSecond: number;
  answeredPerSecond: number;
  read: Latency;
  write: Latency;
  list: Latency;
  errors: number;
  errorsBy: Record<string, number>;
};

function summarize(samples: Sample[], seconds: number): Summary {
  const ok = (kind: Kind) => samples.filter((s) => s.kind === kind && s.status !== -1);
  const errorsBy: Record<string, number> = {};
  for (const s of samples.filter((x) => !x.ok)) {
    const key = `${s.op}: ${s.status === -1 ? 'not sent' : s.status === 0 ? 'no answer' : s.status}`;
    errorsBy[key] = (errorsBy[key] ?? 0) + 1;
  }
  return {
    requests: samples.length,
    perSecond: Math.round(samples.length / seconds),
    answeredPerSecond: Math.round(samples.filter((s) => s.status !== -1).length / seconds),
    read: latencyOf(ok('read')),
    write: latencyOf(ok('write')),
    list: latencyOf(ok('list')),
    errors: samples.filter((s) => !s.ok).length,
    errorsBy,
  };
}

/** Both latency goals, no error, and the whole schedule sent: the server kept up at that rate. */
const meets = (s: Summary) =>
  s.errors === 0 &&
  s.read.count > 0 &&
  s.write.count > 0 &&
  s.read.p99Ms <= GOALS.readP99Ms &&
  s.write.p99Ms <= GOALS.writeP99Ms;

/**
 * CPU used over an interval, in % of one core: the server process, PostgreSQL's backends of the bench
 * database (when PostgreSQL runs on this machine: /proc; a backend that exits in between loses its share),
 * and this process, the load generator, which shares the machine's cores with both. With it, the p99 of the
 * generator's event-loop delay: when high, requests left late because the generator was starved of CPU,
 * not because the server was slow.
 */
type Cpu = {
  serverPct: number;
  databasePct: number | null;
  loadGeneratorPct: number;
  loadGeneratorDelayP99Ms: number;
};
type CpuMark = { at: number; server: number; database: number | null; bench: number; delayP99Ms: number };

function cpuMeter(pid: number, databaseUrl: string) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(databaseUrl).hostname);
  const db = new pg.Client({ connectionString: databaseUrl });
  const connected = local
    ? db.connect().then(
        () => true,
        () => false,
      )
    : Promise.resolve(false);
  const backendTicks = async (): Promise<number | null> => {
    if (!(await connected)) return null;
    const rows = await db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.rows.reduce((sum, r) => sum + cpuTicks(r.pid), 0);
  };
  return {
    /** Marks are taken in order: each one's delay is the p99 since the one before. */
    async mark(): Promise<CpuMark> {
      const delayP99Ms = round(delay.percentile(99) / 1e6);
      delay.reset();
      const usage = process.cpuUsage();
      const at = performance.now();
      const server = cpuTicks(pid);
      return {
        at,
        server,
        bench: usage.user + usage.system,
        database: await backendTicks().catch(() => null),
        delayP99Ms,
      };
    },
    between(a: CpuMark, b: CpuMark): Cpu {
      const seconds = Math.max(0.001, (b.at - a.at) / 1000);
      // Clock ticks are 1/100 s; cpuUsage is in microseconds.
      return {
        serverPct: Math.round((b.server - a.server) / seconds),
        databasePct:
          a.database === null || b.database === null ? null : Math.round((b.database - a.database) / seconds),
        loadGeneratorPct: Math.round((b.bench - a.bench) / 10_000 / seconds),
        loadGeneratorDelayP99Ms: b.delayP99Ms,
      };
    },
    close: () => {
      delay.disable();
      return db.end().catch(() => undefined);
    },
  };
}

type Meter = ReturnType<typeof cpuMeter>;

type Step = { rate: number; summary: Summary; cpu: Cpu; meets: boolean };

/**
 * The highest rate between 50 and 1,000 per second that meets the latency goals with no error: the top
 * first (if it holds, that is the answer), then the bottom, then bisection, STEPS steps in all.
 */
async function stepSearch(
  base: string,
  reps: Rep[],
  meter: Meter,
  pid: number,
): Promise<{ steps: Step[]; highest: number | null }> {
  const steps: Step[] = [];
  let good: number | null = null;
  let bad: number | null = null;
  for (let i = 0; i < STEPS; i++) {
    let rate: number;
    if (i === 0) rate = SEARCH.high;
    else if (i === 1) rate = SEARCH.low;
    else rate = Math.round(((good ?? SEARCH.low) + (bad ?? SEARCH.high)) / 2);
    let from: Promise<CpuMark> | null = null;
    const run = await openLoop(base, reps, rate, STEP_WARMUP_S + STEP_SECONDS, (second) => {
      if (second === STEP_WARMUP_S) from = meter.mark();
    });
    const to = await meter.mark();
    const cpu = meter.between((await from) ?? to, to);
    const counted = run.samples.filter((s) => s.at - run.started >= STEP_WARMUP_S * 1000);
    const summary = summarize(counted, STEP_SECONDS);
    const ok = meets(summary);
    steps.push({ rate, summary, cpu, meets: ok });
    console.log(
      `step ${String(rate).padStart(5)}/s  answered ${summary.answeredPerSecond}/s  read p99 ${summary.read.p99Ms} ms  write p99 ${summary.write.p99Ms} ms  list p99 ${summary.list.p99Ms} ms  errors ${summary.errors}  CPU server ${cpu.serverPct} % db ${cpu.databasePct ?? '?'} % bench ${cpu.loadGeneratorPct} %  bench loop delay p99 ${cpu.loadGeneratorDelayP99Ms} ms  ${ok ? 'meets' : 'misses'}`,
    );
    if (ok) good = Math.max(good ?? 0, rate);
    else bad = Math.min(bad ?? Number.POSITIVE_INFINITY, rate);
    if (i === 0 && ok) break;
    if (i === 1 && !ok) break;
    if (good !== null && bad !== null && bad - good <= 25) break;
    // What the last step left running (jobs it queued) is not charged to the next one.
    await settle(pid);
  }
  return { steps, highest: good };
}

type Minute = Summary & { minute: number; rssMb: number; rssMaxMb: number; cpu: Cpu };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<number> {
  const adminUrl = process.env.DATABASE_URL ?? DEFAULT_PG;
  if (!(await reachable(adminUrl))) {
    console.error(`bench:mixed needs PostgreSQL; ${new URL(adminUrl).host} is not reachable`);
    return 1;
  }
  const requested = mainRate();
  const { entry } = await chooseEntry();
  const url = await freshPostgres(adminUrl);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-mixed-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  const loadBefore = os.loadavg();
  if ((loadBefore[0] ?? 0) > os.cpus().length / 2)
    console.warn(
      `bench: load average ${loadBefore[0]?.toFixed(2)} on ${os.cpus().length} CPUs: numbers will be noisy`,
    );

  // MIXED_PROFILE=<dir>: a V8 CPU profile of the server, written when it stops, to find where the time goes.
  const profileDir = process.env.MIXED_PROFILE;
  const served = profileDir
    ? { ...entry, args: ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir), ...entry.args] }
    : entry;
  const server = await startServer(served, 'postgres', dataDir, url);
  const pid = server.child.pid;
  let steps: Step[] = [];
  let highest: number | null = null;
  let rate = 0;
  const minutes: Minute[] = [];
  let overall: Summary | null = null;
  let byOp: Record<string, Latency> = {};
  // A run whose every read or every write failed measured nothing (a lost session answers 401 fast).
  let measured = false;
  const meter = cpuMeter(pid, url);
  try {
    const reps = await setUp(server.base, url, dataDir);
    await settle(pid);
    if (STEPS > 0) ({ steps, highest } = await stepSearch(server.base, reps, meter, pid));
    rate = requested === 'auto' ? (highest ?? SEARCH.low) : requested;
    console.log(`load: ${rate}/s for ${MINUTES} min…`);
    await sleep(2000);
    const rss: { second: number; mb: number }[] = [];
    const marks: Promise<CpuMark>[] = [];
    const run = await openLoop(server.base, reps, rate, MINUTES * 60, (second) => {
      rss.push({ second, mb: rssMb(pid) });
      if (second % 60 === 0) marks.push(meter.mark());
    });
    marks.push(meter.mark());
    const cpu = await Promise.all(marks);
    for (let m = 0; m < MINUTES; m++) {
      const inMinute = run.samples.filter((s) => {
        const t = (s.at - run.started) / 1000;
        return t >= m * 60 && t < (m + 1) * 60;
      });
      const mb = rss.filter((r) => r.second >= m * 60 && r.second < (m + 1) * 60).map((r) => r.mb);
      const [from, to] = [cpu[m], cpu[m + 1]];
      minutes.push({
        minute: m + 1,
        ...summarize(inMinute, 60),
        rssMb: median(mb),
        rssMaxMb: Math.max(0, ...mb),
        cpu:
          from && to
            ? meter.between(from, to)
            : { serverPct: 0, databasePct: null, loadGeneratorPct: 0, loadGeneratorDelayP99Ms: 0 },
      });
    }
    overall = summarize(run.samples, MINUTES * 60);
    measured =
      run.samples.some((s) => s.ok && s.kind === 'read') &&
      run.samples.some((s) => s.ok && s.kind === 'write');
    byOp = Object.fromEntries(
      OPS.map((op) => [op.name, latencyOf(run.samples.filter((s) => s.op === op.name && s.status !== -1))]),
    );
  } finally {
    await meter.close();
    await stopChild(server.child);
  }
  const loadAfter = os.loadavg();
  // The same text on the terminal and in bench/results/mixed-load.txt.
  const report: string[] = [];
  const say = (line: string) => {
    console.log(line);
    report.push(line);
  };
  if (steps.length > 0) {
    say('\nStep search (read p99 ≤ 25 ms, write p99 ≤ 60 ms, no error)');
    for (const st of steps)
      say(
        `  ${String(st.rate).padStart(5)}/s  answered ${st.summary.answeredPerSecond}/s  read p99 ${st.summary.read.p99Ms} ms  write p99 ${st.summary.write.p99Ms} ms  list p99 ${st.summary.list.p99Ms} ms  errors ${st.summary.errors}  CPU % server/db/bench ${st.cpu.serverPct}/${st.cpu.databasePct ?? '?'}/${st.cpu.loadGeneratorPct}  bench loop delay p99 ${st.cpu.loadGeneratorDelayP99Ms} ms  ${st.meets ? 'meets' : 'misses'}`,
      );
  }

  say(
    `\nPostgreSQL, ${LEADS.toLocaleString('en-US')} leads, 2 companies × ${REPS_PER_TENANT} reps, ${rate} requests/s open loop`,
  );
  say(
    '  min  due/s  answered/s  read p50/p99 ms  write p50/p99 ms  list p50/p99 ms  errors  RSS MB (max)  CPU % server/db/bench  bench delay p99 ms',
  );
  for (const m of minutes) {
    const lat = (l: Latency) => `${l.p50Ms}/${l.p99Ms}`.padStart(15);
    say(
      `  ${String(m.minute).padStart(3)}  ${String(m.perSecond).padStart(5)}  ${String(m.answeredPerSecond).padStart(10)}  ${lat(m.read)}  ${lat(m.write)}  ${lat(m.list)}  ${String(m.errors).padStart(6)}  ${`${m.rssMb} (${m.rssMaxMb})`.padStart(12)}  ${`${m.cpu.serverPct}/${m.cpu.databasePct ?? '?'}/${m.cpu.loadGeneratorPct}`.padStart(21)}  ${String(m.cpu.loadGeneratorDelayP99Ms).padStart(17)}`,
    );
  }
  if (overall) {
    say('\n  per request (whole run)');
    for (const [name, l] of Object.entries(byOp))
      say(`    ${name.padEnd(32)} ${String(l.count).padStart(8)}  p50 ${l.p50Ms} ms  p99 ${l.p99Ms} ms`);
    for (const [what, count] of Object.entries(overall.errorsBy)) say(`    error  ${what}: ${count}`);
  }

  // Minute 2 onwards: the first minute holds warm-up (JIT, pools, caches); a shorter run starts at minute 1.
  const first = minutes[minutes.length >= 3 ? 1 : 0];
  const last = minutes[minutes.length - 1];
  const growth =
    first && last && last.minute > first.minute && first.rssMb > 0
      ? round(((last.rssMb - first.rssMb) / first.rssMb) * 100)
      : null;
  const goals = [
    {
      goal: `p99 read at ${rate}/s`,
      value: `${overall?.read.p99Ms} ms`,
      target: `<= ${GOALS.readP99Ms} ms`,
      pass: measured && (overall?.read.p99Ms ?? Number.POSITIVE_INFINITY) <= GOALS.readP99Ms,
    },
    {
      goal: `p99 write at ${rate}/s`,
      value: `${overall?.write.p99Ms} ms`,
      target: `<= ${GOALS.writeP99Ms} ms`,
      pass: measured && (overall?.write.p99Ms ?? Number.POSITIVE_INFINITY) <= GOALS.writeP99Ms,
    },
    { goal: 'errors', value: String(overall?.errors), target: '0', pass: measured && overall?.errors === 0 },
    {
      goal: `RSS growth, minute ${first?.minute} to minute ${last?.minute} (medians)`,
      value: growth === null ? 'not measurable (fewer than 2 minutes)' : `${growth} %`,
      target: `<= ${GOALS.rssGrowthPct} %`,
      pass: growth !== null && growth <= GOALS.rssGrowthPct,
    },
    {
      goal: 'highest rate meeting the latencies (step search)',
      value: STEPS <= 0 ? 'not searched' : highest === null ? `none from ${SEARCH.low}/s` : `${highest}/s`,
      target: `>= ${SEARCH.high}/s`,
      pass: highest !== null && highest >= SEARCH.high,
    },
  ];
  if (rate !== SEARCH.high)
    goals.push({ goal: 'rate of the main run', value: `${rate}/s`, target: `${SEARCH.high}/s`, pass: false });
  say('\nGoals');
  for (const g of goals) say(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.goal}: ${g.value} (goal ${g.target})`);
  const busy = Math.max(loadBefore[0] ?? 0, loadAfter[0] ?? 0);
  if (busy > os.cpus().length / 2)
    say(
      `\nnote: load average up to ${busy.toFixed(2)} on ${os.cpus().length} CPUs: other work shared the machine`,
    );
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        server: entry.label,
        leads: LEADS,
        reps: REPS_PER_TENANT * 2,
        minutes: MINUTES,
        rate,
        rateSetting: RATE_SETTING,
        mix: OPS.map((op) => ({ name: op.name, kind: op.kind, percent: op.weight })),
        cpus: os.cpus().length,
        loadAverage: { before: loadBefore, after: loadAfter },
        steps,
        highestRate: highest,
        perMinute: minutes,
        overall,
        byOp,
        goals,
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(TABLE, `${report.join('\n').trim()}\n`);
  console.log(`\nresults: ${path.relative(ROOT, RESULTS)}, ${path.relative(ROOT, TABLE)}`);
  if (!measured) {
    console.error('bench:mixed: no read or no write of the load succeeded: nothing measured');
    return 1;
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (!wasInterrupted())
    console.error('bench:mixed failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await cleanupAll();
}
process.exit(wasInterrupted() ? 130 : code);
