import { randomBytes } from 'node:crypto';
import type { Activity } from '@contracts/activities.contract';
import type { Customer } from '@contracts/customers.contract';
import type { MaterialDetail } from '@contracts/deal-materials.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  multipartFile,
  newTenant,
  type Session,
  useSmtpReceiver,
  useTestApp,
  waitFor,
} from '../../../test/helper';
import { files, outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';

/** Library materials sent with a mail to a contact: the latest version's file, as a real MIME attachment. */

const smtp = await useSmtpReceiver();
const t = await useTestApp({ smtpUrl: smtp.smtpUrl });

type Problem = { code: string; errors?: { path: string; code: string; detail: string }[] };

async function company(contactEmail: string) {
  const admin = await newTenant(t, '华南精工');
  const rep = await addUser(t, admin, 'rep', 'Rep Lin');
  const repCall = as(t, rep.session);
  const customer = (
    await repCall({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '华精机床', ownerId: rep.userId },
    })
  ).json<Customer>();
  const contact = (
    await repCall({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { customerId: customer.id, name: '王经理', email: contactEmail },
    })
  ).json<{ id: string }>();
  return { admin, rep, repCall, customer, contact };
}

async function material(s: Session, title: string, name: string, content: Buffer): Promise<MaterialDetail> {
  const uploaded = await as(t, s)({ method: 'POST', url: '/api/v1/files', ...multipartFile(name, content) });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const created = await as(
    t,
    s,
  )({
    method: 'POST',
    url: '/api/v1/materials',
    payload: { title, kind: 'brochure', fileId: uploaded.json<{ id: string }>().id },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<MaterialDetail>();
}

/** Each attachment part of a raw MIME message: its file name and decoded bytes. */
function attachmentsIn(raw: string): { filename: string; content: Buffer }[] {
  const out: { filename: string; content: Buffer }[] = [];
  for (const part of raw.split(/\r?\n--/)) {
    const filename = /filename="?([^";\r\n]+)"?/.exec(part)?.[1];
    if (!filename) continue;
    const [headers = '', ...rest] = part.split(/\r?\n\r?\n/);
    expect(headers).toMatch(/Content-Transfer-Encoding: base64/i);
    out.push({ filename, content: Buffer.from(rest.join('').replace(/\s+/g, ''), 'base64') });
  }
  return out;
}

describe('sending library materials with a mail', () => {
  it('attaches the latest file of each material with its bytes and notes the titles on the timeline', async () => {
    const c = await company('wang.attach@huajing.example');
    const bytes = randomBytes(40_000);
    const brochure = await material(c.rep.session, '产品手册 2026', 'brochure.bin', bytes);
    const sheet = Buffer.from('Spec sheet, version 1');
    const spec = await material(c.rep.session, 'Spec sheet', 'spec.txt', sheet);
    const sent = await c.repCall({
      method: 'POST',
      url: '/api/v1/emails',
      payload: {
        contactId: c.contact.id,
        subject: '资料',
        body: '请查收附件。',
        materialIds: [brochure.id, spec.id, brochure.id],
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { activityId, mailId } = sent.json<{ activityId: string; mailId: string }>();

    const [row] = await withTenant(t.platform.db, c.admin.me.tenant.id, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.id, mailId)),
    );
    expect(row?.attachments.map((a) => [a.fileId, a.name])).toEqual([
      [brochure.latestFile?.id, 'brochure.bin'],
      [spec.latestFile?.id, 'spec.txt'],
    ]);

    const mail = await waitFor(
      async () => smtp.received.find((m) => m.to.includes('wang.attach@huajing.example')),
      'the mail with attachments',
    );
    const parts = attachmentsIn(mail.raw);
    expect(parts.map((p) => p.filename)).toEqual(['brochure.bin', 'spec.txt']);
    expect(parts[0]?.content.equals(bytes)).toBe(true);
    expect(parts[1]?.content.equals(sheet)).toBe(true);

    const activity = (
      await c.repCall({ method: 'GET', url: `/api/v1/activities/${activityId}` })
    ).json<Activity>();
    expect(activity.body).toContain('请查收附件。');
    expect(activity.body).toContain('📎 产品手册 2026 (brochure.bin)');
    expect(activity.body).toContain('📎 Spec sheet (spec.txt)');
  });

  it('refuses unknown and other companies’ materials by index, more than five, and over 20 MB in all', async () => {
    const c = await company('wang.refuse@huajing.example');
    const mine = await material(c.rep.session, 'Deck', 'deck.bin', randomBytes(1_000));
    const other = await newTenant(t, '别家公司');
    const theirs = await material(other, 'Their deck', 'their.bin', randomBytes(1_000));
    const send = (materialIds: unknown) =>
      c.repCall({
        method: 'POST',
        url: '/api/v1/emails',
        payload: { contactId: c.contact.id, subject: 'x', body: 'y', materialIds },
      });

    const unknown = await send([mine.id, theirs.id, '01890000-0000-7000-8000-000000000000']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors?.map((e) => [e.path, e.code])).toEqual([
      ['materialIds.1', 'unknown_record'],
      ['materialIds.2', 'unknown_record'],
    ]);
    const notUuid = await send(['deck']);
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json<Problem>().errors?.[0]?.path).toBe('materialIds.0');
    const six = await send(Array.from({ length: 6 }, () => mine.id));
    expect(six.statusCode).toBe(400);
    expect(six.json<Problem>().errors?.[0]?.path).toBe('materialIds');

    const fileId = mine.latestFile?.id ?? '';
    await withTenant(t.platform.db, c.admin.me.tenant.id, (tx) =>
      tx
        .update(files)
        .set({ size: 21 * 1024 * 1024 })
        .where(and(eq(files.tenantId, c.admin.me.tenant.id), eq(files.id, fileId))),
    );
    const tooLarge = await send([mine.id]);
    expect(tooLarge.statusCode).toBe(400);
    const problem = tooLarge.json<Problem>().errors?.[0];
    expect(problem).toMatchObject({ path: 'materialIds', code: 'attachments_too_large' });
    expect(problem?.detail).toContain('21.0');
    // Nothing was queued or logged for the refused sends.
    const queued = await withTenant(t.platform.db, c.admin.me.tenant.id, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.to, 'wang.refuse@huajing.example')),
    );
    expect(queued).toEqual([]);
  });
});
