import type { Clause, Contract, ContractDiff } from '@contracts/contracts.contract';
import { and, asc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/access';
import { writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { type ContractCaller, type ContractRow, contractFor, seesDeal } from './contract-access';
import { diffClauses } from './contract-diff';
import { clausesOf } from './contract-templates';
import { presentContract, versionRow } from './contracts.service';
import { contractReviews, contracts, contractVersions } from './contracts.tables';

/**
 * Versions and legal review. Every change of the text is a new numbered version (source draft, legal or
 * customer), so what legal approved and what the customer signed stay readable. Approval names one version;
 * a later version needs approving again.
 */

type Source = 'draft' | 'legal' | 'customer';

async function update(
  tx: Tx,
  platform: Platform,
  row: ContractRow,
  set: Partial<typeof contracts.$inferInsert>,
) {
  const [next] = await tx
    .update(contracts)
    .set({ ...set, version: row.version + 1, updatedAt: platform.clock.now() })
    .where(and(eq(contracts.tenantId, row.tenantId), eq(contracts.id, row.id)))
    .returning();
  if (!next) throw new Error('contract update returned nothing');
  return next;
}

function refuse(row: ContractRow, to: string): never {
  throw new AppError('transition_not_allowed', { from: row.status, to });
}

/**
 * Who may write which version: the owner while draft (source draft), a reviewer while in review (source legal),
 * the owner for the customer's changes before signing (source customer: back to draft, approval void).
 */
async function addVersion(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  input: { clauses: Clause[]; note: string },
  kind: 'edit' | 'customer',
): Promise<Contract> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await contractFor(tx, caller, contractId, 'read', { lock: true });
    const owner = await seesDeal(tx, caller, row.dealId);
    let source: Source;
    if (kind === 'customer') {
      if (!owner) throw new AppError('forbidden');
      if (!['draft', 'in_review', 'approved', 'sent'].includes(row.status)) refuse(row, 'draft');
      source = 'customer';
    } else if (row.status === 'draft') {
      if (!owner) throw new AppError('forbidden');
      source = 'draft';
    } else if (row.status === 'in_review') {
      if (!can(caller.role, 'contracts.review')) throw new AppError('forbidden');
      source = 'legal';
    } else {
      refuse(row, 'draft');
    }
    const versionNo = row.currentVersionNo + 1;
    await tx.insert(contractVersions).values({
      tenantId,
      contractId: row.id,
      versionNo,
      source,
      clauses: input.clauses,
      note: input.note,
      createdBy: caller.actor.userId,
    });
    // The customer's changes reopen the text: whatever was approved or sent no longer matches it.
    const status = source === 'customer' ? 'draft' : row.status;
    const next = await update(tx, platform, row, { currentVersionNo: versionNo, status });
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: row.id,
      action: source === 'customer' ? 'customer_revision' : 'new_version',
      changes: {
        currentVersionNo: { from: row.currentVersionNo, to: versionNo },
        source: { from: null, to: source },
        ...(status !== row.status ? { status: { from: row.status, to: status } } : {}),
      },
    });
    return presentContract(tx, caller, next);
  });
}

export const putClauses = (
  p: Platform,
  c: ContractCaller,
  id: string,
  input: { clauses: Clause[]; note: string },
) => addVersion(p, c, id, input, 'edit');

export const customerRevision = (
  p: Platform,
  c: ContractCaller,
  id: string,
  input: { clauses: Clause[]; note: string },
) => addVersion(p, c, id, input, 'customer');

export async function listVersions(platform: Platform, caller: ContractCaller, contractId: string) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await contractFor(tx, caller, contractId, 'read');
    const rows = await tx
      .select()
      .from(contractVersions)
      .where(and(eq(contractVersions.tenantId, tenantId), eq(contractVersions.contractId, contractId)))
      .orderBy(asc(contractVersions.versionNo));
    return {
      items: rows.map((v) => ({
        versionNo: v.versionNo,
        source: v.source as Source,
        note: v.note,
        createdBy: v.createdBy,
        createdAt: v.createdAt.toISOString(),
        pdfSha256: v.pdfSha256,
        approved: v.versionNo === row.approvedVersionNo,
        signed: v.versionNo === row.signedVersionNo,
        clauses: clausesOf(v.clauses),
      })),
    };
  });
}

