import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  movableClock,
  newTenant,
  useSmtpReceiver,
  useTestApp,
  waitFor,
} from '../../../../test/helper';
import { tenants } from '../../../platform/db/identity.tables';
import { outboxMails } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { mailCopies } from '../../notifications';
import { sweepTenantNurture } from '../nurture/nurture-sweep';
import { sweepTenantSla } from '../sla/sla-sweep';

/**
 * Mail that leaves Closeloop from routing and follow-up, through a real SMTP receiver: e-mail copies of
 * notifications in each recipient's language, and nurture mails with their HTML and plain-text parts.
 */

/** Undoes quoted-printable or base64 transfer encoding of one MIME part (headers, blank line, body). */
function decodePart(part: string): string {
  const split = part.indexOf('\r\n\r\n');
  const headers = part.slice(0, split).toLowerCase();
  const body = part.slice(split + 4);
  if (headers.includes('content-transfer-encoding: quoted-printable')) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (headers.includes('content-transfer-encoding: base64')) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return body;
}

/** The decoded body of the part with this content type (or of a single-part message). */
function partOf(raw: string, type: 'text/plain' | 'text/html'): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return decodePart(raw);
  const part = raw.split(`--${boundary}`).find((p) => p.toLowerCase().includes(`content-type: ${type}`));
  return part ? decodePart(part.replace(/^\r\n/, '')) : '';
}

const smtp = await useSmtpReceiver();
const clock = movableClock(new Date('2030-11-04T01:00:00.000Z'));
const t = await useTestApp({ smtpUrl: smtp.smtpUrl, publicUrl: 'https://crm.example.cn' }, { clock });

