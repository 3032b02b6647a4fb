import { type DrillResult, describe, is2xx, is5xx, tally } from './drill';
import { type Answer, inBatches, jsonOf, multipartFile } from './http';
import { fillPath, isUuid, type JsonSchema, label, type Operation, sample, uuidsIn } from './openapi';
import { createForm, json, listAll, uploadFile, type World } from './world';

/**
 * Cross-tenant (issue 4, bad input): tenant B's admin, who holds every permission, aims every route of the
 * OpenAPI document at tenant A. Routes with a path parameter get each of A's real ids (gathered by listing as
 * A); lists, searches and the export get A's ids as filters, A's names as search text and A's cursors;
 * writes without a path parameter get A's ids in their bodies. Never A's data in an answer (no A marker, no
 * A id that B did not send itself), never a 5xx, never a 2xx on A's record; afterwards A's leads are as they
 * were, A's audit log names none of B's people, and B's own lists show nothing of A's that B did not type.
 */

const PARALLEL = 8;

type Page = { items?: { id?: unknown }[]; nextCursor?: unknown };

export async function crossTenantDrill(world: World, operations: Operation[]): Promise<DrillResult> {
  const t = tally('cross-tenant');
  const { client, run } = world;
  const { a, b } = world;
  const asA = a.admin.session;
  const asB = b.admin.session;

  // A's records of every kind the set-up did not make yet.
  const made = await seedRecordsOfA(world);

  // A's ids, as A's own lists show them, and what A's data looks like in any answer.
  const listRoutes = operations.filter(
    (op) => op.method === 'GET' && op.pathParams.length === 0 && op.path.startsWith('/api/v1/'),
  );
  const aUuids = new Set<string>(Object.values(made));
  // A's names and addresses as A's lists show them: each its own marker, so that B sending one of them
  // (A's lead's email, to search for it) leaves the others to be looked for.
  const aTexts = new Set<string>();
  const textRe = new RegExp(`${a.marker}[^"\\,\n]*|[\\w.+-]+@a(-lead)?\\.drill\\.example`, 'g');
  const pool = new Set<string>(Object.values(made));
  const aCursors = new Map<string, string>();
  for (const op of listRoutes) {
    const answer = await client.call(asA, { method: 'GET', path: op.path });
    if (answer.status !== 200) continue;
    for (const id of uuidsIn(answer.text)) aUuids.add(id);
    for (const text of answer.text.match(textRe) ?? []) aTexts.add(text);
    const body = jsonOf<Page>(answer);
    for (const item of (body?.items ?? []).slice(0, 5)) if (typeof item.id === 'string') pool.add(item.id);
    if (op.query.some((q) => q.name === 'cursor')) {
      const first = jsonOf<Page>(await client.call(asA, { method: 'GET', path: `${op.path}?limit=1` }));
      if (typeof first?.nextCursor === 'string') aCursors.set(op.path, first.nextCursor);
    }
  }
  for (const id of uuidsIn(JSON.stringify(b))) aUuids.delete(id);
  const markers = [a.marker, '@a.drill.example', '@a-lead.drill.example', ...aTexts, ...aUuids];
  // What B itself sent may come back in B's own records (an invitation to an address that A also uses).
  const sentByB = new Set<string>();
  const leaked = (answer: Answer, sent: string) => {
    for (const m of markers) if (sent.includes(m)) sentByB.add(m);
    return markers.filter((m) => answer.text.includes(m) && !sent.includes(m));
  };

  const aLead = a.leads.rep1;
  // A body the route would take, naming A's records; `pathId` is the record in the path (a merge's other
  // lead must be another one). A rule condition that needs no value keeps the rule bodies valid.
  const fill =
    (pathId = '') =>
    (name: string, schema: JsonSchema): unknown => {
      if (name === 'version' || name === 'otherVersion') return 1;
      if (name === 'email') return aLead.email;
      if (name === 'companyName') return aLead.companyName;
      if (name === 'operator' && schema.enum?.includes('present')) return 'present';
      if (schema.type === 'array' && schema.items && isUuid(schema.items)) {
        return [fill(pathId)(name, schema.items)];
      }
      if (isUuid(schema)) {
        if (/^(owner|user|actor)Id$/.test(name)) return a.rep1.userId;
        if (name === 'teamId' || name === 'teamIds') return a.teamId;
        if (name === 'campaignId') return made.campaign;
        if (name === 'trackId' || name === 'defaultNurtureTrackId') return made.track;
        if (name === 'formId') return made.form;
        return pathId === aLead.id ? a.leads.rep2.id : aLead.id;
      }
      return undefined;
    };

  // What B's attempts could change in A: the leads' own fields (background rescoring may move scores and
  // versions meanwhile, so those are left out) and A's audit trail (nothing there may name B's people).
  const since = new Date(Date.now() - 1000).toISOString();
  const leadsBefore = await leadFieldsOf(world);

  // 1. Every route with a path parameter, with each of A's ids.
  const byId = operations.filter(
    (op) => op.byId && op.path.startsWith('/api/v1/') && !op.path.startsWith('/api/v1/auth/'),
  );
  const statuses = new Map<number, number>();
  const invalidBodies = new Set<string>();
  const idCalls = byId.flatMap((op) => [...pool].map((id) => ({ op, id })));
  await inBatches(idCalls, PARALLEL, async ({ op, id }) => {
    const path = fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, id])));
    const body = op.body ? sample(op.body, fill(id)) : undefined;
    const answer = await client.call(asB, {
      method: op.method,
      path,
      ...(body !== undefined ? { body } : {}),
    });
    const sent = `${path} ${JSON.stringify(body ?? null)}`;
    const leaks = leaked(answer, sent);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (answer.status === 400) invalidBodies.add(label(op));
    t.check(
      !is2xx(answer) && !is5xx(answer) && leaks.length === 0,
      () => `${label(op)} with A's id: ${describe(op.method, path, answer)}${leaksNote(leaks, answer)}`,
    );
  });

  // 2. Lists, searches and the export with A's ids, names and cursors.
  const listCalls: { op: Operation; query: string }[] = [];
  for (const op of listRoutes) {
    listCalls.push({ op, query: '' });
    for (const param of op.query) {
      const values =
        param.name === 'cursor'
          ? [aCursors.get(op.path)].filter((c): c is string => typeof c === 'string')
          : isUuid(param.schema) || /Id$/.test(param.name)
            ? [...pool]
            : param.name === 'q'
              ? [a.marker, aLead.email ?? '', aLead.companyName ?? '']
              : [];
      for (const value of values) listCalls.push({ op, query: `${param.name}=${encodeURIComponent(value)}` });
    }
  }
  await inBatches(listCalls, PARALLEL, async ({ op, query }) => {
    const path = query ? `${op.path}?${query}` : op.path;
    const answer = await client.call(asB, { method: 'GET', path });
    const leaks = leaked(answer, decodeURIComponent(path));
    t.check(
      !is5xx(answer) && leaks.length === 0,
      () => `${label(op)} with A's filter: ${describe('GET', path, answer)}${leaksNote(leaks, answer)}`,
    );
  });

  // 3. Writes without a path parameter that name records in their body: A's ids there.
  const bodyCalls = operations.filter(
    (op) =>
      op.method !== 'GET' &&
      op.pathParams.length === 0 &&
      !op.public &&
      op.body !== null &&
      hasReference(op.body),
  );
  const bodyStatuses: string[] = [];
  for (const op of bodyCalls) {
    const body = op.body ? sample(op.body, fill()) : undefined;
    const answer = await client.call(asB, { method: op.method, path: op.path, body });
    bodyStatuses.push(`${label(op)} ${answer.status}`);
    const leaks = leaked(answer, JSON.stringify(body));
    t.check(
      !is5xx(answer) && leaks.length === 0,
      () =>
        `${label(op)} with A's ids in the body: ${describe(op.method, op.path, answer)}${leaksNote(leaks, answer)}`,
    );
  }

  // 4. A forged session: B's cookie with A's tenant id in it.
  const forged = asB.cookie.replace(b.id, a.id);
  const forgedAnswer = await client.call(
    { kind: 'session', cookie: forged, csrf: asB.csrf },
    { method: 'GET', path: '/api/v1/me' },
  );
  t.check(
    forged !== asB.cookie && forgedAnswer.status === 401,
    () => `forged cookie: ${forgedAnswer.status}`,
  );

  // 5. Afterwards: A's leads and audit log as they were, B's records free of A's ids.
  const auditOfA = await listAll<{ actorId: string | null; actorName: string | null; action: string }>(
    client,
    asA,
    `/api/v1/audit-log?from=${encodeURIComponent(since)}`,
  );
  const byB = auditOfA.filter(
    (e) =>
      (e.actorId && [b.admin.userId, b.rep.userId].includes(e.actorId)) || e.actorName?.includes(b.marker),
  );
  t.check(byB.length === 0, () => `A's audit log has ${byB.length} entries by B: ${JSON.stringify(byB[0])}`);
  const leadsAfter = await leadFieldsOf(world);
  t.check(leadsAfter === leadsBefore, () => `A's leads changed during B's attempts`);
  for (const op of listRoutes) {
    const answer = await client.call(asB, { method: 'GET', path: op.path });
    const leaks = leaked(answer, '').filter((m) => !sentByB.has(m));
    t.check(leaks.length === 0, () => `B's ${op.path} now shows A's data${leaksNote(leaks, answer)}`);
  }

  // The search means something only if the same lists do show A's data to A.
  let seenByA = 0;
  for (const op of listRoutes) {
    const answer = await client.call(asA, { method: 'GET', path: op.path });
    if (markers.some((m) => answer.text.includes(m))) seenByA += 1;
  }
  t.check(seenByA >= 5, () => `only ${seenByA} lists show A's markers to A: the leak check sees nothing`);

  const notById = operations.filter(
    (op) => op.pathParams.length > 0 && !op.byId && op.path.startsWith('/api/v1/'),
  );
  if (notById.length > 0) {
    t.note(
      `path parameters that are not record ids (the caller's own, or a token): ${notById.map(label).join(', ')}`,
    );
  }
  t.note(
    `answers to A's ids: ${[...statuses].map(([status, n]) => `${n}× ${status}`).join(', ')}` +
      (invalidBodies.size > 0 ? ` (400: the body was refused first: ${[...invalidBodies].join(', ')})` : ''),
  );
  t.note(
    `${byId.length} routes with path parameters × ${pool.size} ids of A; ${listCalls.length} list/search/export ` +
      `calls (${aCursors.size} of A's cursors); ${bodyCalls.length} writes with A's ids in the body ` +
      `(${bodyStatuses.join(', ')}); ` +
      `${markers.length} markers of A; ${seenByA} lists show them to A (run ${run})`,
  );
  return t.result();
}

