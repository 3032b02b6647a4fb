import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, pageOf, Uuid } from './common';
import { CustomFilter, CustomValues, CustomValuesInput } from './custom-fields.contract';
import { CompanySize } from './leads.contract';

/**
 * Customers (accounts), their contacts with the decision chain, and the company's managed customer tags
 * (DOMAIN.md §7). Activities, the timeline, the public pool and the computed tiers, lifecycle stages and
 * health have contracts of their own.
 */

/** Lifecycle of DOMAIN.md §7, computed by the lifecycle rules (null until they have run). */
export const LIFECYCLE_STAGES = ['potential', 'growth', 'mature', 'decline', 'churned'] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** RFM tiers of DOMAIN.md §7, computed by the tier rules (null until they have run). */
export const CUSTOMER_TIERS = ['strategic', 'growth', 'potential', 'dormant'] as const;
export const CustomerTier = z.enum(CUSTOMER_TIERS);
export type CustomerTier = z.infer<typeof CustomerTier>;

/** A contact's part in the purchase decision (决策链角色). */
export const DECISION_ROLES = [
  'decision_maker',
  'influencer',
  'technical_evaluator',
  'procurement',
  'finance',
  'user',
] as const;
export const DecisionRole = z.enum(DECISION_ROLES);
export type DecisionRole = z.infer<typeof DecisionRole>;

/** How the contact stands towards us. */
export const ATTITUDES = ['supporter', 'neutral', 'opponent', 'unknown'] as const;
export const Attitude = z.enum(ATTITUDES);
export type Attitude = z.infer<typeof Attitude>;

/** Colours a managed tag may take (Ant Design's preset tag colours). */
export const CUSTOMER_TAG_COLORS = [
  'default',
  'magenta',
  'red',
  'volcano',
  'orange',
  'gold',
  'lime',
  'green',
  'cyan',
  'blue',
  'geekblue',
  'purple',
] as const;
export const CustomerTagColor = z.enum(CUSTOMER_TAG_COLORS);
export type CustomerTagColor = z.infer<typeof CustomerTagColor>;

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Whether a mainland China unified social credit code (统一社会信用代码, GB 32100-2015) is well formed: 18
 * characters from the code's alphabet (no I, O, S, V, Z), a six-digit division code in places 3–8, and the
 * last character the check digit of the first 17 (weights 3^i mod 31, check = 31 − sum mod 31).
 */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckDigit(code.slice(0, 17)) === code.charAt(17);
}

/** The check character for the first 17 characters of a credit code. */
export function creditCodeCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += CREDIT_CODE_CHARS.indexOf(first17.charAt(i)) * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARS.charAt((31 - (sum % 31)) % 31);
}

/** A credit code as people type it: full-width forms, spaces and dashes are tolerated, letters upper-cased. */
export function cleanCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The unified social credit code, checked with its check digit. Other countries' tax or registration
 * numbers go in `taxId`, which is kept as written.
 */
export const CreditCode = z
  .string()
  .max(40)
  .overwrite(cleanCreditCode)
  .refine(isValidCreditCode, 'invalid_credit_code');

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

/** Tag names: trimmed, unique, at most 30 per record. */
/** Tags one customer may carry. */
export const MAX_CUSTOMER_TAGS = 30;

export const TagList = z
  .array(z.string().trim().min(1).max(50))
  .max(MAX_CUSTOMER_TAGS)
  .overwrite((tags) => [...new Set(tags)]);

/** Fields a person edits on a customer. */
const CustomerFields = {
  legalName: optionalText(200),
  industry: optionalText(100),
  companySize: CompanySize.nullable().optional(),
  region: optionalText(100),
  address: optionalText(500),
  phone: optionalText(50),
  website: optionalText(500),
  creditCode: CreditCode.nullable().optional(),
  taxId: optionalText(50),
  /** Parent company (group); a customer cannot end up its own ancestor. */
  parentId: Uuid.nullable().optional(),
  tags: TagList.optional(),
  notes: text(10_000).optional(),
  /** Values of the company's custom fields for customers, by key (null clears one). */
  custom: CustomValuesInput.optional(),
};

