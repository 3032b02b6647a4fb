import { QUOTE_STATUSES } from '@contracts/quotes.contract';
import { and, eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { login, newTenant, useTestApp } from '../../../../test/helper';
import { seedDemo } from '../../../cli/demo';
import { systemActor } from '../../../platform/audit';
import { files } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import { latestApprovals } from '../../approvals';
import { seedDemoCatalog } from '../../catalog';
import { seedDemoCustomers } from '../../customers';
import { createDeal, deals, seedDemoDeals } from '../../deals';
import { quoteLines, quotes, quoteVersions } from '../quotes.tables';
import { seedDemoQuotes } from './seed-demo-quotes';

const t = await useTestApp();

describe('seedDemoQuotes', () => {
  it('quotes the open deals from the catalogue with exact totals, once; no approval story without a rep', async () => {
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
    expect(await seedDemoQuotes(t.platform, { tenantId })).toEqual({ quotes: 3 });
    expect(await seedDemoQuotes(t.platform, { tenantId })).toEqual({ quotes: 0 });
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

  it('freezes every sent demo version with its PDF, as sending does', async () => {
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
    for (const name of ['A', 'B', 'C', 'D']) {
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
    expect(await seedDemoQuotes(t.platform, { tenantId })).toEqual({ quotes: 4 });
    const versions = await withTenant(t.db, tenantId, (tx) =>
      tx
        .select({ pdfFileId: quoteVersions.pdfFileId, number: quotes.number })
        .from(quoteVersions)
        .innerJoin(
          quotes,
          and(eq(quotes.tenantId, quoteVersions.tenantId), eq(quotes.id, quoteVersions.quoteId)),
        )
        .where(eq(quoteVersions.tenantId, tenantId)),
    );
    // Sent, accepted and revised-after-sending each froze version 1 (an admin's deals ask no approval).
    expect(versions).toHaveLength(3);
    for (const v of versions) {
      expect(v.pdfFileId).not.toBeNull();
      const [file] = await withTenant(t.db, tenantId, (tx) =>
        tx
          .select()
          .from(files)
          .where(and(eq(files.tenantId, tenantId), eq(files.id, v.pdfFileId ?? ''))),
      );
      expect(file?.contentType).toBe('application/pdf');
      const chunks: Buffer[] = [];
      for await (const chunk of await t.platform.files.open(file?.storageKey ?? '')) {
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(Buffer.concat(chunks))), {
        mergePages: true,
      });
      expect(text).toContain(v.number);
    }
  });

  it("covers every quote status on the demo company, the pending one in the team manager's inbox, once", async () => {
    const password = 'demo-password-for-tests';
    const company = await seedDemo(t.db, { password });
    const { tenantId } = company;
    await seedDemoCustomers(t.db, company);
    await seedDemoDeals(t.db, company);
    await seedDemoCatalog(t.db, company);
    const first = await seedDemoQuotes(t.platform, company);
    const read = () =>
      withTenant(t.db, tenantId, (tx) =>
        tx
          .select({ quote: quotes, ownerId: deals.ownerId })
          .from(quotes)
          .innerJoin(deals, and(eq(deals.tenantId, quotes.tenantId), eq(deals.id, quotes.dealId)))
          .where(eq(quotes.tenantId, tenantId)),
      );
    const rows = await read();
    expect(rows).toHaveLength(first.quotes);
    expect(new Set(rows.map((r) => r.quote.status))).toEqual(new Set(QUOTE_STATUSES));
    const one = (status: string) => rows.find((r) => r.quote.status === status);

    const declined = one('declined')?.quote;
    expect(declined?.declinedAt).not.toBeNull();
    expect(declined?.declineReason).toBeTruthy();
    const today = new Date().toISOString().slice(0, 10);
    expect((one('expired')?.quote.validUntil ?? today) < today).toBe(true);

    const pending = one('pending_approval');
    const approved = one('approved');
    const approvals = await withTenant(t.db, tenantId, (tx) =>
      latestApprovals(tx, tenantId, 'quote', [pending?.quote.id ?? '', approved?.quote.id ?? '']),
    );
    expect(approvals.get(approved?.quote.id ?? '')?.status).toBe('approved');
    expect(approvals.get(pending?.quote.id ?? '')).toMatchObject({
      status: 'pending',
      waitingFor: 'manager',
    });

    // The rep's team manager (demo keys: east-rep-1 → east-manager) sees it waiting in the inbox.
    const ownerKey = company.users.find((u) => u.id === pending?.ownerId)?.key ?? '';
    const manager = company.users.find((u) => u.key === `${ownerKey.split('-rep')[0]}-manager`);
    const session = await login(t, manager?.email ?? '', password);
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/approvals?box=inbox',
      headers: { cookie: session.cookie },
    });
    expect(inbox.statusCode).toBe(200);
    const items = inbox.json<{ items: { subjectId: string; waitingFor: string | null }[] }>().items;
    expect(items).toContainEqual(
      expect.objectContaining({ subjectId: pending?.quote.id, waitingFor: 'manager' }),
    );

    const latest = () =>
      withTenant(t.db, tenantId, (tx) =>
        latestApprovals(
          tx,
          tenantId,
          'quote',
          rows.map((r) => r.quote.id),
        ),
      );
    const before = await latest();
    expect(await seedDemoQuotes(t.platform, company)).toEqual({ quotes: 0 });
    expect(await read()).toHaveLength(rows.length);
    expect(await latest()).toEqual(before);
  });
});
