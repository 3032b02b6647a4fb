import type { ActivityItem } from '@contracts/activities.contract';
import { expect } from 'vitest';
import { addUser, as, newTenant, type Session, type TestApp } from '../../../test/helper';
import { type Actor, systemActor } from '../../platform/audit';
import { withTenant } from '../../platform/db/tenancy';
import { createContact, createCustomer } from '../customers';
import { createDeal } from '../deals';

/** A company with a team (manager + two reps), a rep outside it, and records to link activities to. */

export async function company(t: TestApp) {
  const admin = await newTenant(t);
  const call = as(t, admin);
  const team = (
    await call({ method: 'POST', url: '/api/v1/teams', payload: { name: 'East', region: '华东' } })
  ).json<{ id: string }>();
  const manager = await addUser(t, admin, 'manager', 'Manager Ma');
  const rep = await addUser(t, admin, 'rep', 'Rep Li');
  const otherRep = await addUser(t, admin, 'rep', 'Rep Zhao');
  const outsider = await addUser(t, admin, 'rep', 'Rep Outside');
  await call({
    method: 'PUT',
    url: `/api/v1/teams/${team.id}/members`,
    payload: {
      members: [
        { userId: manager.userId, isLead: true },
        { userId: rep.userId },
        { userId: otherRep.userId },
      ],
    },
  });
  const tenantId = admin.me.tenant.id;
  const actor: Actor = systemActor(tenantId);
  return { t, admin, call, tenantId, actor, teamId: team.id, manager, rep, otherRep, outsider };
}

export type Company = Awaited<ReturnType<typeof company>>;

/** A customer owned by `ownerId`, with a contact and an open deal. */
export async function account(c: Company, name: string, ownerId: string | null) {
  return withTenant(c.t.platform.db, c.tenantId, async (tx) => {
    const customer = await createCustomer(tx, c.actor, {
      name,
      industry: null,
      companySize: null,
      region: null,
      phone: null,
      source: null,
      campaignId: null,
      ownerId,
      teamId: null,
    });
    const contact = await createContact(tx, c.actor, {
      customerId: customer.id,
      name: `${name} Contact`,
      title: null,
      phone: null,
      email: null,
      ownerId,
    });
    const deal = await createDeal(tx, c.actor, {
      name: `${name} deal`,
      customerId: customer.id,
      contactId: contact.id,
      amountMinor: 100_000,
      currency: 'CNY',
      expectedCloseOn: null,
      source: null,
      campaignId: null,
      ownerId,
      teamId: null,
    });
    return { customerId: customer.id, contactId: contact.id, dealId: deal.id };
  });
}

export async function logActivity(
  t: TestApp,
  s: Session,
  payload: Record<string, unknown>,
): Promise<ActivityItem> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/activities', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ActivityItem>();
}

export const fieldsOf = (body: string) =>
  (JSON.parse(body) as { errors?: { path: string; code: string }[] }).errors?.map((e) => [e.path, e.code]) ??
  [];
