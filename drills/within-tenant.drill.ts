import { loadRouteContracts, openApiPath } from './contracts';
import { type DrillResult, describe, is2xx, is5xx, tally } from './drill';
import type { Answer } from './http';
import { fillPath, isUuid, type JsonSchema, label, type Operation, sample } from './openapi';
import { json, type Lead, type Person, type World } from './world';

/**
 * Within a tenant (issue 4, bad input): a rep aims at a colleague's leads and a manager at a lead outside
 * the team (every lead route with a path parameter), both search their lists for those leads, and both try
 * every route whose contract needs a permission their role lacks (reassign, settings, users, scoring and
 * assignment rules…, read from contracts/). Each answer is 403 or 404, never the lead's data, never a 5xx;
 * the records are unchanged afterwards.
 */

type Target = { who: string; person: Person; lead: Lead; ownerId: string; leadOwner: string };

export async function withinTenantDrill(world: World, operations: Operation[]): Promise<DrillResult> {
  const t = tally('within tenant');
  const { client } = world;
  const { a } = world;
  const targets: Target[] = [
    {
      who: 'rep',
      person: a.rep1,
      lead: a.leads.rep2,
      ownerId: a.rep2.userId,
      leadOwner: "a colleague's lead",
    },
    {
      who: 'rep',
      person: a.rep1,
      lead: a.leads.loneRep,
      ownerId: a.loneRep.userId,
      leadOwner: "another team's lead",
    },
    {
      who: 'manager',
      person: a.manager,
      lead: a.leads.loneRep,
      ownerId: a.loneRep.userId,
      leadOwner: "another team's lead",
    },
    {
      who: 'manager',
      person: a.manager,
      lead: a.leads.admin,
      ownerId: a.admin.userId,
      leadOwner: "the admin's lead",
    },
  ];
  const before = await Promise.all(targets.map((target) => readLead(world, target.lead.id)));

  const leadRoutes = operations.filter((op) => op.path.startsWith('/api/v1/leads/{id}'));
  const lists = operations.filter(
    (op) => op.method === 'GET' && op.pathParams.length === 0 && op.path.startsWith('/api/v1/'),
  );
  for (const target of targets) {
    const { person, lead } = target;
    const secrets = [lead.id, lead.companyName ?? '', lead.email ?? ''].filter(Boolean);
    const shows = (answer: Answer, sent: string) =>
      secrets.filter((s) => answer.text.includes(s) && !sent.includes(s));
    const own = person === a.rep1 ? a.leads.rep1 : a.leads.unassigned;
    const fill = (name: string, schema: JsonSchema): unknown => {
      if (name === 'version' || name === 'otherVersion') return lead.version;
      if (isUuid(schema) && /^(otherId|ids)$/.test(name)) return own.id;
      return undefined;
    };
    for (const op of leadRoutes) {
      const path = fillPath(op.path, { id: lead.id });
      const body = op.body ? sample(op.body, fill) : undefined;
      const answer = await client.call(person.session, {
        method: op.method,
        path,
        ...(body !== undefined ? { body } : {}),
      });
      const seen = shows(answer, path);
      t.check(
        (answer.status === 403 || answer.status === 404) && seen.length === 0,
        () => `${target.who} on ${target.leadOwner}: ${describe(op.method, path, answer)}`,
      );
    }
    for (const op of lists) {
      const queries = [''];
      if (op.query.some((q) => q.name === 'ownerId')) queries.push(`ownerId=${target.ownerId}`);
      if (op.query.some((q) => q.name === 'q'))
        queries.push(`q=${encodeURIComponent(lead.companyName ?? '')}`);
      for (const query of queries) {
        const path = query ? `${op.path}?${query}` : op.path;
        const answer = await client.call(person.session, { method: 'GET', path });
        const seen = shows(answer, decodeURIComponent(path));
        t.check(
          !is5xx(answer) && seen.length === 0,
          () =>
            `${target.who} searching ${target.leadOwner}: ${describe('GET', path, answer)} shows ${seen.join(', ')}`,
        );
      }
    }
  }

  // Routes whose contract needs a permission the caller's role lacks: refused, whatever the body.
  const contracts = await loadRouteContracts();
  const guarded = contracts.filter((c) => c.access === 'session' && c.permission);
  const byLabel = new Map(operations.map((op) => [label(op), op]));
  const refusedBy = new Map<string, number>();
  for (const person of [a.rep1, a.manager]) {
    const own = person === a.rep1 ? a.leads.rep1 : a.leads.unassigned;
    const fill = (name: string, schema: JsonSchema): unknown => {
      if (name === 'version') return 1;
      if (isUuid(schema)) return /^(owner|user)Id$/.test(name) ? person.userId : own.id;
      return undefined;
    };
    for (const contract of guarded) {
      if (!contract.permission || person.permissions.includes(contract.permission)) continue;
      const opPath = openApiPath(contract.path);
      const op = byLabel.get(`${contract.method} ${opPath}`);
      const query = (op?.query ?? [])
        .filter((q) => q.required)
        .map((q) => `${q.name}=${encodeURIComponent(String(sample(q.schema, fill, q.name)))}`)
        .join('&');
      const path = `${fillPath(opPath, { id: own.id, userId: person.userId })}${query ? `?${query}` : ''}`;
      const body = op?.body ? sample(op.body, fill) : undefined;
      const answer = await client.call(person.session, {
        method: contract.method,
        path,
        ...(body !== undefined ? { body } : {}),
      });
      t.check(
        answer.status === 403 || answer.status === 404,
        () => `${person.role} without ${contract.permission}: ${describe(contract.method, path, answer)}`,
      );
      refusedBy.set(person.role, (refusedBy.get(person.role) ?? 0) + 1);
    }
  }

  // Manager-only actions that no contract permission guards: a bulk reassignment of the rep's own lead.
  const bulk = await client.call(a.rep1.session, {
    method: 'POST',
    path: '/api/v1/leads/bulk',
    body: { ids: [a.leads.rep1.id], action: { kind: 'assign', ownerId: a.rep2.userId } },
  });
  t.check(
    bulk.status === 403 || bulk.status === 404,
    () => `rep bulk-reassigning their own lead: ${describe('POST', '/api/v1/leads/bulk', bulk)}`,
  );
  const bulkOther = await client.call(a.rep1.session, {
    method: 'POST',
    path: '/api/v1/leads/bulk',
    body: { ids: [a.leads.rep2.id], action: { kind: 'grade', grade: 'A' } },
  });
  const bulkBody = bulkOther.text;
  t.check(
    (bulkOther.status === 403 ||
      bulkOther.status === 404 ||
      (is2xx(bulkOther) && bulkBody.includes('"updated":0'))) &&
      !bulkBody.includes(a.leads.rep2.companyName ?? '-'),
    () => `rep bulk-grading a colleague's lead: ${describe('POST', '/api/v1/leads/bulk', bulkOther)}`,
  );

  // The searches mean something: the same lists do show a rep their own lead and a manager the team's.
  for (const [person, lead] of [
    [a.rep1, a.leads.rep1],
    [a.manager, a.leads.rep2],
  ] as const) {
    const path = `/api/v1/leads?q=${encodeURIComponent(lead.companyName ?? '')}`;
    const answer = await client.call(person.session, { method: 'GET', path });
    t.check(answer.text.includes(lead.id), () => `${person.role} does not find a lead of their own: ${path}`);
  }

  const after = await Promise.all(targets.map((target) => readLead(world, target.lead.id)));
  const afterOwn = await readLead(world, a.leads.rep1.id);
  t.check(JSON.stringify(after) === JSON.stringify(before), () => 'a lead changed while others aimed at it');
  t.check(
    afterOwn.ownerId === a.rep1.userId,
    () => `the rep reassigned their own lead to ${afterOwn.ownerId}`,
  );
  const me = json<{ user: { role: string } }>(
    await client.call(a.rep1.session, { method: 'GET', path: '/api/v1/me' }),
    200,
    'me',
  );
  t.check(me.user.role === 'rep', () => `the rep is now ${me.user.role}`);

  t.note(
    `${leadRoutes.length} lead routes × ${targets.length} (rep → colleague / other team, manager → other team / ` +
      `admin); ${lists.length} lists searched; ${guarded.length} permission-guarded contracts, refused to ` +
      [...refusedBy].map(([role, n]) => `${role} ${n}×`).join(', '),
  );
  t.note(
    "Not drilled as a leak: the duplicate check names a colleague's matching lead (by design: the warning is " +
      'company-wide), and every user may list colleagues.',
  );
  return t.result();
}

/** What an attempt could change (not the version or score: background rescoring may move them meanwhile). */
type LeadState = {
  id: string;
  ownerId: string | null;
  notes: string;
  status: string;
  grade: string | null;
  sharedWith: string[];
};

async function readLead(world: World, id: string): Promise<LeadState> {
  const lead = json<LeadState>(
    await world.client.call(world.a.admin.session, { method: 'GET', path: `/api/v1/leads/${id}` }),
    200,
    'lead',
  );
  const { ownerId, notes, status, grade, sharedWith } = lead;
  return { id, ownerId, notes, status, grade, sharedWith };
}
