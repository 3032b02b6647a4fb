import { isValidCreditCode } from '@contracts/customers.contract';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import { withSystem } from '../../../platform/db/tenancy';
import { contacts, customers, customerTags } from '../customers.tables';
import { seedDemoCustomers } from './seed-demo-customers';

const db = await freshDatabase();
afterAll(() => db.close());
const company = await seedDemo(db, { password: 'demo-password-for-tests' });
const result = await seedDemoCustomers(db, company);

describe('demo customers', () => {
  it('adds customers in every region with valid credit codes, owners, tags and a subsidiary', async () => {
    expect(result).toEqual({ customers: 8, contacts: 24, tags: 5 });
    const rows = await withSystem(db, (tx) =>
      tx.select().from(customers).where(eq(customers.tenantId, company.tenantId)),
    );
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row.ownerId, row.name).not.toBeNull();
      expect(row.teamId, row.name).not.toBeNull();
      if (row.creditCode) expect(isValidCreditCode(row.creditCode), row.creditCode).toBe(true);
    }
    expect(rows.filter((r) => r.parentId !== null)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.tier))).toEqual(
      new Set(['strategic', 'growth', 'potential', 'dormant']),
    );
    expect(new Set(rows.map((r) => r.lifecycleStage)).size).toBe(5);
    const tags = await withSystem(db, (tx) =>
      tx.select().from(customerTags).where(eq(customerTags.tenantId, company.tenantId)),
    );
    const managed = new Set(tags.map((t) => t.name));
    for (const row of rows) for (const tag of row.tags) expect(managed).toContain(tag);
  });

  it('draws decision chains within one customer, with a customer that lacks a decision maker', async () => {
    const people = await withSystem(db, (tx) =>
      tx.select().from(contacts).where(eq(contacts.tenantId, company.tenantId)),
    );
    const byId = new Map(people.map((p) => [p.id, p]));
    const linked = await withSystem(db, (tx) =>
      tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.tenantId, company.tenantId), isNotNull(contacts.reportsToId))),
    );
    expect(linked.length).toBeGreaterThan(10);
    for (const p of people) {
      if (p.reportsToId) expect(byId.get(p.reportsToId)?.customerId, p.name).toBe(p.customerId);
    }
    const withDecisionMaker = new Set(
      people.filter((p) => p.role === 'decision_maker').map((p) => p.customerId),
    );
    const all = new Set(people.map((p) => p.customerId));
    expect(withDecisionMaker.size).toBeLessThan(all.size);
  });
});