/** A customer or contact that looks like the same company or person. */
export const RecordMatch = z.object({
  kind: z.enum(['customer', 'contact']),
  id: Uuid,
  name: z.string(),
  matchedOn: z.enum(['company', 'creditCode', 'phone', 'email']),
});
export type RecordMatch = z.infer<typeof RecordMatch>;

export const CustomerSummary = z.object({
  id: Uuid,
  name: z.string(),
  legalName: z.string().nullable(),
  industry: z.string().nullable(),
  companySize: CompanySize.nullable(),
  region: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  creditCode: z.string().nullable(),
  taxId: z.string().nullable(),
  parentId: Uuid.nullable(),
  tags: z.array(z.string()),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  lifecycleStage: LifecycleStage.nullable(),
  tier: CustomerTier.nullable(),
  /** 0–100 from the health rules (null until they have run); `atRisk` below the company's threshold. */
  healthScore: z.number().int().nullable(),
  atRisk: z.boolean(),
  lastActivityAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const Customer = CustomerSummary.extend({
  address: z.string().nullable(),
  notes: z.string(),
  /** Lead source the customer came from (conversion), if any. */
  source: z.string().nullable(),
  campaignId: Uuid.nullable(),
  parentName: z.string().nullable(),
  sharedWith: z.array(Uuid),
  /** Other customers and contacts with the same company name, credit code or phone. */
  duplicates: z.array(RecordMatch),
  /** Subsidiaries (customers whose parent this is). */
  children: z.array(z.object({ id: Uuid, name: z.string() })),
  /** Values of the active custom fields, by key. */
  custom: CustomValues,
  /** What this caller may do with the customer. */
  can: z.object({ edit: z.boolean(), assign: z.boolean(), delete: z.boolean() }),
});
export type Customer = z.infer<typeof Customer>;

export const CreateCustomerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  ...CustomerFields,
  /** Omitted: the creator. Reps may only name themselves. */
  ownerId: Uuid.nullable().optional(),
  /** Omitted: the owner's team when they are in exactly one. */
  teamId: Uuid.nullable().optional(),
});

export const UpdateCustomerBody = z.strictObject({
  version: z.number().int().optional(),
  name: z.string().trim().min(1).max(200).optional(),
  ...CustomerFields,
  ownerId: Uuid.nullable().optional(),
  teamId: Uuid.nullable().optional(),
  sharedWith: z.array(Uuid).max(50).optional(),
});

export const CUSTOMER_SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'name',
  '-name',
  'lastActivityAt',
  '-lastActivityAt',
  'healthScore',
  '-healthScore',
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

const ownerFilter = z.union([z.literal('me'), z.literal('none'), Uuid]);

/** Filters of the customer list. Unknown keys are a 400, never SQL. */
export const CustomerFilter = z.strictObject({
  /** Substring of the name, legal name, credit code, tax id or phone. */
  q: z.string().trim().max(100).optional(),
  /** `me`, `none` (no owner) or a user id. */
  ownerId: ownerFilter.optional(),
  teamId: Uuid.optional(),
  /** Customers carrying every one of these tags (comma-separated). */
  tags: csv(z.string().max(50)).optional(),
  industry: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  lifecycleStage: csv(LifecycleStage).optional(),
  tier: csv(CustomerTier).optional(),
  /** `true`: only customers on the at-risk list (health below the company's threshold). */
  atRisk: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  parentId: Uuid.optional(),
  /** Custom fields: JSON `{ "key": value }` (equal, or has the option) or `{ "key": { "min": …, "max": … } }`. */
  custom: CustomFilter.optional(),
  /** A saved segment's filters (customer-segments); the other filters given refine or replace its own. */
  segment: Uuid.optional(),
});
export type CustomerFilter = z.infer<typeof CustomerFilter>;

const listLimit = z.coerce.number().int().min(1).max(200).default(50);

export const listCustomers = defineRoute({
  method: 'GET',
  path: '/api/v1/customers',
  summary: 'Customers the caller may see, filtered and sorted',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  query: CustomerFilter.extend({
    limit: listLimit,
    cursor: z.string().max(500).optional(),
    sort: z.enum(CUSTOMER_SORTS).default('-createdAt'),
  }),
  response: { 200: pageOf(CustomerSummary) },
});

