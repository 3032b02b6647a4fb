import { type ContactSummary, DECISION_ROLES, type DecisionRole } from '@contracts/customers.contract';

/**
 * The decision chain read from a customer's contacts: which roles nobody holds yet, the reporting lines as
 * a forest, and whether a new reporting line would loop. Pure, so the map's rules are tested on their own.
 */

export type ChainContact = Pick<ContactSummary, 'id' | 'name' | 'role' | 'attitude' | 'reportsToId'>;

/** Roles of DOMAIN.md §7 that no contact holds, in the order of the chain. */
export function missingRoles(contacts: readonly ChainContact[]): DecisionRole[] {
  const held = new Set(contacts.map((c) => c.role));
  return DECISION_ROLES.filter((role) => !held.has(role));
}

export type ReportingNode<C extends ChainContact> = { contact: C; reports: ReportingNode<C>[] };

/**
 * Who reports to whom, top managers first. A contact whose manager is not in the list (or that sits on a
 * loop the server would have refused) is shown at the top rather than lost.
 */
export function reportingForest<C extends ChainContact>(contacts: readonly C[]): ReportingNode<C>[] {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const nodes = new Map(contacts.map((c) => [c.id, { contact: c, reports: [] as ReportingNode<C>[] }]));
  const roots: ReportingNode<C>[] = [];
  for (const contact of contacts) {
    const node = nodes.get(contact.id);
    if (!node) continue;
    const manager = contact.reportsToId ? nodes.get(contact.reportsToId) : undefined;
    if (manager && !reachesUp(byId, contact.reportsToId, contact.id)) manager.reports.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Whether walking up the reporting lines from `start` reaches `target`. */
function reachesUp(byId: Map<string, ChainContact>, start: string | null, target: string): boolean {
  const seen = new Set<string>();
  for (let at = start; at; at = byId.get(at)?.reportsToId ?? null) {
    if (at === target) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}

/** Whether `id` reporting to `managerId` would close a loop (checked again by the server). */
export function wouldLoop(contacts: readonly ChainContact[], id: string, managerId: string): boolean {
  if (id === managerId) return true;
  return reachesUp(new Map(contacts.map((c) => [c.id, c])), managerId, id);
}
