import { type DrillResult, describe, is2xx, is5xx, tally } from './drill';
import type { Answer, Identity } from './http';
import { json, type World } from './world';

/**
 * Approval bypass (issue 4 rows for approvals): tenant A's rep1 quotes 16 % off, beyond a rep's 5 %, and asks
 * for approval (manager, then director — A has none, so the admin). Then every way around the chain is tried:
 * the rep approving their own request, a colleague rep approving it, the admin deciding the second step
 * before the manager decided the first, the rep sending the quote without approval, and once it is approved,
 * replaying the decisions. Every attempt must be refused (4xx), none may answer 5xx, and the request must
 * end approved by exactly the two legitimate decisions.
 */

type Approval = { id: string; version: number; status: string; currentStep: number };

export async function approvalBypassDrill(world: World): Promise<DrillResult> {
  const t = tally('approval bypass');
  const { client, a } = world;
  const rep = a.rep1.session;
  const call = (who: Identity, method: string, path: string, body?: unknown) =>
    client.call(who, { method, path, ...(body === undefined ? {} : { body }) });

  const customer = json<{ id: string }>(
    await call(rep, 'POST', '/api/v1/customers', { name: `${a.marker} approval drill ${world.run}` }),
    201,
    'customer',
  );
  const deal = json<{ id: string }>(
    await call(rep, 'POST', '/api/v1/deals', { name: `${a.marker} approval drill`, customerId: customer.id }),
    201,
    'deal',
  );
  let quote = json<{ id: string; version: number }>(
    await call(rep, 'POST', '/api/v1/quotes', {
      dealId: deal.id,
      lines: [{ name: 'Drill licence', quantity: '10', unitPriceMinor: 100_000, discountBp: 1600 }],
    }),
    201,
    'quote',
  );
  quote = json(
    await call(rep, 'POST', `/api/v1/quotes/${quote.id}/submit`, { version: quote.version, reason: 'drill' }),
    200,
    'submit',
  );
  const mine = json<{ items: (Approval & { subjectId: string })[] }>(
    await call(rep, 'GET', '/api/v1/approvals?box=mine&status=pending'),
    200,
    'my requests',
  );
  const request = mine.items.find((i) => i.subjectId === quote.id);
  if (!request) throw new Error('submit opened no approval request');
  const path = `/api/v1/approvals/${request.id}`;
  const current = async () => json<Approval>(await call(a.admin.session, 'GET', path), 200, 'read request');

  const refused = async (what: string, answer: Promise<Answer>, method = 'POST', url = path) => {
    const res = await answer;
    t.check(!is2xx(res) && !is5xx(res) && res.status >= 400, () => `${what}: ${describe(method, url, res)}`);
  };

  let version = (await current()).version;
  await refused('rep approves own request', call(rep, 'POST', `${path}/approve`, { version }));
  await refused('rep returns own request', call(rep, 'POST', `${path}/return`, { version, comment: 'x' }));
  await refused('colleague rep approves', call(a.rep2.session, 'POST', `${path}/approve`, { version }));
  await refused('lone rep approves', call(a.loneRep.session, 'POST', `${path}/approve`, { version }));
  await refused('admin decides step 2 first', call(a.admin.session, 'POST', `${path}/approve`, { version }));
  await refused(
    'manager with a stale version',
    call(a.manager.session, 'POST', `${path}/approve`, { version: version - 1 }),
  );
  await refused('manager without a version', call(a.manager.session, 'POST', `${path}/approve`, {}));
  await refused(
    'rep sends the quote without approval',
    call(rep, 'POST', `/api/v1/quotes/${quote.id}/send`, { version: quote.version }),
    'POST',
    `/api/v1/quotes/${quote.id}/send`,
  );
  await refused(
    'other company approves',
    call(world.b.admin.session, 'POST', `${path}/approve`, { version }),
  );
  t.check(
    (await current()).status === 'pending',
    () => 'the request is no longer pending after refused attempts',
  );

  // The legitimate chain: the manager, then the admin (standing in for the missing director).
  const step1 = json<Approval>(
    await call(a.manager.session, 'POST', `${path}/approve`, { version, comment: 'ok' }),
    200,
    'manager approves',
  );
  await refused(
    'manager approves twice',
    call(a.manager.session, 'POST', `${path}/approve`, { version: step1.version }),
  );
  await refused('rep approves step 2', call(rep, 'POST', `${path}/approve`, { version: step1.version }));
  const step2 = json<Approval>(
    await call(a.admin.session, 'POST', `${path}/approve`, { version: step1.version }),
    200,
    'admin approves',
  );
  t.check(step2.status === 'approved', () => `request ends ${step2.status}, not approved`);
  version = step2.version;
  await refused('admin replays the approval', call(a.admin.session, 'POST', `${path}/approve`, { version }));
  await refused(
    'manager replays',
    call(a.manager.session, 'POST', `${path}/approve`, { version: step1.version }),
  );
  await refused(
    'admin returns a decided request',
    call(a.admin.session, 'POST', `${path}/return`, { version, comment: 'late' }),
  );
  await refused('rep withdraws a decided request', call(rep, 'POST', `${path}/cancel`, { version }));
  t.check((await current()).status === 'approved', () => 'the decided request changed after replays');
  t.note(
    'refused: own approval/return, colleague and lone rep, step out of order, stale/missing version, send without approval, other company, replays after the decision',
  );
  return t.result();
}
