import type { Contract } from '@contracts/contracts.contract';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../test/helper';
import { systemActor } from '../../platform/audit';
import { withTenant } from '../../platform/db/tenancy';
import { takeNumber } from '../../platform/numbering';
import { createDeal } from '../deals';

/**
 * Contract numbers under concurrency (run on PostgreSQL with DATABASE_URL for real parallel transactions):
 * 50 drafts at once get 1..50 with no gap and no duplicate, and a rolled-back draft gives its number back.
 */

const t = await useTestApp();

describe('contract numbering', () => {
  it('gives 50 concurrent drafts the numbers 1..50, and a rolled-back draft returns its number', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const call = as(t, admin);
    const customer = await call({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: 'Numbering Co' },
    });
    const customerId = customer.json<{ id: string }>().id;
    const deal = await withTenant(t.platform.db, tenantId, (tx) =>
      createDeal(tx, systemActor(tenantId), {
        name: 'Numbers',
        customerId,
        contactId: null,
        amountMinor: 1_00,
        currency: 'CNY',
        expectedCloseOn: null,
        source: null,
        campaignId: null,
        ownerId: admin.me.user.id,
        teamId: null,
      }),
    );
    // Templates first, so the 50 drafts race on the number only.
    await call({ method: 'GET', url: '/api/v1/contract-templates' });
    const year = String(new Date().getUTCFullYear());
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        call({
          method: 'POST',
          url: '/api/v1/contracts',
          payload: { dealId: deal.id, amountMinor: 1_00, currency: 'CNY' },
        }),
      ),
    );
    for (const res of responses) expect(res.statusCode, res.body).toBe(201);
    const numbers = responses.map((r) => r.json<Contract>().number).sort();
    const expected = Array.from({ length: 50 }, (_, i) => `HT-${year}-${String(i + 1).padStart(4, '0')}`);
    expect(numbers).toEqual(expected);

    // A draft whose transaction rolls back after taking a number gives it back.
    const failed = withTenant(t.platform.db, tenantId, async (tx) => {
      const number = await takeNumber(tx, tenantId, 'contract', { at: new Date(), timeZone: 'UTC' });
      expect(number).toBe(`HT-${year}-0051`);
      throw new Error('draft failed after numbering');
    });
    await expect(failed).rejects.toThrow('draft failed after numbering');
    const next = await call({
      method: 'POST',
      url: '/api/v1/contracts',
      payload: { dealId: deal.id, amountMinor: 1_00, currency: 'CNY' },
    });
    expect(next.json<Contract>().number).toBe(`HT-${year}-0051`);
  });
});
