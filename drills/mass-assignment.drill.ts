import { type DrillResult, describe, tally } from './drill';
import { type Identity, jsonOf } from './http';
import { json, listAll, type World } from './world';

/**
 * Mass assignment (issue 4, bad input): fields a client must never set (`tenantId`, `id`, `createdAt`,
 * `deletedAt`, `role`) in the create and update bodies of leads and users, and `ownerId` where the caller
 * may not assign, are refused with a 400 naming the field; nothing is stored or changed.
 */

type Problem = { errors?: { path: string }[] };

export async function massAssignmentDrill(world: World): Promise<DrillResult> {
  const t = tally('mass assignment');
  const { client, run } = world;
  const { a, b } = world;
  const forbidden: Record<string, unknown> = {
    tenantId: b.id,
    id: '01900000-0000-7000-8000-000000000001',
    createdAt: '2000-01-01T00:00:00.000Z',
    deletedAt: '2000-01-01T00:00:00.000Z',
    role: 'admin',
  };
  const name = `Mass ${run}`;

  async function refused(
    who: Identity,
    method: string,
    path: string,
    body: unknown,
    field: string,
    status = 400,
  ) {
    const answer = await client.call(who, { method, path, body });
    const named = (jsonOf<Problem>(answer)?.errors ?? []).some((e) => e.path === field);
    t.check(
      answer.status === status && (status !== 400 || named),
      () => `${field}: ${describe(method, path, answer)}`,
    );
  }

  const ownLead = a.leads.rep1;
  for (const [field, value] of Object.entries(forbidden)) {
    await refused(a.rep1.session, 'POST', '/api/v1/leads', { companyName: name, [field]: value }, field);
    await refused(a.admin.session, 'POST', '/api/v1/leads', { companyName: name, [field]: value }, field);
    await refused(a.adminToken, 'POST', '/api/v1/leads', { companyName: name, [field]: value }, field);
    const version = await versionOf(world, ownLead.id);
    await refused(
      a.rep1.session,
      'PATCH',
      `/api/v1/leads/${ownLead.id}`,
      { version, notes: 'mass', [field]: value },
      field,
    );
    if (field !== 'role') {
      await refused(
        a.admin.session,
        'POST',
        '/api/v1/users/invitations',
        { email: `mass-${field}-${run}@a.drill.example`, name, role: 'rep', [field]: value },
        field,
      );
      const user = await versionOfUser(world, a.rep2.userId);
      await refused(
        a.admin.session,
        'PATCH',
        `/api/v1/users/${a.rep2.userId}`,
        { version: user, name: 'mass', [field]: value },
        field,
      );
    }
    await refused(a.rep1.session, 'PATCH', '/api/v1/me', { name: 'mass', [field]: value }, field);
  }

  // ownerId where the caller may not assign: a rep naming a colleague, on a new lead and on their own.
  await refused(
    a.rep1.session,
    'POST',
    '/api/v1/leads',
    { companyName: name, ownerId: a.rep2.userId },
    'ownerId',
  );
  await refused(
    a.rep1.session,
    'PATCH',
    `/api/v1/leads/${ownLead.id}`,
    { version: await versionOf(world, ownLead.id), ownerId: a.rep2.userId },
    'ownerId',
  );
  await refused(a.rep1.session, 'POST', '/api/v1/leads', { companyName: name, teamId: a.teamId }, 'teamId');
  // A rep changing their own role through the users API: not their permission.
  await refused(
    a.rep1.session,
    'PATCH',
    `/api/v1/users/${a.rep1.userId}`,
    { version: 1, role: 'admin' },
    'role',
    403,
  );

  const created = await listAll<{ id: string }>(
    client,
    a.admin.session,
    `/api/v1/leads?q=${encodeURIComponent(name)}`,
  );
  t.check(created.length === 0, () => `${created.length} leads were stored from refused bodies`);
  const lead = json<{ ownerId: string | null; notes: string }>(
    await client.call(a.admin.session, { method: 'GET', path: `/api/v1/leads/${ownLead.id}` }),
    200,
    'lead',
  );
  t.check(
    lead.ownerId === a.rep1.userId && lead.notes !== 'mass',
    () => `the rep's lead changed: ${JSON.stringify(lead)}`,
  );
  const me = json<{ user: { role: string; name: string } }>(
    await client.call(a.rep1.session, { method: 'GET', path: '/api/v1/me' }),
    200,
    'me',
  );
  t.check(
    me.user.role === 'rep' && me.user.name !== 'mass',
    () => `the rep's profile changed: ${JSON.stringify(me.user)}`,
  );
  t.note(
    `${Object.keys(forbidden).join(', ')} and ownerId/teamId in lead, user, invitation and profile bodies`,
  );
  return t.result();
}

async function versionOf(world: World, leadId: string): Promise<number> {
  return json<{ version: number }>(
    await world.client.call(world.a.admin.session, { method: 'GET', path: `/api/v1/leads/${leadId}` }),
    200,
    'lead version',
  ).version;
}

async function versionOfUser(world: World, userId: string): Promise<number> {
  return json<{ version: number }>(
    await world.client.call(world.a.admin.session, { method: 'GET', path: `/api/v1/users/${userId}` }),
    200,
    'user version',
  ).version;
}