export const countCustomers = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/count',
  summary: 'How many customers match the filters (capped, for list headers)',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  query: CustomerFilter,
  response: { 200: z.object({ count: z.number().int(), capped: z.boolean() }) },
});

export const getCustomer = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id',
  summary: 'One customer with its profile, duplicates and subsidiaries',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Customer },
});

export const createCustomer = defineRoute({
  method: 'POST',
  path: '/api/v1/customers',
  summary: 'Create a customer; the answer lists customers and contacts that look the same',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  body: CreateCustomerBody,
  response: { 201: Customer },
});

export const updateCustomer = defineRoute({
  method: 'PATCH',
  path: '/api/v1/customers/:id',
  summary: 'Edit a customer or reassign it (send the version you read)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: UpdateCustomerBody,
  response: { 200: Customer },
});

export const deleteCustomer = defineRoute({
  method: 'DELETE',
  path: '/api/v1/customers/:id',
  summary:
    'Delete a customer and its contacts (managers and admins; refused while deals or leads refer to it)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const checkCustomerDuplicates = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/duplicates',
  summary: 'Customers and contacts that match a company name, credit code or phone (before saving)',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  body: z.strictObject({
    name: optionalText(200),
    legalName: optionalText(200),
    creditCode: CreditCode.nullable().optional(),
    phone: optionalText(50),
    excludeId: Uuid.optional(),
  }),
  response: { 200: z.object({ matches: z.array(RecordMatch) }) },
});

