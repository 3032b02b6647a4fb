import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sendProblem } from './problem';

/** How errors that no service turned into an AppError reach the client. */

async function answerTo(error: unknown) {
  const app = Fastify({ logger: false });
  app.setErrorHandler((e, req, reply) => sendProblem(e, req, reply));
  app.get('/boom', async () => {
    throw error;
  });
  const res = await app.inject({ method: 'GET', url: '/boom' });
  await app.close();
  return res;
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('problems from the database', () => {
  it('answers 503 with Retry-After while the database restarts or cannot be reached', async () => {
    for (const error of [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('connect ECONNRESET 127.0.0.1:5432', 'ECONNRESET'),
      withCode('write EPIPE', 'EPIPE'),
      new Error('Connection terminated unexpectedly'),
      // drizzle wraps the driver's error in its own
      Object.assign(new Error('Failed query: select 1'), { cause: withCode('connection failure', '08006') }),
    ]) {
      const res = await answerTo(error);
      expect(res.statusCode, error.message).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ code: 'unavailable', status: 503 });
    }
  });

  it('keeps other failures a 500 that tells nothing of the cause', async () => {
    const res = await answerTo(withCode('division by zero', '22012'));
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.body).not.toContain('division');
  });
});
