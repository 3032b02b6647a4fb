import {
  type ApprovalReason,
  ApprovalRules,
  type ApprovalSettings,
  type ApproverLevel,
} from '@contracts/approvals.contract';
import type { Role } from '@contracts/common';
import { eq } from 'drizzle-orm';
import { type Actor, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { approvalSettings } from './approvals.tables';

/**
 * The company's authority matrix (stored jsonb parsed with the contract, defaults filling gaps) and the rule
 * that reads it: whether a role's authority covers a discount and margin, else which levels must approve.
 */

export const DEFAULT_APPROVAL_RULES: ApprovalRules = ApprovalRules.parse({});

/** Levels in the order they decide; each level's rank is its index + 1, everyone else (rep, legal…) is 0. */
export const LEVELS: readonly ApproverLevel[] = ['manager', 'director', 'admin'];
const rankOf = (role: string): number => LEVELS.indexOf(role as ApproverLevel) + 1;

export type Authority = { within: boolean; levels: ApproverLevel[]; reasons: ApprovalReason[] };

export type AuthorityQuestion = {
  role: Role | ApproverLevel;
  discountBp: number;
  /** null: the margin is unknown (no cost on the lines), so the floor cannot apply. */
  marginBp: number | null;
  categories: readonly string[];
  /** The price is below the deal's negotiation price floor (unknown or another currency: false). */
  belowFloor?: boolean;
};

type LimitedRole = keyof ApprovalRules['roleLimits'];
const isLimitedRole = (role: string): role is LimitedRole =>
  role === 'rep' || role === 'manager' || role === 'director' || role === 'admin';

/** The role's own limit, before categories; roles outside the matrix give no discount on their own. */
const roleLimit = (rules: ApprovalRules, role: string): number =>
  isLimitedRole(role) ? rules.roleLimits[role] : 0;

/** The lower of the role's limit and every category limit of that role among the categories sold. */
function limitFor(rules: ApprovalRules, role: string, categories: readonly string[]): number {
  let limit = roleLimit(rules, role);
  for (const rule of rules.categoryLimits) {
    if (rule.role === role && categories.includes(rule.category)) limit = Math.min(limit, rule.maxDiscountBp);
  }
  return limit;
}

/**
 * Pure: e.g. with the defaults a rep at 5 % is within, at 6 % needs the manager, at 16 % the manager then
 * the director. A margin below the floor needs (at least) a director. When no level's limit covers the
 * discount, the chain ends at admin, the last word. A price below the deal's floor needs the rules'
 * belowFloorLevel (manager by default).
 */
export function authorityOf(rules: ApprovalRules, q: AuthorityQuestion): Authority {
  const own = rankOf(q.role);
  const reasons: ApprovalReason[] = [];
  let top = 0;
  if (q.discountBp > limitFor(rules, q.role, q.categories)) {
    reasons.push(
      q.discountBp > roleLimit(rules, q.role)
        ? 'approvals.reasons.discount_over_limit'
        : 'approvals.reasons.category_limit',
    );
    const covering = LEVELS.findIndex(
      (level, i) => i + 1 > own && q.discountBp <= limitFor(rules, level, q.categories),
    );
    top = covering === -1 ? LEVELS.length : covering + 1;
  }
  const directorRank = rankOf('director');
  if (
    rules.marginFloorBp !== null &&
    q.marginBp !== null &&
    q.marginBp < rules.marginFloorBp &&
    own < directorRank
  ) {
    reasons.push('approvals.reasons.margin_below_floor');
    top = Math.max(top, directorRank);
  }
  const floorRank = rankOf(rules.belowFloorLevel);
  if (q.belowFloor === true && own < floorRank) {
    reasons.push('approvals.reasons.below_price_floor');
    top = Math.max(top, floorRank);
  }
  if (top <= own) return { within: true, levels: [], reasons: [] };
  return { within: false, levels: LEVELS.slice(own, top), reasons };
}

export async function loadApprovalSettings(tx: Tx, tenantId: string): Promise<ApprovalSettings> {
  const [row] = await tx.select().from(approvalSettings).where(eq(approvalSettings.tenantId, tenantId));
  if (!row) return { rules: DEFAULT_APPROVAL_RULES, version: 0 };
  // A row written by an older version lacks newer fields: their defaults apply.
  const parsed = ApprovalRules.safeParse(row.rules);
  return { rules: parsed.success ? parsed.data : DEFAULT_APPROVAL_RULES, version: row.version };
}

/** Exported to subject modules: does this role's authority cover the discount and margin? */
export async function authorityFor(tx: Tx, tenantId: string, q: AuthorityQuestion): Promise<Authority> {
  const { rules } = await loadApprovalSettings(tx, tenantId);
  return authorityOf(rules, q);
}

export async function getApprovalSettings(platform: Platform, tenantId: string): Promise<ApprovalSettings> {
  return withTenant(platform.db, tenantId, (tx) => loadApprovalSettings(tx, tenantId));
}

export async function updateApprovalSettings(
  platform: Platform,
  actor: Actor,
  input: ApprovalSettings,
): Promise<ApprovalSettings> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    await tx
      .select({ version: approvalSettings.version })
      .from(approvalSettings)
      .where(eq(approvalSettings.tenantId, actor.tenantId))
      .for('update');
    const before = await loadApprovalSettings(tx, actor.tenantId);
    if (before.version !== input.version) throw new AppError('version_conflict');
    const now = platform.clock.now();
    const version = before.version + 1;
    const rules = input.rules as unknown as Record<string, unknown>;
    await tx
      .insert(approvalSettings)
      .values({ tenantId: actor.tenantId, rules, version, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: approvalSettings.tenantId, set: { rules, version, updatedAt: now } });
    await writeAudit(tx, actor, {
      entity: 'approval_settings',
      entityId: null,
      action: 'update',
      changes: { rules: { from: before.rules, to: input.rules } },
    });
    return { rules: input.rules, version };
  });
}
