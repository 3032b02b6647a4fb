import type { ComparedVersion, ProposalStatus } from '@contracts/deal-proposals.contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Platform } from '../../../platform/platform';
import type { DealCaller } from '../deal-access';
import { proposals } from '../proposals.tables';
import { diffLines, storedLines, storedMilestones, storedRoi } from './proposal-math';
import { historyOf, painPointsOf } from './proposal-view';
import { onDeal } from './proposals.service';

/**
 * The proposal comparison table (销售方案对比表, DOMAIN.md §3): the chosen versions side by side in version
 * order, each with its status, total, lines added, removed and changed against the version before it in the
 * table, the customer's feedback and the review comments. Ids of other deals are simply not found.
 */
export function compareVersions(
  platform: Platform,
  caller: DealCaller,
  dealId: string,
  ids: readonly string[] | undefined,
): Promise<{ items: ComparedVersion[] }> {
  return onDeal(platform, caller, dealId, 'read', async (tx, { deal }) => {
    const tenantId = deal.tenantId;
    const rows = await tx
      .select()
      .from(proposals)
      .where(
        and(
          eq(proposals.tenantId, tenantId),
          eq(proposals.dealId, dealId),
          ids && ids.length > 0 ? inArray(proposals.id, [...ids]) : undefined,
        ),
      )
      .orderBy(asc(proposals.versionNo));
    const history = await historyOf(
      tx,
      tenantId,
      rows.map((r) => r.id),
    );
    const items: ComparedVersion[] = [];
    let previous: { lines: ReturnType<typeof storedLines>; milestones: string; totalMinor: number } | null =
      null;
    for (const row of rows) {
      const lines = storedLines(row.lines);
      const milestones = JSON.stringify(storedMilestones(row.milestones));
      const painPoints = await painPointsOf(tx, tenantId, dealId, row.answers);
      items.push({
        id: row.id,
        versionNo: row.versionNo,
        title: row.title,
        status: row.status as ProposalStatus,
        currency: row.currency,
        totalMinor: row.totalMinor,
        totalChangeMinor: previous ? row.totalMinor - previous.totalMinor : null,
        lineCount: lines.length,
        unansweredPainPoints: painPoints.filter((p) => p.unanswered).length,
        roi: storedRoi(row.roi ?? null),
        changes: previous
          ? { ...diffLines(previous.lines, lines), milestonesChanged: previous.milestones !== milestones }
          : null,
        feedback: history.feedback.get(row.id) ?? [],
        reviews: history.reviews.get(row.id) ?? [],
        createdAt: row.createdAt.toISOString(),
      });
      previous = { lines, milestones, totalMinor: row.totalMinor };
    }
    return { items };
  });
}
