import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { createDeal } from '../../deals';
import { deals } from '../../deals/deals.tables';
import { contractSignatures, contracts } from '../contracts.tables';
import { seedDemoContracts } from './seed-demo-contracts';

const t = await useTestApp();

describe('seedDemoContracts', () => {
  it('drafts contracts for won deals across the progress table, once', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const customer = await as(
      t,
      admin,
    )({ method: 'POST', url: '/api/v1/customers', payload: { name: 'Demo Co' } });
    const customerId = customer.json<{ id: string }>().id;
    for (let i = 0; i < 3; i++) {
      const deal = await withTenant(t.platform.db, tenantId, (tx) =>
        createDeal(tx, systemActor(tenantId), {
          name: `Demo deal ${i}`,
          customerId,
          contactId: null,
          amountMinor: 10_000_00 * (i + 1),
          currency: 'CNY',
          expectedCloseOn: null,
          source: null,
          campaignId: null,
          ownerId: admin.me.user.id,
          teamId: null,
        }),
      );
      // Won as the deals seeder leaves them (the win flow's gates are the deals module's own tests).
      await withTenant(t.platform.db, tenantId, (tx) =>
        tx.update(deals).set({ status: 'won' }).where(eq(deals.id, deal.id)),
      );
    }
    const first = await seedDemoContracts(t.platform.db, { tenantId }, { files: t.platform.files });
    const rows = await withTenant(t.platform.db, tenantId, (tx) =>
      tx.select().from(contracts).where(eq(contracts.tenantId, tenantId)),
    );
    expect(first.contracts).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    // The signed ones are recorded as signed on paper: a final document and both sides' signatures on it.
    const signed = rows.filter((r) => r.status === 'active' || r.status === 'signed');
    expect(signed.length).toBeGreaterThan(0);
    const signatures = await withTenant(t.platform.db, tenantId, (tx) =>
      tx.select().from(contractSignatures).where(eq(contractSignatures.tenantId, tenantId)),
    );
    for (const row of signed) {
      expect(row.signedFileId).not.toBeNull();
      expect(
        signatures
          .filter((s) => s.contractId === row.id)
          .map((s) => `${s.side} ${s.documentSha256}`)
          .sort(),
      ).toEqual([`company ${row.signedSha256}`, `customer ${row.signedSha256}`]);
      const pdf = await as(t, admin)({ method: 'GET', url: `/api/v1/contracts/${row.id}/pdf?final=true` });
      expect(pdf.statusCode).toBe(200);
    }
    expect((await seedDemoContracts(t.platform.db, { tenantId })).contracts).toBe(0);
  });
});
