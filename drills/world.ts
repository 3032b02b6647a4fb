import { ADMIN, spawnChild } from '../bench/harness';
import { type Answer, type Client, type Identity, jsonOf, multipartFile } from './http';

/**
 * The company set-up every drill starts from, made through the product's own doors: tenant A is the
 * server's first company (CLOSELOOP_ADMIN_* at start), tenant B is added with `closeloop create-admin`, and
 * everyone else is invited and accepts over HTTP. Tenant A gets a team (manager + two reps), a rep in no
 * team, API tokens and leads whose names carry A's marker, so a drill can tell A's data in any answer.
 */

export const PASSWORD = 'drill-password-1234';

export type Me = {
  user: { id: string; email: string; name: string; role: string };
  tenant: { id: string; name: string };
  csrfToken: string | null;
  permissions: string[];
};

export type Person = {
  userId: string;
  email: string;
  role: string;
  session: Identity & { kind: 'session' };
  permissions: string[];
};

export type Lead = { id: string; version: number; companyName: string | null; email: string | null };

export type Tenant = {
  id: string;
  name: string;
  admin: Person;
  adminToken: Identity & { kind: 'token' };
  /** Text in every record of this tenant the set-up created: seen in another tenant's answer, it leaked. */
  marker: string;
};

export type World = {
  client: Client;
  run: string;
  databaseUrl: string;
  a: Tenant & {
    manager: Person;
    rep1: Person;
    rep2: Person;
    /** In no team: the manager must not see this rep's leads. */
    loneRep: Person;
    teamId: string;
    leads: { rep1: Lead; rep2: Lead; loneRep: Lead; unassigned: Lead; admin: Lead };
  };
  b: Tenant & { rep: Person; leads: Lead[] };
};

