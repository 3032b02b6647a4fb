import { formatMoney } from '@contracts/money';
import type { Invoice, InvoiceInput, InvoiceStatus } from '@contracts/receivables.contract';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { takeNumber } from '../../platform/numbering';
import type { Platform } from '../../platform/platform';
import { viewerOf, visibleCustomer } from '../customers';
import { cashContract, contractNumbers, isSigned, visibleContractIds } from './contract-link';
import type { CashCaller } from './payment-plan.service';
import { companyToday } from './receivables.queries';
import { instalments, invoices } from './receivables.tables';

/**
 * Invoices (发票) on a contract, numbered gap-free per company: issued → sent → paid, or void with a reason
 * (a red-letter reversal). What is invoiced on a contract, void ones aside, never exceeds its amount.
 */

type InvoiceRow = typeof invoices.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Allowed moves; void from any live status (a wrong invoice is reversed, never edited). */
const NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  issued: ['sent', 'paid', 'void'],
  sent: ['paid', 'void'],
  paid: ['void'],
  void: [],
};

function present(row: InvoiceRow, numbers: ReadonlyMap<string, string>): Invoice {
  return {
    id: row.id,
    number: row.number,
    contractId: row.contractId,
    contractNumber: numbers.get(row.contractId) ?? '',
    customerId: row.customerId,
    instalmentId: row.instalmentId,
    title: row.title,
    taxId: row.taxId,
    amountMinor: row.amountMinor,
    taxMinor: row.taxMinor,
    currency: row.currency,
    status: row.status as InvoiceStatus,
    issuedOn: row.issuedOn,
    sentAt: iso(row.sentAt),
    paidAt: iso(row.paidAt),
    voidReason: row.voidReason,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

async function presentOne(tx: Tx, tenantId: string, row: InvoiceRow): Promise<Invoice> {
  return present(row, await contractNumbers(tx, tenantId, [row.contractId]));
}

async function invoicedOn(tx: Tx, tenantId: string, contractId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${invoices.amountMinor}), 0)` })
    .from(invoices)
    .where(
      and(eq(invoices.tenantId, tenantId), eq(invoices.contractId, contractId), ne(invoices.status, 'void')),
    );
  return Number(row?.total ?? 0);
}

export async function issueInvoice(
  platform: Platform,
  caller: CashCaller,
  input: InvoiceInput,
): Promise<Invoice> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const contract = await cashContract(tx, caller, input.contractId);
    if (!isSigned(contract)) throw new AppError('contract_not_signed');
    if (input.instalmentId) {
      const [instalment] = await tx
        .select({ id: instalments.id })
        .from(instalments)
        .where(
          and(
            eq(instalments.tenantId, tenantId),
            eq(instalments.id, input.instalmentId),
            eq(instalments.contractId, contract.id),
          ),
        );
      if (!instalment) throw invalidFields({ path: 'instalmentId', code: 'unknown_instalment' });
    }
    // Two invoices issued at once must not both fit under the amount: serialise per contract.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`invoice:${contract.id}`}))`);
    const already = await invoicedOn(tx, tenantId, contract.id);
    if (already + input.amountMinor > contract.amountMinor) {
      throw invalidFields({
        path: 'amountMinor',
        code: 'invoice_exceeds_contract',
        vars: {
          left: formatMoney(Math.max(0, contract.amountMinor - already), contract.currency, caller.locale),
        },
      });
    }
    const now = platform.clock.now();
    const { today, timeZone } = await companyToday(tx, tenantId, now);
    const number = await takeNumber(tx, tenantId, 'invoice', { at: now, timeZone });
    const [row] = await tx
      .insert(invoices)
      .values({
        tenantId,
        id: uuidv7(),
        number,
        contractId: contract.id,
        customerId: contract.customerId,
        instalmentId: input.instalmentId ?? null,
        title: input.title,
        taxId: input.taxId ?? '',
        amountMinor: input.amountMinor,
        taxMinor: input.taxMinor ?? 0,
        currency: contract.currency,
        status: 'issued',
        issuedOn: input.issuedOn ?? today,
        createdBy: caller.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('invoice insert returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'invoice',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, ['number', 'contractId', 'amountMinor', 'taxMinor', 'title']),
    });
    return presentOne(tx, tenantId, row);
  });
}

async function invoiceFor(tx: Tx, caller: CashCaller, id: string, lock = false): Promise<InvoiceRow> {
  const tenantId = caller.actor.tenantId;
  const query = tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  if (!row) throw new AppError('not_found');
  await cashContract(tx, caller, row.contractId);
  return row;
}

export async function getInvoice(platform: Platform, caller: CashCaller, id: string): Promise<Invoice> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) =>
    presentOne(tx, tenantId, await invoiceFor(tx, caller, id)),
  );
}

export async function setInvoiceStatus(
  platform: Platform,
  caller: CashCaller,
  id: string,
  expectedVersion: number | null,
  input: { status: 'sent' | 'paid' | 'void'; voidReason?: string | undefined },
): Promise<Invoice> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await invoiceFor(tx, caller, id, true);
    if (expectedVersion !== null && expectedVersion !== before.version)
      throw new AppError('version_conflict');
    if (!NEXT[before.status as InvoiceStatus].includes(input.status)) {
      throw new AppError('transition_not_allowed');
    }
    const now = platform.clock.now();
    const [row] = await tx
      .update(invoices)
      .set({
        status: input.status,
        ...(input.status === 'sent' ? { sentAt: now } : {}),
        ...(input.status === 'paid' ? { paidAt: now } : {}),
        ...(input.status === 'void' ? { voidReason: input.voidReason ?? '' } : {}),
        version: before.version + 1,
        updatedAt: now,
      })
      .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)))
      .returning();
    if (!row) throw new AppError('not_found');
    await writeAudit(tx, caller.actor, {
      entity: 'invoice',
      entityId: row.id,
      action: input.status === 'void' ? 'void' : 'update',
      changes: changesBetween(before, row, ['status', 'voidReason']),
    });
    return presentOne(tx, tenantId, row);
  });
}

export async function listInvoices(
  platform: Platform,
  caller: CashCaller,
  query: { contractId?: string | undefined; customerId?: string | undefined },
): Promise<{ items: Invoice[] }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    if (query.contractId) await cashContract(tx, caller, query.contractId);
    if (query.customerId) await visibleCustomer(tx, await viewerOf(tx, caller), tenantId, query.customerId);
    const rows = await tx
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.tenantId, tenantId),
          query.contractId ? eq(invoices.contractId, query.contractId) : undefined,
          query.customerId ? eq(invoices.customerId, query.customerId) : undefined,
        ),
      )
      .orderBy(desc(invoices.issuedOn), desc(invoices.id))
      .limit(1000);
    const visible = await visibleContractIds(
      tx,
      caller,
      rows.map((r) => r.contractId),
    );
    const shown = rows.filter((r) => visible.has(r.contractId));
    const numbers = await contractNumbers(
      tx,
      tenantId,
      shown.map((r) => r.contractId),
    );
    return { items: shown.map((r) => present(r, numbers)) };
  });
}
