import { Readable } from 'node:stream';
import type { Role } from '@contracts/common';
import type { QuoteSnapshot } from '@contracts/quotes.contract';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, systemActor, writeAudit } from '../../../platform/audit';
import { dayIn } from '../../../platform/calendar';
import type { Tx } from '../../../platform/db/database';
import { users } from '../../../platform/db/identity.tables';
import { files as fileRows } from '../../../platform/db/platform.tables';
import { withTenant } from '../../../platform/db/tenancy';
import type { FileStore } from '../../../platform/files/files';
import { takeNumber } from '../../../platform/numbering';
import type { Platform } from '../../../platform/platform';
import { approveRequest, latestApprovals } from '../../approvals';
import { products } from '../../catalog';
import { type DealCaller, deals } from '../../deals';
import { managerDirectory } from '../../teams';
import { SUBJECT } from '../quote-approval';
import { expireQuotes } from '../quote-expiry';
import { logoOf, snapshotOf, submitQuote, withdrawQuote } from '../quote-lifecycle';
import { renderQuotePdf } from '../quote-pdf';
import { type LineInput, mathOf, priceLines, totalsColumns, writeLines } from '../quote-pricing';
import { loadLines } from '../quote-rows';
import { type LoadedSettings, loadQuoteSettings } from '../quote-settings';
import { tenantFacts } from '../quotes.service';
import { quotes, quoteVersions } from '../quotes.tables';

/**
 * Demo quotes, one per open CNY deal of the company (the catalogue seeder runs first), priced through the same
 * pricing and math as the builder, in every state a quote can be in: draft; sent; accepted and declined by the
 * customer; revised after sending (version 2 in draft); expired (as the expiry job leaves it); withdrawn by its
 * owner; and, on deals owned by a rep with a team manager, a discount beyond the rep's authority waiting for
 * the manager (pending_approval) and one the manager approved. Each sent version is frozen with its PDF as the
 * send path renders it. A company that already has quotes is left alone, so a second run adds nothing.
 */

type DemoCompany = { tenantId: string };
export type SeedDemoQuotesResult = { quotes: number };

type Story =
  | 'draft'
  | 'sent'
  | 'accepted'
  | 'revised'
  | 'declined'
  | 'expired'
  | 'withdrawn'
  | 'pending_approval'
  | 'approved';

/** In this order while open deals last; the approval stories take rep-owned deals first. */
const STORIES: readonly Story[] = [
  'draft',
  'sent',
  'accepted',
  'revised',
  'declined',
  'expired',
  'withdrawn',
];
const APPROVAL_STORIES: readonly Story[] = ['pending_approval', 'approved'];
/** Days before now each sent story went out (the expired one went out a validity period ago). */
const SENT_DAYS_AGO: Partial<Record<Story, number>> = {
  sent: 3,
  accepted: 9,
  revised: 6,
  declined: 12,
  withdrawn: 5,
};
/** 12 % on a line: beyond a rep's 5 % in the default matrix, within a manager's 15 %. */
const APPROVAL_DISCOUNT_BP = 1200;
const DAY = 86_400_000;

const userActor = (tenantId: string, userId: string): Actor => ({
  tenantId,
  userId,
  kind: 'user',
  requestId: null,
  ip: null,
});

/** Renders and stores a sent version's PDF as `sendQuote` does; returns its file id. */
async function storeVersionPdf(
  tx: Tx,
  store: FileStore,
  written: string[],
  input: {
    tenantId: string;
    number: string;
    snapshot: QuoteSnapshot;
    companyName: string;
    settings: LoadedSettings;
    issuedAt: Date;
  },
): Promise<string> {
  const pdf = await renderQuotePdf({
    snapshot: input.snapshot,
    versionNo: 1,
    companyName: input.companyName,
    settings: input.settings,
    logo: await logoOf({ files: store }, tx, input.settings),
    issuedAt: input.issuedAt,
    draft: false,
  });
  const id = uuidv7();
  const name = `${input.number}-v1.pdf`;
  const stored = await store.put(input.tenantId, id, Readable.from([pdf]));
  written.push(stored.storageKey);
  await tx.insert(fileRows).values({
    tenantId: input.tenantId,
    id,
    name,
    contentType: 'application/pdf',
    size: stored.size,
    sha256: stored.sha256,
    storageKey: stored.storageKey,
    uploadedBy: null,
  });
  return id;
}

