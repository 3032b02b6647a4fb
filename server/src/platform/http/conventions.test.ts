import type { Team } from '@contracts/teams.contract';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../test/helper';
import { teams } from '../db/identity.tables';
import { withTenant } from '../db/tenancy';

/** Conventions every endpoint shares: problem+json errors, request ids, health, OpenAPI, idempotency, headers. */

const t = await useTestApp();
const admin = await newTenant(t);
const call = as(t, admin);

type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  instance: string;
  errors?: { path: string; code: string; detail: string }[];
};

/** Asserts the RFC 9457 shape and returns the problem. */
function problemOf(res: LightMyRequestResponse, status: number, code: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const p = res.json<Problem>();
  expect(p).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
  expect(p.type).toMatch(/^https?:\/\/\S+$/);
  expect(p.detail.length).toBeGreaterThan(0);
  expect(p.requestId).toBe(res.headers['x-request-id']);
  expect(p.instance).toBe(new URL(res.raw.req.url ?? '/', 'http://x').pathname);
  return p;
}

async function newTeam(name: string): Promise<Team> {
  const res = await call({ method: 'POST', url: '/api/v1/teams', payload: { name, region: 'East' } });
  expect(res.statusCode).toBe(201);
  return res.json<Team>();
}

describe('problem+json', () => {
  it('describes 400, 401, 403, 404, 412 and 428 the same way', async () => {
    const team = await newTeam('Problem Team');
    const bad = problemOf(
      await call({ method: 'POST', url: '/api/v1/teams', payload: { name: '', region: 'East' } }),
      400,
      'validation_failed',
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(['name']);
    problemOf(await t.app.inject({ method: 'GET', url: '/api/v1/me' }), 401, 'unauthenticated');
    problemOf(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { cookie: admin.cookie },
        payload: { name: 'No CSRF', region: 'East' },
      }),
      403,
      'csrf_failed',
    );
    problemOf(
      await call({ method: 'GET', url: '/api/v1/teams/0190f5b4-0000-7000-8000-000000000000' }),
      404,
      'not_found',
    );
    await call({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { version: 1, region: 'West' } });
    problemOf(
      await call({
        method: 'PATCH',
        url: `/api/v1/teams/${team.id}`,
        payload: { version: 1, region: 'North' },
      }),
      412,
      'version_conflict',
    );
    problemOf(
      await call({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { region: 'North' } }),
      428,
      'version_required',
    );
  });

  it('rejects a JSON body with an unknown field, naming it', async () => {
    const p = problemOf(
      await call({
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'Extra', region: 'East', color: 'red' },
      }),
      400,
      'validation_failed',
    );
    expect(p.errors).toEqual([{ path: 'color', code: 'unrecognized_key', detail: expect.any(String) }]);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    problemOf(
      await call({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "Broken",',
      }),
      400,
      'bad_request',
    );
    problemOf(
      await call({
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'Huge', region: 'East', description: 'x'.repeat(1_100_000) },
      }),
      413,
      'payload_too_large',
    );
  });

  it('answers an unknown /api route with a 404 problem', async () => {
    problemOf(await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }), 404, 'route_not_found');
    problemOf(await t.app.inject({ method: 'POST', url: '/api/nothing/here' }), 404, 'route_not_found');
    problemOf(await call({ method: 'DELETE', url: '/api/v1/teams' }), 404, 'route_not_found');
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id and uses it in problems', async () => {
    const id = 'client-req_0001.abc';
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': id } });
    expect(res.headers['x-request-id']).toBe(id);
    expect(res.json<Problem>().requestId).toBe(id);
  });

  it('generates a fresh id when the client sends none or an unsafe one', async () => {
    const seen = new Set<string>();
    for (const header of [
      undefined,
      'short',
      'has spaces in it',
      `${'x'.repeat(101)}`,
      'evil\u00e9-value-1234',
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: header === undefined ? {} : { 'x-request-id': header },
      });
      const id = String(res.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id).not.toBe(header);
      seen.add(id);
    }
    expect(seen.size).toBe(5);
  });
});

describe('operations endpoints', () => {
  it('answers /healthz and /readyz with 200', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ok: true });
  });

  it('publishes an OpenAPI 3.1 document and its HTML viewer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.paths['/api/v1/me']).toHaveProperty('get');
    expect(doc.paths['/api/v1/teams']).toHaveProperty('post');

    let docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; docs.statusCode >= 300 && docs.statusCode < 400 && hops < 3; hops++) {
      const next = new URL(String(docs.headers.location), 'http://localhost/api/docs');
      docs = await t.app.inject({ method: 'GET', url: next.pathname + next.search });
    }
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
    expect(docs.body).toMatch(/<html/i);
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy on pages and on API answers', async () => {
    for (const url of ['/', '/api/v1/me', '/api/openapi.json', '/api/v1/unknown']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});

describe('Idempotency-Key', () => {
  const countTeams = async (name: string) =>
    (
      await withTenant(t.db, admin.me.tenant.id, (tx) =>
        tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name)),
      )
    ).length;

  it('creates one team for ten concurrent requests with the same key', async () => {
    const payload = { name: 'Concurrent Team', region: 'East' };
    const headers = { 'idempotency-key': 'concurrent-key-0001' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => call({ method: 'POST', url: '/api/v1/teams', headers, payload })),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(','),
    ).toBe(true);
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((r) => r.json<Team>().id)).size).toBe(1);
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expect(r.json<Problem>().code).toBe('idempotency_in_progress');
    }
    expect(await countTeams(payload.name)).toBe(1);
  });

  it('replays the first response for a sequential repeat', async () => {
    const payload = { name: 'Replayed Team', region: 'East' };
    const headers = { 'idempotency-key': 'replay-key-0001' };
    const first = await call({ method: 'POST', url: '/api/v1/teams', headers, payload });
    expect(first.statusCode).toBe(201);
    const second = await call({ method: 'POST', url: '/api/v1/teams', headers, payload });
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.json()).toEqual(first.json());
    expect(await countTeams(payload.name)).toBe(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const headers = { 'idempotency-key': 'reused-key-0001' };
    const first = await call({
      method: 'POST',
      url: '/api/v1/teams',
      headers,
      payload: { name: 'Key Team One', region: 'East' },
    });
    expect(first.statusCode).toBe(201);
    const other = await call({
      method: 'POST',
      url: '/api/v1/teams',
      headers,
      payload: { name: 'Key Team Two', region: 'East' },
    });
    problemOf(other, 422, 'idempotency_key_reused');
    expect(await countTeams('Key Team Two')).toBe(0);
  });

  it('does not pin a key to a failed attempt: the corrected request may reuse it', async () => {
    await newTeam('Taken Name');
    const headers = { 'idempotency-key': 'retry-after-failure-0001' };
    const failed = await call({
      method: 'POST',
      url: '/api/v1/teams',
      headers,
      payload: { name: 'Taken Name', region: 'East' },
    });
    problemOf(failed, 409, 'name_taken');
    const corrected = await call({
      method: 'POST',
      url: '/api/v1/teams',
      headers,
      payload: { name: 'Fresh Name', region: 'East' },
    });
    expect(corrected.statusCode).toBe(201);
    expect(await countTeams('Fresh Name')).toBe(1);
  });
});
