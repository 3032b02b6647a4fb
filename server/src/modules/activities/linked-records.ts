import type { Tx } from '../../platform/db/database';
import { AppError, invalidFields } from '../../platform/http/errors';
import {
  canReadCustomer,
  canSeeCustomer,
  customerAndContactNames,
  getContact,
  getCustomer,
  noteActivity,
} from '../customers';
import { dealNames, getDeal } from '../deals';
import { visibleLead } from '../leads';
import type { ActivityViewer } from './activities.policy';
import type { FieldProblem } from './activity-fields';

/**
 * The records an activity links to, as the modules that own them answer: whether they exist and the viewer
 * may see them (each owner's own rule), their names, and the customer's and contact's last-activity time.
 */

export type Links = {
  leadId: string | null;
  customerId: string | null;
  contactId: string | null;
  dealId: string | null;
};

export type RecordKind = 'lead' | 'customer' | 'contact' | 'deal';

type LeadRow = Awaited<ReturnType<typeof visibleLead>>;

async function seeLead(tx: Tx, viewer: ActivityViewer, tenantId: string, id: string, lock: boolean) {
  try {
    return await visibleLead(tx, viewer, tenantId, id, lock);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

async function seeCustomer(tx: Tx, viewer: ActivityViewer, tenantId: string, id: string, read = false) {
  const row = await getCustomer(tx, tenantId, id);
  return row && (read ? canReadCustomer(viewer, row) : canSeeCustomer(viewer, row)) ? row : null;
}

/** A contact follows its customer. */
async function seeContact(tx: Tx, viewer: ActivityViewer, tenantId: string, id: string) {
  const row = await getContact(tx, tenantId, id);
  if (!row) return null;
  return (await seeCustomer(tx, viewer, tenantId, row.customerId)) ? row : null;
}

/** Until deals have a policy of their own: the deal's owner and team as for a customer, or its customer. */
async function seeDeal(tx: Tx, viewer: ActivityViewer, tenantId: string, id: string) {
  const row = await getDeal(tx, tenantId, id);
  if (!row) return null;
  if (canSeeCustomer(viewer, { ownerId: row.ownerId, teamId: row.teamId, sharedWith: [] })) return row;
  return (await seeCustomer(tx, viewer, tenantId, row.customerId)) ? row : null;
}

/**
 * Whether the viewer may see one record (a list filtered to it, a link). `read`: only to read its timeline,
 * which a pool customer's page shows to everyone who may claim it.
 */
export async function canSeeRecord(
  tx: Tx,
  viewer: ActivityViewer,
  tenantId: string,
  kind: RecordKind,
  id: string,
  read = false,
): Promise<boolean> {
  switch (kind) {
    case 'lead':
      return (await seeLead(tx, viewer, tenantId, id, false)) !== null;
    case 'customer':
      return (await seeCustomer(tx, viewer, tenantId, id, read)) !== null;
    case 'contact':
      return (await seeContact(tx, viewer, tenantId, id)) !== null;
    case 'deal':
      return (await seeDeal(tx, viewer, tenantId, id)) !== null;
  }
}

/**
 * Checks the links of a new or edited activity: at least one, each visible to the viewer, a contact or
 * deal of the named customer. A contact's or deal's customer is filled in when none is named, so the
 * activity shows on the customer's timeline. A linked lead comes back locked (its SLA may stop), and a
 * converted lead is refused as on the lead page.
 */
export async function resolveLinks(
  tx: Tx,
  viewer: ActivityViewer,
  tenantId: string,
  links: Links,
  options: { checkLead: boolean },
): Promise<{ links: Links; lead: LeadRow | null }> {
  if (!links.leadId && !links.customerId && !links.contactId && !links.dealId) {
    throw invalidFields({ path: 'customerId', code: 'link_required' });
  }
  const problems: FieldProblem[] = [];
  const unknown = (path: string) => problems.push({ path, code: 'unknown_record' });
  let lead: LeadRow | null = null;
  if (links.leadId && options.checkLead) {
    lead = await seeLead(tx, viewer, tenantId, links.leadId, true);
    if (!lead) unknown('leadId');
    else if (lead.status === 'converted') throw new AppError('lead_converted');
  }
  let customerId = links.customerId;
  if (customerId && !(await seeCustomer(tx, viewer, tenantId, customerId))) unknown('customerId');
  if (links.contactId) {
    const contact = await seeContact(tx, viewer, tenantId, links.contactId);
    if (!contact) unknown('contactId');
    else if (customerId && contact.customerId !== customerId) {
      problems.push({ path: 'contactId', code: 'contact_other_customer' });
    } else customerId = contact.customerId;
  }
  if (links.dealId) {
    const deal = await seeDeal(tx, viewer, tenantId, links.dealId);
    if (!deal) unknown('dealId');
    else if (customerId && deal.customerId !== customerId) {
      problems.push({ path: 'dealId', code: 'deal_other_customer' });
    } else customerId = deal.customerId;
  }
  if (problems.length > 0) throw invalidFields(...problems);
  return { links: { ...links, customerId }, lead };
}

/** Names of the customers, contacts and deals a page of activities links to. */
export async function linkNames(
  tx: Tx,
  tenantId: string,
  rows: readonly { customerId: string | null; contactId: string | null; dealId: string | null }[],
) {
  const ids = (pick: (r: (typeof rows)[number]) => string | null) =>
    rows.map(pick).filter((id): id is string => id !== null);
  const [people, deals] = await Promise.all([
    customerAndContactNames(tx, tenantId, {
      customerIds: ids((r) => r.customerId),
      contactIds: ids((r) => r.contactId),
    }),
    dealNames(
      tx,
      tenantId,
      ids((r) => r.dealId),
    ),
  ]);
  return { customers: people.customers, contacts: people.contacts, deals };
}

/** Moves the customer's and contact's last-activity time forward (never back). */
export async function noteLinkedActivity(tx: Tx, tenantId: string, links: Links, at: Date): Promise<void> {
  await noteActivity(tx, tenantId, { customerId: links.customerId, contactId: links.contactId }, at);
}
