import { describe, expect, it } from 'vitest';
import { as, newTenant, useTestApp } from '../../../test/helper';
import { unstorableTextAt } from './validation';

/** Input validation shared by every route: text the database cannot store is a 400, never a 500. */

const t = await useTestApp();
const admin = await newTenant(t);
const call = as(t, admin);

describe('text the database cannot store', () => {
  it('finds a NUL or half a surrogate pair in any value or key, and passes whole pairs', () => {
    expect(unstorableTextAt({ a: ['ok', { b: 'x\u0000y' }] })).toEqual(['a', 1, 'b']);
    expect(unstorableTextAt({ name: 'half \ud800 pair' })).toEqual(['name']);
    expect(unstorableTextAt({ 'k\u0000': 'v' })).toEqual(['k\u0000']);
    expect(unstorableTextAt({ name: '😀 全角 ｓ \u202Eltr' })).toBeNull();
  });

  it('refuses a NUL in a body, a query or a path with a 400 naming the field', async () => {
    const body = await call({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'before\u0000after', region: 'East' },
    });
    expect(body.statusCode, body.body).toBe(400);
    expect(body.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['name']);
    const query = await call({ method: 'GET', url: '/api/v1/users?q=a%00b' });
    expect(query.statusCode, query.body).toBe(400);
    const path = await call({ method: 'GET', url: '/api/v1/auth/invitations/abcdefghij%00klm' });
    expect(path.statusCode, path.body).toBe(400);
  });

  it('refuses half a surrogate pair, and stores a whole one as sent', async () => {
    const half = await call({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"half \\ud800 pair","region":"East"}',
    });
    expect(half.statusCode, half.body).toBe(400);
    const whole = await call({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Team 😀', region: 'East' },
    });
    expect(whole.statusCode, whole.body).toBe(201);
    expect(whole.json<{ name: string }>().name).toBe('Team 😀');
  });
});