async function company() {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const tenantId = admin.me.tenant.id;
  // Users without a language of their own get the company's: Chinese here.
  await withTenant(t.db, tenantId, (tx) =>
    tx.update(tenants).set({ defaultLocale: 'zh-CN' }).where(eq(tenants.tenantId, tenantId)),
  );
  const manager = await addUser(t, admin, 'manager', 'Manager Mei');
  await as(t, manager.session)({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en-US' } });
  const rep = await addUser(t, admin, 'rep', '李娜');
  const res = await call({
    method: 'POST',
    url: '/api/v1/teams',
    payload: { name: 'South', region: '华南' },
  });
  const teamId = res.json<{ id: string }>().id;
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${teamId}/members`,
    payload: { members: [{ userId: manager.userId, isLead: true }, { userId: rep.userId }] },
  });
  // The manager takes no leads of their own, so routing reaches the rep.
  const capped = await call({
    method: 'PUT',
    url: `/api/v1/lead-routing/reps/${manager.userId}`,
    payload: { version: 0, capacity: 0, seniority: 'standard', awayFrom: null, awayUntil: null },
  });
  expect(capped.statusCode, capped.body).toBe(200);
  return { admin, call, tenantId, manager, rep, teamId };
}

const received = (to: string) => smtp.received.filter((m) => m.to.includes(to));

async function outbox(tenantId: string, to: string) {
  return withTenant(t.db, tenantId, (tx) =>
    tx
      .select()
      .from(outboxMails)
      .where(and(eq(outboxMails.tenantId, tenantId), eq(outboxMails.to, to))),
  );
}

describe('e-mail copies of notifications', () => {
  it('are queued only when SMTP is configured', () => {
    expect(mailCopies({ smtpUrl: undefined, publicUrl: 'x' }).enabled).toBe(false);
    expect(mailCopies({ smtpUrl: 'smtp://localhost', publicUrl: 'x' }).enabled).toBe(true);
  });

  it('mail an assignment and an SLA breach to each recipient in their own language', async () => {
    const c = await company();
    const res = await c.call({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: '深圳星河电子', grade: 'A' },
    });
    const lead = res.json<Lead>();
    await c.call({
      method: 'POST',
      url: '/api/v1/lead-routing/rules',
      payload: { name: 'All', teamId: c.teamId },
    });
    const routed = await c.call({
      method: 'POST',
      url: '/api/v1/lead-routing/route',
      payload: { ids: [lead.id] },
    });
    expect(routed.json()).toMatchObject({ assigned: 1 });

    const assigned = await waitFor(
      async () => received(c.rep.email).find((m) => partOf(m.raw, 'text/plain').includes('深圳星河电子')),
      'the assignment mail',
    );
    expect(partOf(assigned.raw, 'text/plain')).toContain(`https://crm.example.cn/leads/${lead.id}`);
    expect(partOf(assigned.raw, 'text/plain')).toContain('有 1 条新线索分配给您');
    // The job marks the row sent right after the SMTP server accepted it, so a moment after it arrived.
    const row = await waitFor(
      async () =>
        (await outbox(c.tenantId, c.rep.email)).find(
          (r) => r.subject.includes('深圳星河电子') && r.status === 'sent',
        ),
      'the assignment mail marked sent',
    );
    expect(row).toMatchObject({ subject: '有新线索分配给您：深圳星河电子', status: 'sent' });

    clock.advance(24 * 3_600_000);
    await sweepTenantSla(t.platform, c.tenantId, clock.now());
    const escalation = await waitFor(
      async () =>
        received(c.manager.email).find((m) => partOf(m.raw, 'text/plain').includes('within 24 hours')),
      'the escalation mail',
    );
    expect(partOf(escalation.raw, 'text/plain')).toContain('李娜 did not contact 深圳星河电子 (grade A)');
    await waitFor(
      async () =>
        received(c.rep.email).find((m) => partOf(m.raw, 'text/plain').includes('24 小时内未被联系')),
      'the breach mail to the rep',
    );
    // The in-app notifications are there as before.
    const inApp = await as(t, c.rep.session)({ method: 'GET', url: '/api/v1/notifications' });
    expect(
      inApp
        .json<{ items: { kind: string }[] }>()
        .items.map((n) => n.kind)
        .sort(),
    ).toEqual(['lead_assigned', 'lead_sla_breached']);
  });

  it('queue a copy of a manual reassignment for the mail sweep to send', async () => {
    const c = await company();
    const res = await c.call({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: 'Harbour Freight', ownerId: c.manager.userId, teamId: c.teamId },
    });
    const lead = res.json<Lead>();
    await c.call({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      payload: { version: lead.version, ownerId: c.rep.userId },
    });
    const rows = (await outbox(c.tenantId, c.rep.email)).filter((r) => r.subject.includes('Harbour Freight'));
    expect(rows).toEqual([expect.objectContaining({ subject: '有新线索分配给您：Harbour Freight' })]);
  });
});

describe('nurture mails over SMTP', () => {
  it('go out as HTML with tracked links and a pixel, beside the plain text with the original links', async () => {
    const c = await company();
    const track = await c.call({
      method: 'POST',
      url: '/api/v1/lead-routing/nurture-tracks',
      payload: {
        name: 'Launch',
        steps: [
          {
            kind: 'email',
            delayDays: 0,
            subject: 'News for {{companyName}}',
            body: 'Read https://example.com/news',
          },
        ],
      },
    });
    const created = await c.call({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: 'Pearl Optics', email: 'buyer@pearl-optics.com', ownerId: c.rep.userId },
    });
    const lead = created.json<Lead>();
    await c.call({
      method: 'POST',
      url: `/api/v1/leads/${lead.id}/nurture`,
      payload: { trackId: track.json<{ id: string }>().id },
    });
    await sweepTenantNurture(t.platform, c.tenantId, clock.now());
    const mail = await waitFor(async () => received('buyer@pearl-optics.com')[0], 'the nurture mail');
    expect(mail.raw).toMatch(/content-type: multipart\/alternative/i);
    expect(partOf(mail.raw, 'text/plain')).toContain('Read https://example.com/news');
    const html = partOf(mail.raw, 'text/html');
    expect(html).toMatch(
      new RegExp(
        `<a href="https://crm\\.example\\.cn/t/c/${c.tenantId}\\.[\\w-]+">https://example\\.com/news</a>`,
      ),
    );
    expect(html).toMatch(new RegExp(`<img src="https://crm\\.example\\.cn/t/o/${c.tenantId}\\.[\\w-]+"`));
  });
});