/** What the demo left for the use cases to do once its quotes are committed. */
type FollowUp = { story: Story; quoteId: string; version: number; owner: DealCaller };

/**
 * Writes the quotes in one transaction, then takes the approval and withdrawal stories through the module's
 * own use cases (submit, the approver's decision, withdraw, the expiry sweep) as their owner and approver
 * would, so requests, steps, inbox, audit and status agree.
 */
export async function seedDemoQuotes(
  platform: Platform,
  company: DemoCompany,
  options: { now?: Date } = {},
): Promise<SeedDemoQuotesResult> {
  const now = options.now ?? platform.clock.now();
  const written: string[] = [];
  let seeded: { quotes: number; followUps: FollowUp[] };
  try {
    seeded = await seedQuotes(platform, company, now, written);
  } catch (error) {
    // PDF blobs were written before the transaction failed: nothing refers to them, remove them.
    await Promise.all(written.map((key) => platform.files.remove(key).catch(() => undefined)));
    throw error;
  }
  for (const f of seeded.followUps) await followUp(platform, company.tenantId, f, now);
  return { quotes: seeded.quotes };
}

async function followUp(platform: Platform, tenantId: string, f: FollowUp, now: Date): Promise<void> {
  if (f.story === 'expired') {
    await expireQuotes(platform, tenantId, now);
    return;
  }
  if (f.story === 'withdrawn') {
    await withdrawQuote(platform, f.owner, f.quoteId, f.version);
    return;
  }
  await submitQuote(platform, f.owner, f.quoteId, {
    version: f.version,
    reason: '客户对标竞品报价，首期折扣需让到 12% 才能本季度签约',
  });
  if (f.story !== 'approved') return;
  // One decision per level the matrix asks for (the manager alone with the default matrix).
  for (let step = 0; step < 3; step++) {
    const latest = await withTenant(platform.db, tenantId, async (tx) => {
      const found = (await latestApprovals(tx, tenantId, SUBJECT, [f.quoteId])).get(f.quoteId);
      if (found?.status !== 'pending' || !found.waitingFor) return null;
      const approver = await approverOf(tx, tenantId, found.waitingFor, f.owner.actor.userId ?? '');
      return approver ? { id: found.id, approver } : null;
    });
    if (!latest) return;
    await approveRequest(
      platform,
      { actor: userActor(tenantId, latest.approver.id), role: latest.approver.role },
      latest.id,
      { comment: '同意，本季度签约为前提' },
      null,
    );
  }
}

/** Someone of the level the request waits for: the requester's team lead, or a director / admin. */
async function approverOf(
  tx: Tx,
  tenantId: string,
  level: string,
  requesterId: string,
): Promise<{ id: string; role: Role } | null> {
  const leads = level === 'manager' ? (await managerDirectory(tx, tenantId))(requesterId, null) : null;
  if (leads?.length === 0) return null;
  const [row] = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.status, 'active'),
        ne(users.id, requesterId),
        leads ? inArray(users.id, leads) : eq(users.role, level),
      ),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  return row ? { id: row.id, role: row.role as Role } : null;
}

