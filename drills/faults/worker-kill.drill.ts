import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import {
  onCleanup,
  type Server,
  type ServerEntry,
  type Session,
  signIn,
  sleep,
  startServer,
  stopChild,
} from '../../bench/harness';
import { type DrillResult, tally } from '../drill';

/**
 * Fault 2 of the issue: `kill -9` the worker (a server of role all) while jobs run — a few hundred invitation
 * mails to a local SMTP receiver and SLA timers of leads already due — at random points, restarting it each
 * time with nothing done by hand. Afterwards every mail in the outbox has been delivered exactly once (counted
 * by Message-ID, which is the outbox id), every due lead is marked breached once with one audit row and one
 * notification, and no job is left running or failed.
 */

const INVITES = Number(process.env.DRILL_WORKER_MAILS ?? 400);
const SLA_LEADS = 60;
const KILLS = 8;
const MIN_KILLS = 5;
/** How long the last server may take to finish everything once the kills are over. */
const FINISH_LIMIT_MS = 45_000;
const CONCURRENCY = 8;

type Receiver = {
  url: string;
  byMessageId: Map<string, number>;
  /** Each delivery of a Message-ID: when its connection opened and when the message was accepted (ms epoch). */
  deliveries: Map<string, { connected: number; accepted: number }[]>;
  close: () => Promise<void>;
};

/** An SMTP receiver on loopback counting what it accepted per Message-ID. */
async function smtpReceiver(): Promise<Receiver> {
  const byMessageId = new Map<string, number>();
  const deliveries = new Map<string, { connected: number; accepted: number }[]>();
  /** By the sender's port: when its TCP connection was accepted (the SMTP session starts later). */
  const connectedAt = new Map<number, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(headers)?.[1] ?? '(none)';
        byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
        const delivery = { connected: connectedAt.get(session.remotePort) ?? 0, accepted: Date.now() };
        deliveries.set(id, [...(deliveries.get(id) ?? []), delivery]);
        callback();
      });
    },
  });
  // A killed sender resets its connection mid-conversation: expected here, and no message.
  server.on('error', () => {});
  server.server.on('connection', (socket: Socket) => {
    if (socket.remotePort) connectedAt.set(socket.remotePort, Date.now());
  });
  const listening = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
  const { port } = listening.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    byMessageId,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `count` calls, `CONCURRENCY` at a time; the statuses. */
async function inParallel(count: number, call: (i: number) => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        statuses[i] = await call(i);
      }
    }),
  );
  return statuses;
}

