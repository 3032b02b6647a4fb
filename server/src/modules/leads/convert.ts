import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { relinkLeadActivities } from '../activities';
import { carryCustomValues, loadFields } from '../custom-fields';
import {
  addCustomerCustomValues,
  createContact,
  createCustomer,
  getContact,
  getCustomer,
} from '../customers';
import { createDeal } from '../deals';
import { leadAbilities } from './leads.policy';
import { type LeadRow, presentLead } from './leads.queries';
import { type LeadCaller, viewerOf, visibleLead } from './leads.service';
import { leads } from './leads.tables';

/**
 * Conversion (DOMAIN.md §1): a sales-qualified lead becomes a customer (new, or one the duplicate check
 * found), a contact and optionally a deal, all in one transaction. The deal carries the lead's source and
 * campaign; the lead's activities gain the new links; the lead itself stays, read-only, as the history.
 * The lead's custom values go to the customer's fields with the same key and a compatible type (the same
 * type, or a select into a multi-select, with options the customer field also has: carryCustomValues); an
 * existing customer only gains values for fields it has none for.
 */

export type ConvertInput = {
  customer: { mode: 'new'; name?: string | undefined } | { mode: 'existing'; id: string };
  contact: { mode: 'new' } | { mode: 'existing'; id: string } | { mode: 'none' };
  deal: {
    name: string;
    amountMinor: number | null;
    currency?: string | undefined;
    expectedCloseOn: string | null;
  } | null;
};

export type ConvertResult = {
  lead: Lead;
  customerId: string;
  contactId: string | null;
  dealId: string | null;
};

export async function convertLead(
  platform: Platform,
  caller: LeadCaller,
  id: string,
  expectedVersion: number,
  input: ConvertInput,
): Promise<ConvertResult> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    const lead = await visibleLead(tx, viewer, tenantId, id, true);
    if (lead.version !== expectedVersion) throw new AppError('version_conflict');
    const abilities = leadAbilities(viewer, {
      ownerId: lead.ownerId,
      teamId: lead.teamId,
      sharedWith: lead.sharedWith,
      status: lead.status === 'sql' ? 'sql' : 'new',
    });
    if (lead.status === 'sql' && !abilities.convert) throw new AppError('forbidden');
    const { row, ...links } = await convertInTx(
      tx,
      { actor: caller.actor, now: platform.clock.now() },
      lead,
      input,
    );
    return { ...links, lead: await presentLead(tx, row, viewer) };
  });
}

/** The conversion itself, on a locked lead row, inside the caller's transaction (also used by the demo seeder). */
export async function convertInTx(
  tx: Tx,
  ctx: { actor: Actor; now: Date },
  lead: LeadRow,
  input: ConvertInput,
): Promise<{ row: LeadRow; customerId: string; contactId: string | null; dealId: string | null }> {
  const { actor, now } = ctx;
  const tenantId = actor.tenantId;
  const id = lead.id;
  if (lead.status === 'converted') throw new AppError('lead_converted');
  if (lead.status !== 'sql') throw new AppError('not_convertible');
  const ownerId = lead.ownerId ?? actor.userId;
  const [leadFields, customerFields] = await Promise.all([
    loadFields(tx, tenantId, 'lead'),
    loadFields(tx, tenantId, 'customer'),
  ]);
  let customerId: string;
  if (input.customer.mode === 'existing') {
    const customer = await getCustomer(tx, tenantId, input.customer.id);
    if (!customer) throw invalidFields({ path: 'customer.id', code: 'unknown_record' });
    customerId = customer.id;
    const carried = carryCustomValues(leadFields, customerFields, lead.custom, customer.custom);
    await addCustomerCustomValues(tx, actor, customerId, carried, now);
  } else {
    const name = input.customer.name ?? lead.companyName ?? lead.contactName;
    if (!name) throw invalidFields({ path: 'customer.name', code: 'required' });
    const customer = await createCustomer(tx, actor, {
      name,
      industry: lead.industry,
      companySize: lead.companySize,
      region: lead.region,
      phone: lead.contactName ? null : lead.phone,
      source: lead.source,
      campaignId: lead.campaignId,
      ownerId,
      teamId: lead.teamId,
      custom: carryCustomValues(leadFields, customerFields, lead.custom, {}),
    });
    customerId = customer.id;
  }

  let contactId: string | null = null;
  if (input.contact.mode === 'existing') {
    const contact = await getContact(tx, tenantId, input.contact.id);
    if (!contact) throw invalidFields({ path: 'contact.id', code: 'unknown_record' });
    if (contact.customerId !== customerId)
      throw invalidFields({ path: 'contact.id', code: 'contact_other_customer' });
    contactId = contact.id;
  } else if (input.contact.mode === 'new') {
    if (!lead.contactName) throw invalidFields({ path: 'contact', code: 'contact_name_missing' });
    const contact = await createContact(tx, actor, {
      customerId,
      name: lead.contactName,
      title: lead.title,
      phone: lead.phone,
      email: lead.email,
      ownerId,
    });
    contactId = contact.id;
  }

  let dealId: string | null = null;
  if (input.deal) {
    const [tenant] = await tx
      .select({ currency: tenants.currency })
      .from(tenants)
      .where(eq(tenants.tenantId, tenantId));
    const deal = await createDeal(tx, actor, {
      name: input.deal.name,
      customerId,
      contactId,
      amountMinor: input.deal.amountMinor,
      currency: input.deal.currency ?? tenant?.currency ?? 'CNY',
      expectedCloseOn: input.deal.expectedCloseOn,
      source: lead.source,
      campaignId: lead.campaignId,
      ownerId,
      teamId: lead.teamId,
    });
    dealId = deal.id;
  }

  const [after] = await tx
    .update(leads)
    .set({
      status: 'converted',
      statusReason: null,
      statusChangedAt: now,
      convertedAt: now,
      customerId,
      contactId,
      dealId,
      nurtureNextAt: null,
      revisitAt: null,
      version: lead.version + 1,
      updatedAt: now,
    })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)))
    .returning();
  if (!after) throw new AppError('not_found');
  await relinkLeadActivities(tx, tenantId, id, { customerId, contactId, dealId });
  await writeAudit(tx, actor, {
    entity: 'lead',
    entityId: id,
    action: 'convert',
    changes: changesBetween(lead, after, ['status', 'customerId', 'contactId', 'dealId']),
  });
  return { row: after, customerId, contactId, dealId };
}
