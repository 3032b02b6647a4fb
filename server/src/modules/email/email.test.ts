import type { Activity } from '@contracts/activities.contract';
import type { Customer } from '@contracts/customers.contract';
import type { EmailTemplate } from '@contracts/email.contract';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, newTenant, useTestApp } from '../../../test/helper';
import { outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';

/** E-mail from a record: templates with merge fields, a mail through the outbox, logged on the timeline. */

const t = await useTestApp();

type Problem = { code: string; errors?: { path: string; code: string; detail: string }[] };

async function company() {
  const admin = await newTenant(t, '华南精工');
  const call = as(t, admin);
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
      payload: { customerId: customer.id, name: '王经理', title: '采购总监', email: 'wang@huajing.example' },
    })
  ).json<{ id: string }>();
  return { admin, call, rep, repCall, customer, contact };
}

describe('e-mail templates', () => {
  it('lets managers keep templates and refuses misspelt merge fields, naming them', async () => {
    const c = await company();
    const bad = await c.call({
      method: 'POST',
      url: '/api/v1/email-templates',
      payload: { name: '报价跟进', subject: '{{contat.name}} 您好', body: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.[0]).toMatchObject({ path: 'subject', code: 'unknown_merge_field' });
    expect(bad.json<Problem>().errors?.[0]?.detail).toContain('contat.name');
    const ok = await c.call({
      method: 'POST',
      url: '/api/v1/email-templates',
      payload: {
        name: '报价跟进',
        subject: '{{customer.name}} 报价跟进',
        body: '{{contact.name}}（{{contact.title}}）您好：\n附上报价。\n{{me.name}}，{{company.name}}',
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const rep = await c.repCall({
      method: 'POST',
      url: '/api/v1/email-templates',
      payload: { name: 'x', subject: 'x', body: 'x' },
    });
    expect(rep.statusCode).toBe(403);
    const list = (await c.repCall({ method: 'GET', url: '/api/v1/email-templates' })).json<{
      items: EmailTemplate[];
    }>();
    expect(list.items.map((i) => i.name)).toEqual(['报价跟进']);
  });
});

describe('sending from a contact', () => {
  it('fills the merge fields, queues the mail and logs an outbound email on the timeline', async () => {
    const c = await company();
    const compose = {
      contactId: c.contact.id,
      subject: '{{customer.name}} 报价跟进',
      body: '{{contact.name}}（{{contact.title}}）您好：\n{{me.name}}，{{company.name}}',
    };
    const preview = await c.repCall({ method: 'POST', url: '/api/v1/emails/preview', payload: compose });
    expect(preview.json()).toEqual({
      to: 'wang@huajing.example',
      subject: '华精机床 报价跟进',
      body: '王经理（采购总监）您好：\nRep Lin，华南精工',
    });
    const sent = await c.repCall({ method: 'POST', url: '/api/v1/emails', payload: compose });
    expect(sent.statusCode, sent.body).toBe(201);
    const { activityId, mailId } = sent.json<{ activityId: string; mailId: string }>();
    const [mail] = await withTenant(t.platform.db, c.admin.me.tenant.id, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.id, mailId)),
    );
    expect(mail).toMatchObject({ to: 'wang@huajing.example', subject: '华精机床 报价跟进' });
    const timeline = await c.repCall({ method: 'GET', url: `/api/v1/contacts/${c.contact.id}/timeline` });
    expect(timeline.body).toContain(activityId);
    const activity = (
      await c.repCall({ method: 'GET', url: `/api/v1/activities/${activityId}` })
    ).json<Activity>();
    expect(activity).toMatchObject({ kind: 'email', direction: 'outbound', customerId: c.customer.id });
    const customer = (
      await c.repCall({ method: 'GET', url: `/api/v1/customers/${c.customer.id}` })
    ).json<Customer>();
    expect(customer.lastActivityAt).not.toBeNull();
  });

  it('refuses a contact the caller cannot see, one without e-mail, and unknown fields', async () => {
    const c = await company();
    const other = await addUser(t, c.admin, 'rep', 'Rep Other');
    const hidden = await as(
      t,
      other.session,
    )({
      method: 'POST',
      url: '/api/v1/emails',
      payload: { contactId: c.contact.id, subject: 'x', body: 'y' },
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json<Problem>().errors?.[0]).toMatchObject({ path: 'contactId', code: 'unknown_record' });
    const noMail = (
      await c.repCall({
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { customerId: c.customer.id, name: '李工' },
      })
    ).json<{ id: string }>();
    const none = await c.repCall({
      method: 'POST',
      url: '/api/v1/emails',
      payload: { contactId: noMail.id, subject: 'x', body: 'y' },
    });
    expect(none.json<Problem>().errors?.[0]).toMatchObject({
      path: 'contactId',
      code: 'contact_without_email',
    });
    const typo = await c.repCall({
      method: 'POST',
      url: '/api/v1/emails',
      payload: { contactId: c.contact.id, subject: 'x', body: 'Hi {{contact.nmae}}' },
    });
    expect(typo.json<Problem>().errors?.[0]).toMatchObject({ path: 'body', code: 'unknown_merge_field' });
  });
});