/** A deal as the customer page lists it (the deals module owns deals). */
export const CustomerDeal = z.object({
  id: Uuid,
  name: z.string(),
  status: z.string(),
  amountMinor: z.number().int().nullable(),
  currency: z.string(),
  expectedCloseOn: z.iso.date().nullable(),
  contactId: Uuid.nullable(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type CustomerDeal = z.infer<typeof CustomerDeal>;

export const listCustomerDeals = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id/deals',
  summary: 'Deals of a customer, newest first',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: z.strictObject({ limit: listLimit, cursor: z.string().max(500).optional() }),
  response: { 200: pageOf(CustomerDeal) },
});

// Contacts

/** Fields a person edits on a contact. */
const ContactFields = {
  title: optionalText(100),
  department: optionalText(100),
  phone: optionalText(50),
  email: optionalText(254),
  /** Further phones and emails besides the primary ones. */
  phones: z.array(text(50).min(1)).max(10).optional(),
  emails: z.array(text(254).min(1)).max(10).optional(),
  wechat: optionalText(100),
  preferences: text(2000).optional(),
  role: DecisionRole.nullable().optional(),
  attitude: Attitude.optional(),
  /** Another contact of the same customer; no cycles. */
  reportsToId: Uuid.nullable().optional(),
  tags: TagList.optional(),
  notes: text(10_000).optional(),
  /** Values of the company's custom fields for contacts, by key (null clears one). */
  custom: CustomValuesInput.optional(),
};

export const ContactSummary = z.object({
  id: Uuid,
  customerId: Uuid,
  customerName: z.string().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  role: DecisionRole.nullable(),
  attitude: Attitude,
  reportsToId: Uuid.nullable(),
  tags: z.array(z.string()),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  lastActivityAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const Contact = ContactSummary.extend({
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  preferences: z.string(),
  notes: z.string(),
  reportsToName: z.string().nullable(),
  /** Other contacts and customers with the same email or phone. */
  duplicates: z.array(RecordMatch),
  custom: CustomValues,
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Contact = z.infer<typeof Contact>;

export const CreateContactBody = z.strictObject({
  customerId: Uuid,
  name: z.string().trim().min(1).max(100),
  ...ContactFields,
  /** Omitted: the customer's owner. Reps may only name themselves or the customer's owner. */
  ownerId: Uuid.nullable().optional(),
});

export const UpdateContactBody = z.strictObject({
  version: z.number().int().optional(),
  name: z.string().trim().min(1).max(100).optional(),
  ...ContactFields,
  ownerId: Uuid.nullable().optional(),
});

export const CONTACT_SORTS = ['createdAt', '-createdAt', 'name', '-name'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export const ContactFilter = z.strictObject({
  /** Substring of the name, email, phone or WeChat id. */
  q: z.string().trim().max(100).optional(),
  customerId: Uuid.optional(),
  ownerId: ownerFilter.optional(),
  role: csv(DecisionRole).optional(),
  attitude: csv(Attitude).optional(),
  tags: csv(z.string().max(50)).optional(),
});
export type ContactFilter = z.infer<typeof ContactFilter>;

export const listContacts = defineRoute({
  method: 'GET',
  path: '/api/v1/contacts',
  summary: 'Contacts of the customers the caller may see, filtered and sorted',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  query: ContactFilter.extend({
    limit: listLimit,
    cursor: z.string().max(500).optional(),
    sort: z.enum(CONTACT_SORTS).default('-createdAt'),
  }),
  response: { 200: pageOf(ContactSummary) },
});

export const listCustomerContacts = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id/contacts',
  summary: "A customer's contacts with their decision-chain roles, by name (the relationship map reads them)",
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(200),
    cursor: z.string().max(500).optional(),
  }),
  response: { 200: pageOf(ContactSummary) },
});

export const getContact = defineRoute({
  method: 'GET',
  path: '/api/v1/contacts/:id',
  summary: 'One contact with phones, emails, preferences and duplicates',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Contact },
});

export const createContact = defineRoute({
  method: 'POST',
  path: '/api/v1/contacts',
  summary:
    'Add a contact to a customer; the answer lists contacts and customers with the same phone or email',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  body: CreateContactBody,
  response: { 201: Contact },
});

export const updateContact = defineRoute({
  method: 'PATCH',
  path: '/api/v1/contacts/:id',
  summary: 'Edit a contact, its role, attitude or reporting line (send the version you read)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: UpdateContactBody,
  response: { 200: Contact },
});

export const deleteContact = defineRoute({
  method: 'DELETE',
  path: '/api/v1/contacts/:id',
  summary:
    'Delete a contact (those reporting to it keep no manager; refused while deals or leads refer to it)',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});

export const checkContactDuplicates = defineRoute({
  method: 'POST',
  path: '/api/v1/contacts/duplicates',
  summary: 'Contacts and customers that match a phone or email (before saving a contact)',
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  body: z.strictObject({
    phone: optionalText(50),
    email: optionalText(254),
    excludeId: Uuid.optional(),
  }),
  response: { 200: z.object({ matches: z.array(RecordMatch) }) },
});

// Managed tags

export const CustomerTag = z.object({
  id: Uuid,
  name: z.string(),
  color: CustomerTagColor,
  description: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int(),
});
export type CustomerTag = z.infer<typeof CustomerTag>;

const TagName = z.string().trim().min(1).max(50);

export const listCustomerTags = defineRoute({
  method: 'GET',
  path: '/api/v1/customer-tags',
  summary: "The company's managed customer tags, by name",
  tags: ['customers'],
  access: 'session',
  scope: 'read',
  response: { 200: z.object({ items: z.array(CustomerTag) }) },
});

export const createCustomerTag = defineRoute({
  method: 'POST',
  path: '/api/v1/customer-tags',
  summary: 'Add a managed customer tag (managers and admins)',
  tags: ['customers'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'write',
  body: z.strictObject({
    name: TagName,
    color: CustomerTagColor.default('default'),
    description: text(500).default(''),
  }),
  response: { 201: CustomerTag },
});

export const updateCustomerTag = defineRoute({
  method: 'PATCH',
  path: '/api/v1/customer-tags/:id',
  summary: 'Rename or recolour a managed tag; a new name is carried onto every customer with the tag',
  tags: ['customers'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'write',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: TagName.optional(),
    color: CustomerTagColor.optional(),
    description: text(500).optional(),
  }),
  response: { 200: CustomerTag },
});

export const deleteCustomerTag = defineRoute({
  method: 'DELETE',
  path: '/api/v1/customer-tags/:id',
  summary: 'Remove a tag from the managed list (customers keep it as a free tag)',
  tags: ['customers'],
  access: 'session',
  permission: 'customers.configure',
  scope: 'write',
  params: IdParams,
  response: { 204: z.null() },
});
