import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, useTestApp } from '../../../../test/helper';
import { systemActor } from '../../../platform/audit';
import { withTenant } from '../../../platform/db/tenancy';
import { seedDemoCatalog } from '../../catalog';
import { createDeal } from '../../deals';
import { quoteLines, quotes, quoteVersions } from '../quotes.tables';
import { seedDemoQuotes } from './seed-demo-quotes';

const t = await useTestApp();

describe('seedDemoQuotes', () => {
  it('quotes the open deals from the catalogue with exact totals, once', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    await seedDemoCatalog(t.db, { tenantId });
    const customer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { name: '演示客户' },
    });
    const customerId = customer.json<{ id: string }>().id;
    for (const name of ['A', 'B', 'C']) {
      await withTenant(t.db, tenantId, (tx) =>
        createDeal(tx, systemActor(tenantId), {
          name,
          customerId,
          contactId: null,
          amountMinor: null,
          currency: 'CNY',
          expectedCloseOn: null,
          source: null,
          campaignId: null,
          ownerId: admin.me.user.id,
          teamId: null,
        }),
      );
    }
    expect(await seedDemoQuotes(t.db, { tenantId })).toEqual({ quotes: 3 });
    expect(await seedDemoQuotes(t.db, { tenantId })).toEqual({ quotes: 0 });
    const rows = await withTenant(t.db, tenantId, (tx) =>
      tx.select().from(quotes).where(eq(quotes.tenantId, tenantId)),
    );
    expect(rows.map((r) => r.status).sort()).toEqual(['accepted', 'draft', 'sent']);
    for (const row of rows) {
      const lines = await withTenant(t.db, tenantId, (tx) =>
        tx.select().from(quoteLines).where(eq(quoteLines.quoteId, row.id)),
      );
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.reduce((a, l) => a + l.totalMinor, 0)).toBe(row.totalMinor);
    }
    const versions = await withTenant(t.db, tenantId, (tx) => tx.select().from(quoteVersions));
    expect(versions).toHaveLength(2);
  });
});
