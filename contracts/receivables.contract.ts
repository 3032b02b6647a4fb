import { z } from 'zod';
import { Currency, defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * Cash and renewals (回款 · 续约, DOMAIN.md §5): a contract's payment plan by instalment, the payments received
 * and how they were allocated, invoices, the receivables ageing, and contracts due for renewal. Money is integer
 * minor units of the contract's currency; dates are calendar days (YYYY-MM-DD) in the company's time zone.
 */

const money = z.number().int().min(0).max(1e15);
const positiveMoney = z.number().int().min(1).max(1e15);
const day = z.iso.date();

export const PAYMENT_METHODS = [
  'bank_transfer',
  'acceptance_bill',
  'cheque',
  'cash',
  'online',
  'other',
] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const INVOICE_STATUSES = ['issued', 'sent', 'paid', 'void'] as const;
export const InvoiceStatus = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** paid: fully paid; overdue: past its due date with money open; due: not yet due (partly paid or not). */
export const INSTALMENT_STATES = ['paid', 'due', 'overdue'] as const;
export const InstalmentState = z.enum(INSTALMENT_STATES);
export type InstalmentState = z.infer<typeof InstalmentState>;

export const CUSTOMER_TIERS_FOR_RENEWAL = ['strategic', 'growth', 'potential', 'dormant'] as const;

const LeadDays = z.number().int().min(1).max(730);

export const RenewalOffer = z.strictObject({
  years: z.number().int().min(1).max(10),
  discountPercent: z.number().int().min(0).max(90),
});
export type RenewalOffer = z.infer<typeof RenewalOffer>;

/** The company's receivables and renewal rules; every field has the default of DOMAIN.md §5. */
export const ReceivableRules = z.strictObject({
  /** An instalment overdue by more than this many days alerts the contract's owner and lowers customer health. */
  overdueWarningDays: z.number().int().min(1).max(365).default(15),
  /** How long before a contract ends its owner is reminded and a renewal deal opens, by customer tier. */
  renewalLeadDays: z
    .strictObject({
      strategic: LeadDays.default(90),
      growth: LeadDays.default(60),
      potential: LeadDays.default(30),
      dormant: LeadDays.default(30),
    })
    .default({ strategic: 90, growth: 60, potential: 30, dormant: 30 }),
  /** Tiered renewal offers (longer term, larger discount), shown with every renewal. */
  renewalOffers: z
    .array(RenewalOffer)
    .max(10)
    .default([
      { years: 2, discountPercent: 10 },
      { years: 3, discountPercent: 15 },
    ]),
});
export type ReceivableRules = z.infer<typeof ReceivableRules>;

export const ReceivableSettings = z.object({ rules: ReceivableRules, version: z.number().int() });
export type ReceivableSettings = z.infer<typeof ReceivableSettings>;

export const Instalment = z.object({
  id: Uuid,
  seq: z.number().int(),
  title: z.string(),
  dueOn: day,
  amountMinor: money,
  paidMinor: money,
  openMinor: money,
  currency: z.string(),
  paidOn: day.nullable(),
  state: InstalmentState,
  /** Days past the due date in the company's time zone (0 when not overdue). */
  daysOverdue: z.number().int(),
  overdueAlertedAt: IsoDateTime.nullable(),
});
export type Instalment = z.infer<typeof Instalment>;

export const PaymentPlan = z.object({
  contractId: Uuid,
  contractNumber: z.string(),
  customerId: Uuid,
  currency: z.string(),
  contractAmountMinor: money,
  plannedMinor: money,
  paidMinor: money,
  outstandingMinor: money,
  overdueMinor: money,
  instalments: z.array(Instalment),
  /** Whether the caller may change the plan and record payments (owner or receivables.manage). */
  canEdit: z.boolean(),
  /** Whether the caller may reverse payments and issue invoices (receivables.manage). */
  canManage: z.boolean(),
  /** The plan's version: send it back with a change (0 while there is no plan). */
  version: z.number().int(),
});
export type PaymentPlan = z.infer<typeof PaymentPlan>;

export const InstalmentInput = z.strictObject({
  /** Leave out for a new instalment; an existing one keeps its id (and its payments). */
  id: Uuid.optional(),
  title: z.string().trim().max(200).default(''),
  dueOn: day,
  amountMinor: positiveMoney,
});
export type InstalmentInput = z.input<typeof InstalmentInput>;

export const PaymentPlanInput = z.strictObject({
  instalments: z.array(InstalmentInput).min(1).max(60),
  version: z.number().int().min(0),
});

export const Allocation = z.object({
  instalmentId: Uuid,
  seq: z.number().int(),
  title: z.string(),
  amountMinor: money,
});

export const Payment = z.object({
  id: Uuid,
  contractId: Uuid,
  contractNumber: z.string(),
  customerId: Uuid,
  receivedOn: day,
  amountMinor: money,
  currency: z.string(),
  method: PaymentMethod,
  reference: z.string(),
  note: z.string(),
  recordedBy: Uuid.nullable(),
  recordedByName: z.string().nullable(),
  allocations: z.array(Allocation),
  createdAt: IsoDateTime,
});
export type Payment = z.infer<typeof Payment>;

export const PaymentInput = z.strictObject({
  contractId: Uuid,
  receivedOn: day,
  amountMinor: positiveMoney,
  method: PaymentMethod,
  reference: z.string().trim().max(200).default(''),
  note: z.string().trim().max(2000).default(''),
  /** Left out: the oldest due instalments first. Given: must add up to the amount. */
  allocations: z
    .array(z.strictObject({ instalmentId: Uuid, amountMinor: positiveMoney }))
    .min(1)
    .max(60)
    .optional(),
});
export type PaymentInput = z.input<typeof PaymentInput>;

const ListByRecord = z
  .strictObject({ contractId: Uuid.optional(), customerId: Uuid.optional() })
  .refine((q) => q.contractId !== undefined || q.customerId !== undefined, {
    message: 'contract_or_customer_required',
    path: ['contractId'],
  });

export const Invoice = z.object({
  id: Uuid,
  number: z.string(),
  contractId: Uuid,
  contractNumber: z.string(),
  customerId: Uuid,
  instalmentId: Uuid.nullable(),
  title: z.string(),
  taxId: z.string(),
  /** The invoice total, tax included (价税合计). */
  amountMinor: money,
  /** The tax within the total. */
  taxMinor: money,
  currency: z.string(),
  status: InvoiceStatus,
  issuedOn: day,
  sentAt: IsoDateTime.nullable(),
  paidAt: IsoDateTime.nullable(),
  voidReason: z.string().nullable(),
  createdAt: IsoDateTime,
  version: z.number().int(),
});
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceInput = z
  .strictObject({
    contractId: Uuid,
    instalmentId: Uuid.nullable().default(null),
    title: z.string().trim().min(1).max(200),
    taxId: z.string().trim().max(40).default(''),
    amountMinor: positiveMoney,
    taxMinor: money.default(0),
    /** Left out: today in the company's time zone. */
    issuedOn: day.optional(),
  })
  .refine((v) => v.taxMinor <= v.amountMinor, { message: 'tax_above_amount', path: ['taxMinor'] });
export type InvoiceInput = z.input<typeof InvoiceInput>;

export const InvoiceStatusInput = z
  .strictObject({
    status: z.enum(['sent', 'paid', 'void']),
    voidReason: z.string().trim().max(500).optional(),
    version: z.number().int(),
  })
  .refine((v) => v.status !== 'void' || (v.voidReason ?? '').length > 0, {
    message: 'void_reason_required',
    path: ['voidReason'],
  });

export const AGEING_BUCKETS = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd90plus'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

const Buckets = z.object({
  notDue: money,
  d0_30: money,
  d31_60: money,
  d61_90: money,
  d90plus: money,
  overdue: money,
  total: money,
});
export type AgeingBuckets = z.infer<typeof Buckets>;

export const OverdueInstalment = z.object({
  instalmentId: Uuid,
  contractId: Uuid,
  contractNumber: z.string(),
  customerId: Uuid,
  customerName: z.string(),
  title: z.string(),
  dueOn: day,
  daysOverdue: z.number().int(),
  openMinor: money,
  currency: z.string(),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
});
export type OverdueInstalment = z.infer<typeof OverdueInstalment>;

export const Ageing = z.object({
  /** The day the ages are counted to, in the company's time zone. */
  asOf: day,
  totals: z.array(Buckets.extend({ currency: z.string() })),
  /**
   * All currencies together in the company's currency, each converted at the rate in force on `asOf`;
   * `missingRates` lists the currencies left out for want of a rate.
   */
  inCompanyCurrency: Buckets.extend({ currency: z.string(), missingRates: z.array(z.string()) }),
  customers: z.array(Buckets.extend({ customerId: Uuid, customerName: z.string(), currency: z.string() })),
  overdue: z.array(OverdueInstalment),
});
export type Ageing = z.infer<typeof Ageing>;

export const Renewal = z.object({
  contractId: Uuid,
  contractNumber: z.string(),
  title: z.string(),
  customerId: Uuid,
  customerName: z.string(),
  tier: z.enum(CUSTOMER_TIERS_FOR_RENEWAL).nullable(),
  endsOn: day,
  daysLeft: z.number().int(),
  /** The tier's lead time: the reminder goes out this many days before the end. */
  leadDays: z.number().int(),
  amountMinor: money,
  currency: z.string(),
  offers: z.array(RenewalOffer),
  ownerId: Uuid.nullable(),
  ownerName: z.string().nullable(),
  remindedAt: IsoDateTime.nullable(),
  renewalDealId: Uuid.nullable(),
  renewalDealName: z.string().nullable(),
});
export type Renewal = z.infer<typeof Renewal>;

export const CustomerTransactions = z.object({
  customerId: Uuid,
  contracts: z.array(
    z.object({
      id: Uuid,
      number: z.string(),
      title: z.string(),
      status: z.string(),
      amountMinor: money,
      currency: z.string(),
      signedOn: day.nullable(),
      paidMinor: money,
      outstandingMinor: money,
    }),
  ),
  payments: z.array(
    z.object({
      id: Uuid,
      contractId: Uuid,
      contractNumber: z.string(),
      receivedOn: day,
      amountMinor: money,
      currency: z.string(),
      method: PaymentMethod,
    }),
  ),
  /** Per currency: contracted, received, still open and overdue. */
  totals: z.array(
    z.object({
      currency: Currency,
      contractedMinor: money,
      receivedMinor: money,
      outstandingMinor: money,
      overdueMinor: money,
    }),
  ),
  /**
   * Average days from an instalment's due date to its full payment (negative: paid early); when nothing in the
   * plan is fully paid, from signing to the first payment. Null without any payment.
   */
  averagePaymentDays: z.number().nullable(),
  paymentCycleBasis: z.enum(['due_to_paid', 'signing_to_first_payment']).nullable(),
});
export type CustomerTransactions = z.infer<typeof CustomerTransactions>;

const tags = ['receivables'] as const;

export const getPaymentPlan = defineRoute({
  method: 'GET',
  path: '/api/v1/payment-plans/:id',
  summary: "A contract's payment plan (id: the contract's id), with what is paid and overdue",
  tags,
  access: 'session',
  params: IdParams,
  response: { 200: PaymentPlan },
});

export const putPaymentPlan = defineRoute({
  method: 'PUT',
  path: '/api/v1/payment-plans/:id',
  summary: "Sets a contract's instalments; they add up to the contract amount",
  tags,
  access: 'session',
  params: IdParams,
  body: PaymentPlanInput,
  response: { 200: PaymentPlan },
});

export const listPayments = defineRoute({
  method: 'GET',
  path: '/api/v1/payments',
  summary: 'Payments received on a contract or from a customer, newest first',
  tags,
  access: 'session',
  query: ListByRecord,
  response: { 200: z.object({ items: z.array(Payment) }) },
});

export const recordPayment = defineRoute({
  method: 'POST',
  path: '/api/v1/payments',
  summary: 'Records a payment received and allocates it to instalments',
  tags,
  access: 'session',
  body: PaymentInput,
  response: { 201: Payment },
});

export const reversePayment = defineRoute({
  method: 'DELETE',
  path: '/api/v1/payments/:id',
  summary: 'Reverses a payment recorded in error (its allocations are undone)',
  tags,
  access: 'session',
  permission: 'receivables.manage',
  params: IdParams,
  response: { 204: z.null() },
});

export const listInvoices = defineRoute({
  method: 'GET',
  path: '/api/v1/invoices',
  summary: 'Invoices of a contract or a customer, newest first',
  tags,
  access: 'session',
  query: ListByRecord,
  response: { 200: z.object({ items: z.array(Invoice) }) },
});

export const getInvoice = defineRoute({
  method: 'GET',
  path: '/api/v1/invoices/:id',
  summary: 'An invoice',
  tags,
  access: 'session',
  params: IdParams,
  response: { 200: Invoice },
});

export const issueInvoice = defineRoute({
  method: 'POST',
  path: '/api/v1/invoices',
  summary: 'Issues an invoice on a contract; the invoiced total never exceeds the contract amount',
  tags,
  access: 'session',
  permission: 'receivables.manage',
  body: InvoiceInput,
  response: { 201: Invoice },
});

export const setInvoiceStatus = defineRoute({
  method: 'PATCH',
  path: '/api/v1/invoices/:id',
  summary: 'Marks an invoice sent or paid, or voids it with a reason',
  tags,
  access: 'session',
  permission: 'receivables.manage',
  params: IdParams,
  body: InvoiceStatusInput,
  response: { 200: Invoice },
});

export const getAgeing = defineRoute({
  method: 'GET',
  path: '/api/v1/receivables/ageing',
  summary: 'Open receivables by days overdue, per customer and per currency, and the overdue instalments',
  tags,
  access: 'session',
  response: { 200: Ageing },
});

export const listRenewals = defineRoute({
  method: 'GET',
  path: '/api/v1/renewals',
  summary: 'Live contracts ending within the window, with the tier, the offers and the renewal deal',
  tags,
  access: 'session',
  query: z.strictObject({ within: z.coerce.number().int().min(1).max(730).default(90) }),
  response: { 200: z.object({ items: z.array(Renewal) }) },
});

export const openRenewalDeal = defineRoute({
  method: 'POST',
  path: '/api/v1/renewals/:id/open-deal',
  summary: "Opens the renewal deal of a contract (id: the contract's id) in the existing-customer pipeline",
  tags,
  access: 'session',
  params: IdParams,
  response: { 201: Renewal },
});

export const getReceivableSettings = defineRoute({
  method: 'GET',
  path: '/api/v1/receivable-settings',
  summary: "The company's overdue and renewal rules",
  tags,
  access: 'session',
  response: { 200: ReceivableSettings },
});

export const putReceivableSettings = defineRoute({
  method: 'PUT',
  path: '/api/v1/receivable-settings',
  summary: "Changes the company's overdue and renewal rules",
  tags,
  access: 'session',
  permission: 'receivables.manage',
  body: z.strictObject({ rules: ReceivableRules, version: z.number().int().min(0) }),
  response: { 200: ReceivableSettings },
});

export const getCustomerTransactions = defineRoute({
  method: 'GET',
  path: '/api/v1/customers/:id/transactions',
  summary: "A customer's contracts, payments, outstanding amounts and payment cycle",
  tags,
  access: 'session',
  params: IdParams,
  response: { 200: CustomerTransactions },
});
