import type { Customer, CustomerSummary } from '@contracts/customers.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../test/helper';
import { withTenant } from '../../platform/db/tenancy';
import { customers } from './customers.tables';

/** The at-risk filter (a bare column condition, so the partial index serves it) keeps both of its answers. */

const t = await useTestApp();

describe('the at-risk filter', () => {
  it('lists at-risk customers by health, and the others on false', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const made: Customer[] = [];
    for (const name of ['甲', '乙', '丙', '丁']) {
      const res = await call({ method: 'POST', url: '/api/v1/customers', payload: { name } });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json<Customer>());
    }
    const [a, b, c, d] = made as [Customer, Customer, Customer, Customer];
    const tenantId = admin.me.tenant.id;
    await withTenant(t.db, tenantId, async (tx) => {
      for (const [row, health, atRisk] of [
        [a, 40, true],
        [b, 20, true],
        [c, null, true],
        [d, 90, false],
      ] as const) {
        await tx
          .update(customers)
          .set({ healthScore: health, atRisk })
          .where(and(eq(customers.tenantId, tenantId), eq(customers.id, row.id)));
      }
    });
    const list = async (query: string) => {
      const res = await call({ method: 'GET', url: `/api/v1/customers?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: CustomerSummary[] }>().items.map((i) => i.name);
    };
    // Ungraded health sorts last.
    expect(await list('atRisk=true&sort=healthScore')).toEqual(['乙', '甲', '丙']);
    expect(await list('atRisk=true&sort=healthScore&limit=2')).toEqual(['乙', '甲']);
    expect(await list('atRisk=false&sort=healthScore')).toEqual(['丁']);
    expect(await list('sort=healthScore')).toEqual(['乙', '甲', '丁', '丙']);
  });
});