/** Fails the drill run at once: the set-up is not a drill, a broken one leaves nothing to measure. */
export function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 500)}`);
  }
}

export function json<T>(answer: Answer, status: number, what: string): T {
  expectStatus(answer, status, what);
  const body = jsonOf<T>(answer);
  if (body === null) throw new Error(`${what}: answer is not JSON`);
  return body;
}

export function sessionOf(answer: Answer, what: string): { session: Person['session']; me: Me } {
  const me = json<Me>(answer, 200, what);
  const cookie = answer.setCookies.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('cl_session='));
  if (!cookie || !me.csrfToken) throw new Error(`${what}: no session cookie or CSRF token`);
  return { session: { kind: 'session', cookie, csrf: me.csrfToken }, me };
}

export async function signIn(client: Client, email: string, password: string, from?: string) {
  return sessionOf(
    await client.call(
      { kind: 'anonymous' },
      { method: 'POST', path: '/api/v1/auth/login', body: { email, password }, ...(from ? { from } : {}) },
    ),
    `sign-in of ${email}`,
  );
}

function personOf(signed: { session: Person['session']; me: Me }): Person {
  return {
    userId: signed.me.user.id,
    email: signed.me.user.email,
    role: signed.me.user.role,
    session: signed.session,
    permissions: signed.me.permissions,
  };
}

/** Invites a user with a role and accepts the invitation: the new user's session. */
export async function invite(
  client: Client,
  admin: Person,
  role: string,
  email: string,
  name = email.split('@')[0] ?? email,
): Promise<Person> {
  const invited = json<{ inviteUrl: string }>(
    await client.call(admin.session, {
      method: 'POST',
      path: '/api/v1/users/invitations',
      body: { email, name, role },
    }),
    201,
    `invitation of ${email}`,
  );
  const token = new URL(invited.inviteUrl).searchParams.get('token') ?? '';
  return personOf(
    sessionOf(
      await client.call(
        { kind: 'anonymous' },
        { method: 'POST', path: '/api/v1/auth/invitations/accept', body: { token, password: PASSWORD } },
      ),
      `acceptance of ${email}`,
    ),
  );
}

export async function createToken(
  client: Client,
  person: Person,
  scopes: string[],
): Promise<{ id: string; token: Identity & { kind: 'token' } }> {
  const created = json<{ id: string; secret: string }>(
    await client.call(person.session, {
      method: 'POST',
      path: '/api/v1/me/tokens',
      body: { name: `drill ${scopes.join('+')}`, scopes },
    }),
    201,
    'token creation',
  );
  return { id: created.id, token: { kind: 'token', secret: created.secret } };
}

export async function createLead(
  client: Client,
  who: Identity,
  body: Record<string, unknown>,
): Promise<Lead> {
  return json<Lead>(
    await client.call(who, { method: 'POST', path: '/api/v1/leads', body }),
    201,
    `lead ${String(body.companyName)}`,
  );
}

async function addTenantB(databaseUrl: string, dataDir: string, email: string, company: string) {
  const child = spawnChild(
    ['bin/closeloop.js', 'create-admin', '--email', email, '--password', PASSWORD, '--company', company],
    { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  );
  const code = await child.exited;
  if (code !== 0) throw new Error(`closeloop create-admin exited with ${code}:\n${child.output()}`);
}

export async function buildWorld(client: Client, databaseUrl: string, dataDir: string): Promise<World> {
  const run = Date.now().toString(36);
  const markerA = `AMARK${run}`;
  const markerB = `BMARK${run}`;

  const signedA = await signIn(client, ADMIN.email, ADMIN.password);
  const adminA = personOf(signedA);
  const meA = signedA.me;
  const team = json<{ id: string }>(
    await client.call(adminA.session, {
      method: 'POST',
      path: '/api/v1/teams',
      body: { name: `${markerA} team`, region: 'North' },
    }),
    201,
    'team A',
  );
  const userOfA = (role: string, who: string) =>
    invite(client, adminA, role, `${who}-${run}@a.drill.example`, `${markerA} ${who}`);
  const manager = await userOfA('manager', 'manager');
  const rep1 = await userOfA('rep', 'rep1');
  const rep2 = await userOfA('rep', 'rep2');
  const loneRep = await userOfA('rep', 'lone');
  expectStatus(
    await client.call(adminA.session, {
      method: 'PUT',
      path: `/api/v1/teams/${team.id}/members`,
      body: {
        members: [
          { userId: manager.userId, isLead: true },
          { userId: rep1.userId, isLead: false },
          { userId: rep2.userId, isLead: false },
        ],
      },
    }),
    200,
    'team A members',
  );
  const tokenA = await createToken(client, adminA, ['read', 'write', 'admin']);
  const lead = (name: string, ownerId: string | null) =>
    createLead(client, adminA.session, {
      companyName: `${markerA} lead of ${name}`,
      contactName: `${markerA} contact of ${name}`,
      email: `${name}-${run}@a-lead.drill.example`,
      ownerId,
      notes: `${markerA} notes of ${name}`,
    });

  const emailB = `admin-${run}@b.drill.example`;
  await addTenantB(databaseUrl, dataDir, emailB, `${markerB} company`);
  const signedB = await signIn(client, emailB, PASSWORD);
  const adminB = personOf(signedB);
  const meB = signedB.me;
  const repB = await invite(client, adminB, 'rep', `rep-${run}@b.drill.example`);
  const tokenB = await createToken(client, adminB, ['read', 'write', 'admin']);
  const leadsB = [
    await createLead(client, adminB.session, { companyName: `${markerB} one`, ownerId: repB.userId }),
    await createLead(client, adminB.session, { companyName: `${markerB} two` }),
  ];

  return {
    client,
    run,
    databaseUrl,
    a: {
      id: meA.tenant.id,
      name: meA.tenant.name,
      marker: markerA,
      admin: adminA,
      adminToken: tokenA.token,
      manager,
      rep1,
      rep2,
      loneRep,
      teamId: team.id,
      leads: {
        rep1: await lead('rep1', rep1.userId),
        rep2: await lead('rep2', rep2.userId),
        loneRep: await lead('lone', loneRep.userId),
        unassigned: await lead('unassigned', null),
        admin: await lead('admin', adminA.userId),
      },
    },
    b: {
      id: meB.tenant.id,
      name: meB.tenant.name,
      marker: markerB,
      admin: adminB,
      adminToken: tokenB.token,
      rep: repB,
      leads: leadsB,
    },
  };
}

/** Uploads a small file as `who`: the id of the stored attachment. */
export async function uploadFile(client: Client, who: Identity, name: string, content: string) {
  return json<{ id: string }>(
    await client.call(who, { method: 'POST', path: '/api/v1/files', raw: multipartFile(name, content) }),
    201,
    `upload of ${name}`,
  );
}

export type Form = { id: string; key: string };

/** A web form asking for a company (required), an email and notes, with its two rate limits. */
export async function createForm(
  client: Client,
  who: Identity,
  name: string,
  rates: { formRatePerMinute: number; ipRatePerHour: number },
): Promise<Form> {
  const label = (text: string) => ({ 'zh-CN': text, 'en-US': text });
  return json<Form>(
    await client.call(who, {
      method: 'POST',
      path: '/api/v1/lead-forms',
      body: {
        name,
        fields: [
          { field: 'companyName', label: label('Company'), required: true },
          { field: 'email', label: label('Email'), required: false },
          { field: 'notes', label: label('Notes'), required: false },
        ],
        texts: {
          title: label(name),
          submit: label('Send'),
          thankYou: label('Thanks'),
        },
        ...rates,
      },
    }),
    201,
    `form ${name}`,
  );
}

type Page<T> = { items: T[]; nextCursor: string | null };

/** Every item of a paged list (at most `maxPages` pages of 200): a drill's way to count stored rows. */
export async function listAll<T>(client: Client, who: Identity, path: string, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body: Page<T> = json<Page<T>>(await client.call(who, { method: 'GET', path: url }), 200, url);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}
