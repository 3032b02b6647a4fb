import { z } from 'zod';

/** Shapes shared by every contract: ids, paging, problems, roles, locales. */

export const Uuid = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });

export const LOCALES = ['zh-CN', 'en-US'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** Built-in roles of DOMAIN.md. Visibility: own for reps (and specialists), team for managers, tenant for directors and admins. */
export const ROLES = [
  'rep',
  'manager',
  'director',
  'marketing',
  'legal',
  'delivery',
  'service',
  'admin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'invalid_time_zone');

/** ISO 4217 code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'invalid_currency');

export const IdParams = z.strictObject({ id: Uuid });

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** RFC 9457 problem details, with a stable machine code and the offending field paths. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), detail: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** Permissions a role grants; routes name the one they need. */
export const PERMISSIONS = [
  'users.manage',
  'teams.manage',
  'settings.manage',
  'audit.read',
  'outbox.read',
  'jobs.manage',
  /** Assign and reassign leads, see the team's SLA breaches. */
  'leads.assign',
  /** Import leads from files. */
  'leads.import',
  /** Export leads (audited). */
  'leads.export',
  /** Delete leads. */
  'leads.delete',
  /** Scoring, assignment, SLA and nurture rules of leads. */
  'leads.configure',
  /** Campaigns and web-to-lead forms. */
  'marketing.manage',
  /** Reassign customers to other owners and teams. */
  'customers.assign',
  /** Delete customers and contacts (audited). */
  'customers.delete',
  /** The company's managed customer tags. */
  'customers.configure',
  /** Reassign deals to other owners and teams. */
  'deals.assign',
  /** Delete deals (audited). */
  'deals.delete',
  /** Review proposals and approve prices below the negotiation floor. */
  'deals.approve',
  /** Pipelines with their stages and gates, loss reasons, competitors, the objection playbook, deal rules. */
  'deals.configure',
  /** Products, bundles, price books and exchange rates. */
  'catalog.manage',
  /** The discount authority matrix and approval rules. */
  'approvals.configure',
  /** Legal review of contracts: comment, return, approve a version. */
  'contracts.review',
  /** Counter-sign contracts for the company. */
  'contracts.sign',
  /** Contract templates, numbering, signing and renewal rules. */
  'contracts.configure',
  /** Payment plans, payments and invoices of any contract the caller can see. */
  'receivables.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** public: anyone; session: a signed-in user (cookie) or an API token. */
export type Access = 'public' | 'session';

export type RouteContract = {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: readonly string[];
  access: Access;
  /** Permission the caller's role must grant. */
  permission?: Permission;
  /** API-token scope required when the caller uses a token instead of a session. */
  scope?: 'read' | 'write' | 'admin';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: Partial<Record<200 | 201 | 202 | 204, z.ZodType>>;
};

export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}
