import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { tenants, users } from '../../platform/db/identity.tables';
import { contracts } from '../contracts/contracts.tables';
import { customers } from '../customers/customers.tables';

/**
 * Cash (回款, DOMAIN.md §5): a payment plan per contract whose instalments add up to the contract value,
 * payments received and allocated to instalments, and invoices. An instalment past its due date and not
 * fully paid is overdue; past the company's threshold (15 days) it is a customer-health warning.
 */

/** One row per company once its receivables and renewal rules change. jsonb: the contract's ReceivableRules. */
export const receivableSettings = pgTable(
  'receivable_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const instalments = pgTable(
  'instalments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    seq: integer('seq').notNull(),
    /** What triggers it (signing, delivery, acceptance…) in the seller's words. */
    title: text('title').notNull().default(''),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** Kept with the allocations in one write. */
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    /** When it was fully paid. */
    paidOn: date('paid_on', { mode: 'string' }),
    /** When the overdue warning went out, so it goes out once. */
    overdueAlertedAt: instant('overdue_alerted_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('instalments_seq_uq').on(t.tenantId, t.contractId, t.seq),
    index('instalments_customer_idx').on(t.tenantId, t.customerId),
    // Receivables ageing and the overdue sweep read unpaid instalments by due date.
    index('instalments_open_idx').on(t.tenantId, t.dueOn).where(sql`${t.paidMinor} < ${t.amountMinor}`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    tenantPolicy(t),
  ],
);

export const payments = pgTable(
  'payments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** bank_transfer | acceptance_bill | cheque | cash | online | other */
    method: text('method').notNull(),
    reference: text('reference').notNull().default(''),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('payments_contract_idx').on(t.tenantId, t.contractId, t.receivedOn),
    index('payments_customer_idx').on(t.tenantId, t.customerId, t.receivedOn),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.recordedBy], foreignColumns: [users.tenantId, users.id] }),
    tenantPolicy(t),
  ],
);

/** How much of a payment went to which instalment (a payment may cover several, an instalment take several). */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    tenantId: tenantId(),
    paymentId: uuid('payment_id').notNull(),
    instalmentId: uuid('instalment_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.paymentId, t.instalmentId] }),
    index('payment_allocations_instalment_idx').on(t.tenantId, t.instalmentId),
    foreignKey({
      columns: [t.tenantId, t.paymentId],
      foreignColumns: [payments.tenantId, payments.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.instalmentId],
      foreignColumns: [instalments.tenantId, instalments.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    contractId: uuid('contract_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    instalmentId: uuid('instalment_id'),
    /** The invoice title (发票抬头) and the buyer's tax id. */
    title: text('title').notNull(),
    taxId: text('tax_id').notNull().default(''),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    /** issued | sent | paid | void */
    status: text('status').notNull().default('issued'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    sentAt: instant('sent_at'),
    paidAt: instant('paid_at'),
    voidReason: text('void_reason'),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('invoices_number_uq').on(t.tenantId, t.number),
    index('invoices_contract_idx').on(t.tenantId, t.contractId),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.contractId],
      foreignColumns: [contracts.tenantId, contracts.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({
      columns: [t.tenantId, t.instalmentId],
      foreignColumns: [instalments.tenantId, instalments.id],
    }),
    tenantPolicy(t),
  ],
);