async function seedQuotes(
  platform: Platform,
  company: DemoCompany,
  now: Date,
  written: string[],
): Promise<{ quotes: number; followUps: FollowUp[] }> {
  const { tenantId } = company;
  const actor = systemActor(tenantId);
  return withTenant(platform.db, tenantId, async (tx) => {
    const none = { quotes: 0, followUps: [] };
    const [existing] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(quotes)
      .where(eq(quotes.tenantId, tenantId));
    if ((existing?.n ?? 0) > 0) return none;
    const catalogue = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.tenantId, tenantId), eq(products.active, true), eq(products.currency, 'CNY')))
      .orderBy(asc(products.code))
      .limit(8);
    if (catalogue.length < 2) return none;
    const open = await tx
      .select({ deal: deals, role: users.role })
      .from(deals)
      .innerJoin(users, and(eq(users.tenantId, deals.tenantId), eq(users.id, deals.ownerId)))
      .where(
        and(
          eq(deals.tenantId, tenantId),
          eq(deals.status, 'open'),
          eq(deals.currency, 'CNY'),
          eq(users.status, 'active'),
        ),
      )
      .orderBy(asc(deals.createdAt), asc(deals.id));
    const managersOf = await managerDirectory(tx, tenantId);
    const cast = castStories(
      open.flatMap(({ deal, role }) =>
        deal.ownerId
          ? [
              {
                deal,
                ownerId: deal.ownerId,
                role,
                approvable: role === 'rep' && managersOf(deal.ownerId, null).length > 0,
              },
            ]
          : [],
      ),
    );
    const [facts, settings] = await Promise.all([tenantFacts(tx, tenantId), loadQuoteSettings(tx, tenantId)]);
    const today = dayIn(now, facts.timeZone);
    const followUps: FollowUp[] = [];
    for (const [i, { deal, ownerId, role, story }] of cast.entries()) {
      const header = {
        tenantId,
        currency: deal.currency,
        customerId: deal.customerId,
        locale: 'zh-CN' as const,
        priceBookId: null,
      };
      const asksApproval = APPROVAL_STORIES.includes(story);
      const inputs: LineInput[] = catalogue.slice(i % 3, (i % 3) + 3).map((p, j) => ({
        productId: p.id,
        description: '',
        quantity: String((j + 1) * ((i % 4) + 1)),
        unitPriceMinor: null,
        discountBp: j === 0 ? (asksApproval ? APPROVAL_DISCOUNT_BP : 300) : 0,
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
      // The expired quote went out one validity period and a few days ago, so its validity has passed.
      const daysAgo = story === 'expired' ? settings.validityDays + 4 : (SENT_DAYS_AGO[story] ?? null);
      const sentAt = daysAgo === null ? null : new Date(now.getTime() - daysAgo * DAY);
      const createdAt = sentAt ? new Date(sentAt.getTime() - DAY) : now;
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
          validUntil: dayIn(
            new Date((sentAt ?? now).getTime() + settings.validityDays * DAY),
            facts.timeZone,
          ),
          ...totalsColumns(math),
          ownerId: deal.ownerId,
          teamId: deal.teamId,
          createdBy: ownerId,
          createdAt,
          updatedAt: sentAt ?? now,
        })
        .returning();
      if (!row) continue;
      await writeLines(tx, tenantId, id, priced, math);
      if (sentAt) {
        const snapshot = await snapshotOf(tx, row, deal, await loadLines(tx, tenantId, id));
        const pdfFileId = await storeVersionPdf(tx, platform.files, written, {
          tenantId,
          number,
          snapshot,
          companyName: facts.name,
          settings,
          issuedAt: sentAt,
        });
        await tx.insert(quoteVersions).values({
          tenantId,
          quoteId: id,
          versionNo: 1,
          snapshot,
          totalMinor: row.totalMinor,
          pdfFileId,
          sentBy: ownerId,
          sentAt,
        });
        const answeredAt = new Date(sentAt.getTime() + 2 * DAY);
        const sentState =
          story === 'accepted'
            ? { status: 'accepted', acceptedAt: answeredAt, acceptedByName: '客户采购负责人', viewCount: 3 }
            : story === 'declined'
              ? {
                  status: 'declined',
                  declinedAt: answeredAt,
                  declineReason: '预算冻结，明年一季度再议',
                  viewCount: 2,
                }
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
      if (story === 'expired' || story === 'withdrawn' || asksApproval) {
        const owner = { actor: userActor(tenantId, ownerId), role: role as Role };
        followUps.push({ story, quoteId: id, version: row.version, owner });
      }
    }
    return { quotes: cast.length, followUps };
  });
}

/** Approval stories go to the first deals whose owner is a rep with a manager; the rest in order. */
function castStories<T extends { approvable: boolean }>(open: readonly T[]): (T & { story: Story })[] {
  const approvals = open.filter((o) => o.approvable).slice(0, APPROVAL_STORIES.length);
  const rest = open.filter((o) => !approvals.includes(o)).slice(0, STORIES.length);
  return [
    ...rest.map((o, i) => ({ ...o, story: STORIES[i] ?? 'draft' })),
    ...approvals.map((o, i) => ({ ...o, story: APPROVAL_STORIES[i] ?? 'pending_approval' })),
  ];
}
