import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { systemActor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { takeNumber } from '../../../platform/numbering';
import { products } from '../../catalog';
import { deals } from '../../deals';
import { snapshotOf } from '../quote-lifecycle';
import { type LineInput, mathOf, priceLines, totalsColumns, writeLines } from '../quote-pricing';
import { loadLines } from '../quote-rows';
import { loadQuoteSettings } from '../quote-settings';
import { dayIn, tenantFacts } from '../quotes.service';
import { quotes, quoteVersions } from '../quotes.tables';

/**
 * Demo quotes: for the company's first open deals in CNY, a quote each from the demo catalogue (the catalogue
 * seeder runs first), priced through the same pricing and math as the builder: one draft, one sent (version 1
 * frozen), one accepted by the customer, one revised after sending (version 2 in draft). A company that already
 * has quotes is left alone, so a second run adds nothing.
 */

type DemoCompany = { tenantId: string };
export type SeedDemoQuotesResult = { quotes: number };

const STORIES = ['draft', 'sent', 'accepted', 'revised'] as const;
const DAY = 86_400_000;

export async function seedDemoQuotes(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: { now?: Date } = {},
): Promise<SeedDemoQuotesResult> {
  const { tenantId } = company;
  const actor = systemActor(tenantId);
  const now = options.now ?? new Date();
  return withTenant(handle, tenantId, async (tx) => {
    const [existing] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(quotes)
      .where(eq(quotes.tenantId, tenantId));
    if ((existing?.n ?? 0) > 0) return { quotes: 0 };
    const catalogue = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.tenantId, tenantId), eq(products.active, true), eq(products.currency, 'CNY')))
      .orderBy(asc(products.code))
      .limit(8);
    if (catalogue.length < 2) return { quotes: 0 };
    const open = await tx
      .select()
      .from(deals)
      .where(and(eq(deals.tenantId, tenantId), eq(deals.status, 'open'), eq(deals.currency, 'CNY')))
      .orderBy(asc(deals.createdAt), asc(deals.id))
      .limit(STORIES.length);
    const [facts, settings] = await Promise.all([tenantFacts(tx, tenantId), loadQuoteSettings(tx, tenantId)]);
    const today = dayIn(now, facts.timeZone);
    let made = 0;
    for (const [i, deal] of open.entries()) {
      const story = STORIES[i] ?? 'draft';
      const header = {
        tenantId,
        currency: deal.currency,
        customerId: deal.customerId,
        locale: 'zh-CN' as const,
        priceBookId: null,
      };
      const inputs: LineInput[] = catalogue.slice(i % 3, (i % 3) + 3).map((p, j) => ({
        productId: p.id,
        description: '',
        quantity: String((j + 1) * (i + 1)),
        unitPriceMinor: null,
        discountBp: j === 0 ? 300 : 0,
      }));
      const priced = await priceLines(tx, header, inputs, today);
      const discountBp = story === 'accepted' ? 200 : 0;
      const math = mathOf(discountBp, deal.currency, priced);
      const id = uuidv7();
      const number = await takeNumber(tx, tenantId, 'quote', {
        pattern: settings.numberPattern,
        at: now,
        timeZone: facts.timeZone,
      });
      const sentAt = new Date(now.getTime() - (3 - i) * DAY);
      const [row] = await tx
        .insert(quotes)
        .values({
          ...header,
          id,
          number,
          title: `${deal.name} 报价`,
          dealId: deal.id,
          contactId: deal.contactId,
          discountBp,
          paymentTerms: settings.paymentTerms || '合同签订后 30 天内付款 70%，验收后付清余款',
          validUntil: dayIn(new Date(now.getTime() + settings.validityDays * DAY), facts.timeZone),
          ...totalsColumns(math),
          ownerId: deal.ownerId,
          teamId: deal.teamId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) continue;
      await writeLines(tx, tenantId, id, priced, math);
      if (story !== 'draft') {
        const snapshot = await snapshotOf(tx, row, deal, await loadLines(tx, tenantId, id));
        await tx.insert(quoteVersions).values({
          tenantId,
          quoteId: id,
          versionNo: 1,
          snapshot,
          totalMinor: row.totalMinor,
          sentAt,
        });
        const sentState =
          story === 'accepted'
            ? { status: 'accepted', acceptedAt: now, acceptedByName: '客户采购负责人', viewCount: 3 }
            : story === 'revised'
              ? { status: 'draft', currentVersionNo: 2, viewCount: 1 }
              : { status: 'sent', viewCount: 0 };
        await tx
          .update(quotes)
          .set({ ...sentState, sentAt, firstViewedAt: sentState.viewCount > 0 ? sentAt : null })
          .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id)));
      }
      await writeAudit(tx, actor, {
        entity: 'quote',
        entityId: id,
        action: 'create',
        changes: { number: { from: null, to: number }, demo: { from: null, to: story } },
      });
      made += 1;
    }
    return { quotes: made };
  });
}