async function post(server: Server, session: Session, route: string, body: unknown) {
  const res = await fetch(`${server.base}${route}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as { id?: string } };
}

type Left = { mails: number; leads: number; active: number };

async function left(db: pg.Client, leadIds: readonly string[]): Promise<Left> {
  const { rows } = await db.query<Left>(
    `SELECT (SELECT count(*)::int FROM outbox_mails WHERE status <> 'sent') AS mails,
            (SELECT count(*)::int FROM leads WHERE id = ANY($1::uuid[]) AND sla_breached_at IS NULL) AS leads,
            (SELECT count(*)::int FROM pgboss.job WHERE state = 'active' AND name IN ('mail.send', 'leads.sla-sweep'))
              AS active`,
    [leadIds],
  );
  return rows[0] ?? { mails: -1, leads: -1, active: -1 };
}

/** What the server said it recovered ("jobs of a stopped worker put back to retry"), from its log. */
function recoveredIn(server: Server): number {
  let sum = 0;
  for (const line of server.child.output().split('\n')) {
    const match = /"recovered":(\d+)/.exec(line);
    if (match?.[1]) sum += Number(match[1]);
  }
  return sum;
}

export async function workerKillDrill(entry: ServerEntry, databaseUrl: string): Promise<DrillResult> {
  const t = tally('kill -9 a worker');
  const run = Date.now().toString(36);
  const smtp = await smtpReceiver();
  onCleanup(smtp.close);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-drill-worker-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  const env = { SMTP_URL: smtp.url };
  const db = new pg.Client({ connectionString: databaseUrl });

  let server: Server = await startServer(entry, 'postgres', dataDir, databaseUrl, env);
  try {
    await db.connect();
    const session = await signIn(server.base);
    const me = JSON.parse(session.meBody) as { user: { id: string } };

    // SLA timers: leads owned by the admin, their deadlines moved to now and the next 15 s (a response SLA is
    // whole hours), so that several workers' sweeps (each at its start, and every minute) mark them.
    const leadIds: string[] = [];
    const leadStatuses = await inParallel(SLA_LEADS, async (i) => {
      const res = await post(server, session, '/api/v1/leads', {
        companyName: `SLA drill ${run} ${i}`,
        ownerId: me.user.id,
      });
      if (res.body.id) leadIds.push(res.body.id);
      return res.status;
    });
    t.check(
      leadStatuses.every((s) => s === 201),
      () => `creating leads answered ${[...new Set(leadStatuses)].join(', ')}`,
    );
    await db.query(
      `UPDATE leads SET sla_due_at = now() - interval '1 second'
                                     + (array_position($1::uuid[], id) % 4) * interval '5 seconds'
        WHERE id = ANY($1::uuid[])`,
      [leadIds],
    );
    // Mails: invitations, each one outbox row and one send job.
    const inviteStatuses = await inParallel(INVITES, async (i) => {
      const res = await post(server, session, '/api/v1/users/invitations', {
        email: `w${run}-${i}@drill.example`,
        name: `Invitee ${i}`,
        role: 'rep',
      });
      return res.status;
    });
    t.check(
      inviteStatuses.every((s) => s === 201),
      () => `inviting answered ${[...new Set(inviteStatuses)].join(', ')}`,
    );

    // Kills at random points while work is left, each followed by a restart.
    const kills: string[] = [];
    const killedAt: number[] = [];
    /** Per outbox id: at how many kills the receiver had accepted it but the outbox did not say sent. */
    const inDoubt = new Map<string, number>();
    let recovered = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(randomInt(200, 2500));
      const before = await left(db, leadIds);
      if (before.mails === 0 && before.leads === 0) {
        t.note(`all work was done before kill ${kill + 1}`);
        break;
      }
      recovered += recoveredIn(server);
      killedAt.push(Date.now());
      process.kill(server.child.pid, 'SIGKILL');
      await server.child.exited;
      // With no server alive, the mails the receiver has accepted but the outbox does not say sent: their sender
      // died between writing them and recording the receiver's answer (a moment for the last bytes to arrive).
      await sleep(300);
      const accepted = [...smtp.byMessageId.keys()].map((id) => id.replace(/@closeloop$/, ''));
      const unsure = await db.query<{ id: string }>(
        `SELECT id::text FROM outbox_mails WHERE status <> 'sent' AND id::text = ANY($1::text[])`,
        [accepted],
      );
      for (const { id } of unsure.rows) inDoubt.set(id, (inDoubt.get(id) ?? 0) + 1);
      kills.push(`${before.mails} mails, ${before.leads} leads left, ${before.active} jobs running`);
      server = await startServer(entry, 'postgres', dataDir, databaseUrl, env);
    }
    const lastStart = Date.now();
    t.check(kills.length >= MIN_KILLS, () => `only ${kills.length} kills landed while work was left`);
    t.note(`${kills.length} kills, at: ${kills.join('; ')}`);

    // The last server must finish on its own.
    let end = await left(db, leadIds);
    let delivered = 0;
    let outbox = 0;
    while (Date.now() - lastStart < FINISH_LIMIT_MS) {
      end = await left(db, leadIds);
      outbox = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_mails')).rows[0]?.n ?? 0;
      delivered = [...smtp.byMessageId.values()].reduce((a, b) => a + b, 0);
      if (end.mails === 0 && end.leads === 0 && end.active === 0 && delivered >= outbox) break;
      await sleep(250);
    }
    recovered += recoveredIn(server);
    t.note(
      `finished ${Date.now() - lastStart} ms after the last restart; ${recovered} jobs of killed workers put back to retry`,
    );
    t.check(
      end.mails === 0 && end.leads === 0 && end.active === 0,
      () =>
        `after ${FINISH_LIMIT_MS / 1000} s: ${end.mails} mails unsent, ${end.leads} leads unmarked, ${end.active} jobs still active`,
    );

    // Every outbox mail delivered exactly once, by Message-ID.
    const ids = (await db.query<{ id: string }>('SELECT id::text FROM outbox_mails')).rows.map((r) => r.id);
    const known = new Set(ids.map((id) => `${id}@closeloop`));
    const missing = ids.filter((id) => !smtp.byMessageId.has(`${id}@closeloop`));
    const twice = [...smtp.byMessageId].filter(([, n]) => n > 1);
    const strangers = [...smtp.byMessageId.keys()].filter((id) => !known.has(id));
    t.check(ids.length >= INVITES + SLA_LEADS, () => `${ids.length} mails in the outbox`);
    t.check(missing.length === 0, () => `${missing.length} mails never delivered: ${missing.slice(0, 5)}`);
    // A sender killed after writing a message's end, before it recorded the receiver's acceptance, cannot know
    // whether the mail went, and sends it again: SMTP's own ambiguity (RFC 5321 §4.1.1.4, RFC 1047), the
    // Message-ID being what receivers drop repeats by. Each such repeat follows a kill at which the mail was
    // accepted but not marked sent. Any other repeat is the product's.
    const timeline = (id: string) =>
      (smtp.deliveries.get(id) ?? [])
        .map((d) => {
          const kill = killedAt.reduce(
            (a, b) => (Math.abs(b - d.accepted) < Math.abs(a - d.accepted) ? b : a),
            0,
          );
          return `connected ${d.connected - kill} ms, accepted ${d.accepted - kill} ms from a kill`;
        })
        .join(' / ');
    const repeated = twice.filter(([id, n]) => n - 1 > (inDoubt.get(id.replace(/@closeloop$/, '')) ?? 0));
    t.check(
      repeated.length === 0,
      () =>
        `${repeated.length} mails delivered more than once while their sender lived: ${repeated
          .slice(0, 10)
          .map(([id, n]) => `${id} ×${n} (${timeline(id)})`)
          .join(', ')}`,
    );
    t.note(
      `${twice.length - repeated.length} mails delivered again after a kill caught their sender between writing them and recording the receiver's acceptance`,
    );
    t.check(strangers.length === 0, () => `${strangers.length} delivered mails not in the outbox`);
    t.note(
      `${ids.length} mails in the outbox, ${delivered} deliveries, ${twice.length} Message-IDs more than once`,
    );

    // Every SLA breach recorded once: the mark, one audit row, one notification to the owner.
    const sla = await db.query<{ marked: number; audits: number; notices: number }>(
      `SELECT count(*) FILTER (WHERE l.sla_breached_at IS NOT NULL)::int AS marked,
              (SELECT count(*)::int FROM audit_log a
                WHERE a.action = 'sla_breach' AND a.entity_id = ANY($1::text[])) AS audits,
              (SELECT count(*)::int FROM notifications n
                WHERE n.kind = 'lead_sla_breached' AND n.entity_id = ANY($1::uuid[])) AS notices
         FROM leads l WHERE l.id = ANY($1::uuid[])`,
      [leadIds],
    );
    const counts = sla.rows[0];
    t.check(
      counts?.marked === SLA_LEADS && counts.audits === SLA_LEADS && counts.notices === SLA_LEADS,
      () =>
        `${SLA_LEADS} due leads: ${counts?.marked} marked, ${counts?.audits} audit rows, ${counts?.notices} notifications`,
    );
    const failed = await db.query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM pgboss.job WHERE state = 'failed' GROUP BY name`,
    );
    t.check(
      failed.rows.length === 0,
      () => `failed jobs: ${failed.rows.map((r) => `${r.name} ×${r.n}`).join(', ')}`,
    );
  } finally {
    await db.end().catch(() => {});
    await stopChild(server.child);
  }
  return t.result();
}
