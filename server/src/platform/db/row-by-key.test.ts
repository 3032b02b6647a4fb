import type { Customer } from '@contracts/customers.contract';
import type { Deal } from '@contracts/deals.contract';
import type { Lead } from '@contracts/leads.contract';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../test/helper';
import { customers } from '../../modules/customers/customers.tables';
import { deals } from '../../modules/deals/deals.tables';
import { leads } from '../../modules/leads/leads.tables';
import { rowByKey } from './row-by-key';
import { withTenant } from './tenancy';

/** rowByKey returns the very row the query builder's select() does: every column, every type decoded alike. */

const t = await useTestApp();

describe('rowByKey', () => {
  it('reads leads, customers and deals exactly as select() does, and nothing of another tenant', async () => {
    const admin = await newTenant(t);
    const call = as(t, admin);
    const lead = (
      await call({
        method: 'POST',
        url: '/api/v1/leads',
        payload: {
          companyName: '杭州行键科技有限公司',
          contactName: '王强',
          phone: '13800138000',
          email: 'wq@example.com',
          utm: { source: 'baidu', campaign: 'spring' },
          notes: 'multi\nline',
        },
      })
    ).json<Lead>();
    expect(lead.id).toBeTypeOf('string');
    const customer = (
      await call({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: '行键科技', tags: ['老客户', '技术驱动型'], companySize: '100-499' },
      })
    ).json<Customer>();
    expect(customer.id).toBeTypeOf('string');
    const deal = (
      await call({
        method: 'POST',
        url: '/api/v1/deals',
        payload: {
          name: '二期',
          customerId: customer.id,
          amountMinor: 12_345_67,
          expectedCloseOn: '2027-01-31',
        },
      })
    ).json<Deal>();
    expect(deal.id).toBeTypeOf('string');
    const tenantId = admin.me.tenant.id;
    await withTenant(t.platform.db, tenantId, async (tx) => {
      const [viaSelect] = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
      expect(await rowByKey(tx, leads, tenantId, lead.id)).toStrictEqual(viaSelect);
      const [customerRow] = await tx
        .select()
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customer.id)));
      expect(await rowByKey(tx, customers, tenantId, customer.id, true)).toStrictEqual(customerRow);
      const [dealRow] = await tx
        .select()
        .from(deals)
        .where(and(eq(deals.tenantId, tenantId), eq(deals.id, deal.id)));
      expect(dealRow?.expectedCloseOn).toBe('2027-01-31');
      expect(await rowByKey(tx, deals, tenantId, deal.id)).toStrictEqual(dealRow);
    });
    const other = (await newTenant(t)).me.tenant.id;
    await withTenant(t.platform.db, other, async (tx) => {
      expect(await rowByKey(tx, leads, other, lead.id)).toBeUndefined();
      expect(await rowByKey(tx, leads, tenantId, lead.id)).toBeUndefined();
    });
  });
});
