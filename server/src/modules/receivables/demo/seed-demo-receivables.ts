import { allocate } from '@contracts/money';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { systemActor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { demoAccounts } from '../../customers';
import { contractsOfCustomer } from '../contract-link';
import { companyToday } from '../receivables.queries';
import { instalments, paymentAllocations, payments } from '../receivables.tables';
import { addDays, allocateOldestFirst } from '../receivables-math';

/**
 * Demo cash on top of the demo contracts (the contracts seeder runs first): each signed contract gets a
 * 30 / 60 / 10 plan (on signing, on delivery two months later, on acceptance after six months) and the
 * payments a real book shows: most contracts paid on time, one in three paying its second instalment late
 * or not yet, so the ageing report and the overdue warnings have something to show. Idempotent: a contract
 * that already has a plan is left alone.
 */

type DemoCompany = { tenantId: string };

export type SeedDemoReceivablesResult = { plans: number; instalments: number; payments: number };

const SPLIT = [
  { percent: 30, days: 0, zh: '签约款', en: 'On signing' },
  { percent: 60, days: 60, zh: '交付款', en: 'On delivery' },
  { percent: 10, days: 180, zh: '验收尾款', en: 'On acceptance' },
] as const;

export async function seedDemoReceivables(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: { now?: Date; locale?: 'zh-CN' | 'en-US' } = {},
): Promise<SeedDemoReceivablesResult> {
  const { tenantId } = company;
  const now = options.now ?? new Date();
  const zh = (options.locale ?? 'zh-CN') === 'zh-CN';
  const actor = systemActor(tenantId);
  return withTenant(handle, tenantId, async (tx) => {
    const { today } = await companyToday(tx, tenantId, now);
    const result: SeedDemoReceivablesResult = { plans: 0, instalments: 0, payments: 0 };
    const contracts = [];
    for (const account of await demoAccounts(tx, tenantId)) {
      contracts.push(...(await contractsOfCustomer(tx, tenantId, account.id)));
    }
    const signed = contracts.filter((c) => c.signedOn !== null && c.amountMinor > 0);
    if (signed.length === 0) return result;
    const planned = await tx
      .selectDistinct({ contractId: instalments.contractId })
      .from(instalments)
      .where(
        and(
          eq(instalments.tenantId, tenantId),
          inArray(
            instalments.contractId,
            signed.map((c) => c.id),
          ),
        ),
      );
    const hasPlan = new Set(planned.map((p) => p.contractId));
    for (const [index, contract] of signed.entries()) {
      if (hasPlan.has(contract.id) || !contract.signedOn) continue;
      const signedOn = contract.signedOn;
      const amounts = allocate(
        contract.amountMinor,
        SPLIT.map((s) => s.percent),
      );
      const rows = SPLIT.map((s, i) => ({
        tenantId,
        id: uuidv7(),
        contractId: contract.id,
        customerId: contract.customerId,
        seq: i + 1,
        title: zh ? s.zh : s.en,
        dueOn: addDays(signedOn, s.days),
        amountMinor: amounts[i] ?? 0,
        currency: contract.currency,
        createdAt: now,
        updatedAt: now,
      }));
      await tx.insert(instalments).values(rows);
      result.plans += 1;
      result.instalments += rows.length;
      // Every third contract is a slow payer: it pays the signing instalment only.
      const slow = index % 3 === 2;
      const due = rows.filter((r) => r.dueOn <= today);
      const toPay = slow ? due.slice(0, 1) : due;
      for (const r of toPay) {
        const receivedOn = addDays(r.dueOn, slow ? 3 : 5 + (index % 7));
        if (receivedOn > today) continue;
        const paymentId = uuidv7();
        await tx.insert(payments).values({
          tenantId,
          id: paymentId,
          contractId: contract.id,
          customerId: contract.customerId,
          receivedOn,
          amountMinor: r.amountMinor,
          currency: contract.currency,
          method: index % 4 === 1 ? 'acceptance_bill' : 'bank_transfer',
          reference: `DEMO-${contract.number}-${r.seq}`,
          createdAt: now,
          updatedAt: now,
        });
        const split = allocateOldestFirst([{ ...r, paidMinor: 0 }], r.amountMinor) ?? [];
        await tx.insert(paymentAllocations).values(split.map((a) => ({ tenantId, paymentId, ...a })));
        await tx
          .update(instalments)
          .set({ paidMinor: r.amountMinor, paidOn: receivedOn })
          .where(and(eq(instalments.tenantId, tenantId), eq(instalments.id, r.id)));
        result.payments += 1;
      }
      await writeAudit(tx, actor, {
        entity: 'payment_plan',
        entityId: contract.id,
        action: 'create',
        changes: {
          instalments: { from: null, to: rows.map((r) => ({ dueOn: r.dueOn, amountMinor: r.amountMinor })) },
        },
      });
    }
    return result;
  });
}