function leaksNote(leaks: string[], answer?: Answer): string {
  const first = leaks[0];
  if (!first) return '';
  const at = answer ? answer.text.indexOf(first) : -1;
  const context = at >= 0 ? ` in …${answer?.text.slice(Math.max(0, at - 120), at + 60)}…` : '';
  return ` LEAKED ${leaks.slice(0, 3).join(', ')}${context}`;
}

/** A body that names a record (an id field) or searches by a person's email or company. */
function hasReference(schema: JsonSchema, depth = 0): boolean {
  if (depth > 6) return false;
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (options.some((o) => hasReference(o, depth + 1))) return true;
  if (isUuid(schema)) return true;
  if (schema.items && hasReference(schema.items, depth + 1)) return true;
  return Object.entries(schema.properties ?? {}).some(
    ([name, prop]) => name === 'email' || name === 'companyName' || hasReference(prop, depth + 1),
  );
}

type LeadFields = { id: string; companyName: string | null; ownerId: string | null; status: string };

async function leadFieldsOf(world: World): Promise<string> {
  const leads = await listAll<LeadFields & Record<string, unknown>>(
    world.client,
    world.a.admin.session,
    '/api/v1/leads',
  );
  return JSON.stringify(
    leads.map((l) => [l.id, l.companyName, l.contactName, l.email, l.ownerId, l.teamId, l.status, l.grade]),
  );
}

