import type { ApiToken, Me } from '@contracts/auth.contract';
import type { User } from '@contracts/users.contract';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, as, bearer, newTenant, type Session, useTestApp } from '../../../test/helper';
import { queryRows } from '../../platform/db/database';
import { withTenant } from '../../platform/db/tenancy';

/** Personal API tokens: shown once, hashed at rest, scoped, revocable, and bound to their tenant. */

const t = await useTestApp();
const a = await newTenant(t);
const b = await newTenant(t);

type Created = ApiToken & { secret: string };

async function createToken(s: Session, scopes: string[], name = 'integration'): Promise<Created> {
  const res = await as(t, s)({ method: 'POST', url: '/api/v1/me/tokens', payload: { name, scopes } });
  expect(res.statusCode).toBe(201);
  return res.json<Created>();
}

describe('personal API tokens', () => {
  it('shows the secret once, prefixed clt_, and never again', async () => {
    const token = await createToken(a, ['read']);
    expect(token.secret).toMatch(/^clt_/);
    expect(token).toMatchObject({ name: 'integration', scopes: ['read'], revokedAt: null });
    const list = await as(t, a)({ method: 'GET', url: '/api/v1/me/tokens' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token.secret.slice(4));
    expect(list.json<{ items: ApiToken[] }>().items.map((i) => i.id)).toContain(token.id);
  });

  it('authenticates GET /api/v1/me with a bearer token', async () => {
    const token = await createToken(a, ['read']);
    const res = await bearer(t, token.secret)({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Me>()).toMatchObject({ user: { id: a.me.user.id }, csrfToken: null });
  });

  it('lets a write token change data without a CSRF token', async () => {
    const token = await createToken(a, ['read', 'write']);
    const res = await bearer(
      t,
      token.secret,
    )({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'Scripted' } });
    expect(res.statusCode).toBe(200);
    expect(res.json<Me>().user.name).toBe('Scripted');
  });

  it('refuses a write with a read-only token (403 token_scope) and changes nothing', async () => {
    const token = await createToken(a, ['read']);
    const res = await bearer(
      t,
      token.secret,
    )({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'Nope' } });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('token_scope');
    const me = await as(t, a)({ method: 'GET', url: '/api/v1/me' });
    expect(me.json<Me>().user.name).not.toBe('Nope');
  });

  it('needs the admin scope for admin endpoints, and the role’s permission as well', async () => {
    const writer = await createToken(a, ['read', 'write']);
    const audit = await bearer(t, writer.secret)({ method: 'GET', url: '/api/v1/audit-log' });
    expect(audit.statusCode).toBe(403);
    expect(audit.json<{ code: string }>().code).toBe('token_scope');
    const adminToken = await createToken(a, ['read', 'write', 'admin']);
    expect((await bearer(t, adminToken.secret)({ method: 'GET', url: '/api/v1/audit-log' })).statusCode).toBe(
      200,
    );

    const rep = await addUser(t, a, 'rep');
    const repToken = await createToken(rep.session, ['read', 'write', 'admin']);
    const res = await bearer(t, repToken.secret)({ method: 'GET', url: '/api/v1/audit-log' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('forbidden');
  });

  it('stops working on the next request once revoked', async () => {
    const token = await createToken(a, ['read']);
    expect((await bearer(t, token.secret)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
    const revoke = await as(t, a)({ method: 'DELETE', url: `/api/v1/me/tokens/${token.id}` });
    expect(revoke.statusCode).toBe(204);
    const after = await bearer(t, token.secret)({ method: 'GET', url: '/api/v1/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json<{ code: string }>().code).toBe('unauthenticated');
  });

  it('lets nobody but the owner revoke a token', async () => {
    const token = await createToken(a, ['read']);
    const colleague = await addUser(t, a, 'admin');
    const res = await as(t, colleague.session)({ method: 'DELETE', url: `/api/v1/me/tokens/${token.id}` });
    expect(res.statusCode).toBe(404);
    expect((await bearer(t, token.secret)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('refuses tampered, truncated and unprefixed secrets', async () => {
    const token = await createToken(a, ['read']);
    const last = token.secret.slice(-1) === 'A' ? 'B' : 'A';
    for (const secret of [
      `${token.secret.slice(0, -1)}${last}`,
      token.secret.slice(0, -5),
      token.secret.slice(4),
      'clt_',
      'not-a-token',
    ]) {
      const res = await bearer(t, secret)({ method: 'GET', url: '/api/v1/me' });
      expect(res.statusCode, secret).toBe(401);
    }
  });

  it('stores only a hash of the secret', async () => {
    const token = await createToken(a, ['read']);
    const random = token.secret.split('.').pop() ?? '';
    expect(random.length).toBeGreaterThan(20);
    const rows = await withTenant(t.db, a.me.tenant.id, (tx) =>
      queryRows<{ secret_hash: string; row: string }>(
        tx,
        sql`select secret_hash, to_jsonb(t)::text as row from api_tokens t where id = ${token.id}`,
      ),
    );
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.secret_hash).not.toBe(token.secret);
    expect(row?.secret_hash).not.toBe(random);
    expect(row?.row).not.toContain(random);
    // The audit trail of the creation must not carry it either.
    const audit = await withTenant(t.db, a.me.tenant.id, (tx) =>
      queryRows<{ row: string }>(tx, sql`select to_jsonb(l)::text as row from audit_log l`),
    );
    expect(audit.some((r) => r.row.includes(random))).toBe(false);
  });

  it('never reads another tenant, even with the other tenant’s id written into the token', async () => {
    const token = await createToken(a, ['read', 'write', 'admin']);
    const use = bearer(t, token.secret);
    const users = await use({ method: 'GET', url: '/api/v1/users?limit=200' });
    expect(users.statusCode).toBe(200);
    const ids = users.json<{ items: User[] }>().items.map((u) => u.id);
    expect(ids).toContain(a.me.user.id);
    expect(ids).not.toContain(b.me.user.id);
    expect((await use({ method: 'GET', url: `/api/v1/users/${b.me.user.id}` })).statusCode).toBe(404);

    // The secret is <tenant>.<id>.<random>: pointing it at tenant B finds no token there.
    const forged = token.secret.replace(a.me.tenant.id, b.me.tenant.id);
    expect(forged).not.toBe(token.secret);
    expect((await bearer(t, forged)({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});
