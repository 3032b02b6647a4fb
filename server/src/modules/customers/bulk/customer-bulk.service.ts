import type { Locale } from '@contracts/common';
import {
  CUSTOMER_BULK_MAX_MATCHES,
  type CustomerBulkAction,
  type CustomerBulkBody,
  type CustomerBulkResult,
} from '@contracts/customer-bulk.contract';
import { MAX_CUSTOMER_TAGS } from '@contracts/customers.contract';
import { can } from '../../../platform/access';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError, errorSentence, FieldsError, invalidFields } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import {
  applyCustomerUpdate,
  type CustomerCaller,
  resolveFilter,
  viewerOf,
  visibleCustomer,
} from '../customer-profile.service';
import type { CustomerViewer } from '../customers.policy';
import { type CustomerRow, matchingCustomerIds } from '../customers.queries';
import { applyRelease } from '../pool/pool.service';

/**
 * Bulk actions on customers (批量操作): the same change on the customers picked in the list, or on every
 * customer a filter or saved segment matches. Each customer goes through the rules of its single-record
 * action (PATCH, release) in its own savepoint, so one refusal fails that customer alone, and the answer says
 * which failed and why in the caller's language.
 */

type Outcome = 'updated' | 'unchanged';

/** Applies the action to one customer (locked) and says whether anything changed. */
async function applyOne(
  tx: Tx,
  platform: Platform,
  caller: CustomerCaller,
  viewer: CustomerViewer,
  before: CustomerRow,
  action: CustomerBulkAction,
): Promise<Outcome> {
  switch (action.kind) {
    case 'assign': {
      const teamId = action.teamId === undefined ? before.teamId : action.teamId;
      if (before.ownerId === action.ownerId && before.teamId === teamId) return 'unchanged';
      await applyCustomerUpdate(tx, platform, caller, viewer, before, {
        ownerId: action.ownerId,
        ...(action.teamId !== undefined ? { teamId: action.teamId } : {}),
      });
      return 'updated';
    }
    case 'addTags': {
      const tags = [...new Set([...before.tags, ...action.tags])];
      if (tags.length === before.tags.length) return 'unchanged';
      if (tags.length > MAX_CUSTOMER_TAGS)
        throw invalidFields({ path: 'tags', code: 'too_many_tags', vars: { max: MAX_CUSTOMER_TAGS } });
      await applyCustomerUpdate(tx, platform, caller, viewer, before, { tags });
      return 'updated';
    }
    case 'removeTags': {
      const drop = new Set(action.tags);
      const tags = before.tags.filter((tag) => !drop.has(tag));
      if (tags.length === before.tags.length) return 'unchanged';
      await applyCustomerUpdate(tx, platform, caller, viewer, before, { tags });
      return 'updated';
    }
    case 'release':
      await applyRelease(tx, platform, caller, viewer, before, action.reason);
      return 'updated';
  }
}

/** The customers a request picks: its ids, or those its filter (or segment) matches in the caller's scope. */
async function pickedIds(
  tx: Tx,
  caller: CustomerCaller,
  viewer: CustomerViewer,
  body: CustomerBulkBody,
): Promise<string[]> {
  if (body.ids) return [...new Set(body.ids)];
  const tenantId = caller.actor.tenantId;
  let picked: Awaited<ReturnType<typeof resolveFilter>>;
  try {
    picked = await resolveFilter(tx, caller.actor, body.filter ?? {});
  } catch (error) {
    // The segment and custom-field filters are checked as the list checks them; here they sit under `filter`.
    if (error instanceof FieldsError) {
      throw new FieldsError(error.fields.map((f) => ({ ...f, path: `filter.${f.path}` })));
    }
    throw error;
  }
  const { filter, custom } = picked;
  const ids = await matchingCustomerIds(tx, tenantId, viewer, filter, custom, CUSTOMER_BULK_MAX_MATCHES);
  if (ids.length > CUSTOMER_BULK_MAX_MATCHES) {
    throw invalidFields({ path: 'filter', code: 'bulk_too_many', vars: { max: CUSTOMER_BULK_MAX_MATCHES } });
  }
  return ids;
}

export async function bulkUpdateCustomers(
  platform: Platform,
  caller: CustomerCaller,
  body: CustomerBulkBody,
  locale: Locale,
): Promise<CustomerBulkResult> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const viewer = await viewerOf(tx, caller);
    // Reassigning is a manager's action: refused once for the request, not once per customer.
    if (body.action.kind === 'assign' && !can(viewer.role, 'customers.assign'))
      throw new AppError('forbidden');
    const ids = await pickedIds(tx, caller, viewer, body);
    const result: CustomerBulkResult = { matched: ids.length, updated: 0, unchanged: 0, failed: [] };
    for (const id of ids) {
      let name: string | null = null;
      try {
        const outcome = await tx.transaction(async (sp) => {
          const before = await visibleCustomer(sp, viewer, tenantId, id, true);
          name = before.name;
          return applyOne(sp, platform, caller, viewer, before, body.action);
        });
        result[outcome] += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.failed.push({ id, name, code: error.code, detail: errorSentence(error, locale) });
      }
    }
    return result;
  });
}