/** One record of each kind tenant A can hold, so that every route has a real id of A to be aimed at. */
async function seedRecordsOfA(world: World): Promise<Record<string, string>> {
  const { client, run } = world;
  const { a } = world;
  const asA = a.admin.session;
  const post = async (path: string, body: unknown, what: string) =>
    json<{ id: string }>(await client.call(asA, { method: 'POST', path, body }), 201, what).id;

  const file = await uploadFile(client, asA, `${a.marker}.txt`, `${a.marker} secret file`);
  const view = await post('/api/v1/lead-views', { name: `${a.marker} view`, shared: true }, 'view');
  const campaign = await post(
    '/api/v1/campaigns',
    { name: `${a.marker} campaign`, channel: 'event' },
    'campaign',
  );
  const form = await createForm(client, asA, `${a.marker} form`, {
    formRatePerMinute: 60,
    ipRatePerHour: 10,
  });
  const scoreRule = await post(
    '/api/v1/lead-scoring/rules',
    { kind: 'attribute', name: `${a.marker} rule`, field: 'grade', operator: 'eq', value: 'A', points: 5 },
    'score rule',
  );
  const routingRule = await post(
    '/api/v1/lead-routing/rules',
    { name: `${a.marker} routing`, teamId: a.teamId },
    'routing rule',
  );
  const track = await post(
    '/api/v1/lead-routing/nurture-tracks',
    { name: `${a.marker} track`, steps: [{ kind: 'task', delayDays: 1, subject: 'Call again', body: '' }] },
    'nurture track',
  );
  const activity = await post(
    `/api/v1/leads/${a.leads.rep1.id}/activities`,
    { kind: 'call', subject: `${a.marker} call` },
    'activity',
  );
  const upload = multipartFile(
    'a.csv',
    `Company,Email\n${a.marker} import,import-${run}@a-lead.drill.example\n`,
    'text/csv',
  );
  const importId = json<{ id: string }>(
    await client.call(asA, { method: 'POST', path: '/api/v1/leads/import', raw: upload }),
    201,
    'import upload',
  ).id;
  const pending = json<{ user: { id: string } }>(
    await client.call(asA, {
      method: 'POST',
      path: '/api/v1/users/invitations',
      body: { email: `pending-${run}@a.drill.example`, name: `${a.marker} pending`, role: 'manager' },
    }),
    201,
    'pending invitation',
  ).user.id;
  return {
    tenant: a.id,
    admin: a.admin.userId,
    manager: a.manager.userId,
    rep1: a.rep1.userId,
    pending,
    team: a.teamId,
    file: file.id,
    view,
    campaign,
    form: form.id,
    scoreRule,
    routingRule,
    track,
    activity,
    import: importId,
    leadRep1: a.leads.rep1.id,
    leadRep2: a.leads.rep2.id,
    leadUnassigned: a.leads.unassigned.id,
  };
}