export async function diffVersions(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  from: number,
  to: number,
): Promise<ContractDiff> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await contractFor(tx, caller, contractId, 'read');
    const [a, b] = await Promise.all([
      versionRow(tx, tenantId, contractId, from),
      versionRow(tx, tenantId, contractId, to),
    ]);
    if (!a) throw invalidFields({ path: 'from', code: 'invalid' });
    if (!b) throw invalidFields({ path: 'to', code: 'invalid' });
    return diffClauses(from, clausesOf(a.clauses), to, clausesOf(b.clauses));
  });
}

/** The owner hands the draft to legal. */
export async function submitContract(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  version: number,
): Promise<Contract> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await contractFor(tx, caller, contractId, 'edit', { lock: true });
    if (row.version !== version) throw new AppError('version_conflict');
    if (row.status !== 'draft') refuse(row, 'in_review');
    const next = await update(tx, platform, row, { status: 'in_review', approvedVersionNo: null });
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: row.id,
      action: 'submit',
      changes: {
        status: { from: row.status, to: 'in_review' },
        versionNo: { from: null, to: row.currentVersionNo },
      },
    });
    return presentContract(tx, caller, next);
  });
}

/**
 * Legal's review: a comment (on the contract or one clause) at any status from review on; return (to draft,
 * with a comment) and approve (the version read, which must still be the current one) only while in review.
 */
export async function reviewContract(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  input: {
    kind: 'comment' | 'approve' | 'return';
    body: string;
    clauseKey: string | null;
    versionNo: number;
  },
): Promise<Contract> {
  if (!can(caller.role, 'contracts.review')) throw new AppError('forbidden');
  const tenantId = caller.actor.tenantId;
  const userId = caller.actor.userId;
  if (!userId) throw new AppError('forbidden');
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await contractFor(tx, caller, contractId, 'read', { lock: true });
    if (input.kind !== 'comment' && row.status !== 'in_review') {
      refuse(row, input.kind === 'approve' ? 'approved' : 'draft');
    }
    if (input.kind === 'comment' && row.status === 'draft') refuse(row, 'in_review');
    if (input.versionNo !== row.currentVersionNo) throw new AppError('version_conflict');
    if (input.kind === 'return' && input.body.trim() === '')
      throw invalidFields({ path: 'body', code: 'invalid' });
    const current = await versionRow(tx, tenantId, row.id, row.currentVersionNo);
    if (input.clauseKey && !clausesOf(current?.clauses ?? []).some((c) => c.key === input.clauseKey)) {
      throw invalidFields({ path: 'clauseKey', code: 'invalid' });
    }
    await tx.insert(contractReviews).values({
      tenantId,
      id: uuidv7(),
      contractId: row.id,
      versionNo: row.currentVersionNo,
      authorId: userId,
      kind: input.kind,
      clauseKey: input.clauseKey,
      body: input.body,
    });
    const next =
      input.kind === 'approve'
        ? await update(tx, platform, row, {
            status: 'approved',
            approvedVersionNo: row.currentVersionNo,
            legalReviewerId: userId,
          })
        : input.kind === 'return'
          ? await update(tx, platform, row, { status: 'draft', legalReviewerId: userId })
          : row;
    await writeAudit(tx, caller.actor, {
      entity: 'contract',
      entityId: row.id,
      action: `review_${input.kind}`,
      changes: {
        versionNo: { from: null, to: row.currentVersionNo },
        ...(next.status !== row.status ? { status: { from: row.status, to: next.status } } : {}),
        ...(input.clauseKey ? { clauseKey: { from: null, to: input.clauseKey } } : {}),
      },
    });
    return presentContract(tx, caller, next);
  });
}
