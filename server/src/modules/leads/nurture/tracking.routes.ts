import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemActor } from '../../../platform/audit';
import { NO_TENANT } from '../../../platform/crypto';
import type { Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { AppError } from '../../../platform/http/errors';
import type { Platform } from '../../../platform/platform';
import { recordLeadEvents } from '../lead-events';
import { leadMailTracking } from '../leads.tables';
import { tenantOfToken } from './tracked-mail';

/**
 * Public endpoints behind the links and the pixel of nurture mails (no session: a mail client calls them).
 * An open counts once per mail and a click once per link of a mail (the event's externalId), so image
 * proxies fetching the pixel again, or a second click, do not inflate the lead's score. A click redirects
 * only to the URL stored when the mail was written, never to one taken from the request.
 */

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const TokenParams = z.strictObject({ token: z.string().min(1).max(200) });

type TrackingRow = typeof leadMailTracking.$inferSelect;

/** Finds the token in its tenant and, when it is of the wanted kind, records the event; returns the row. */
async function track(
  platform: Platform,
  token: string,
  kind: 'email_open' | 'email_click',
): Promise<TrackingRow | null> {
  // A malformed token is looked up too (in a tenant with no rows), so it answers as slowly as a wrong one.
  const tenantId = tenantOfToken(token) ?? NO_TENANT;
  return withTenant(platform.db, tenantId, async (tx: Tx) => {
    const [row] = await tx
      .select()
      .from(leadMailTracking)
      .where(and(eq(leadMailTracking.tenantId, tenantId), eq(leadMailTracking.token, token)));
    if (!row || (kind === 'email_open') !== (row.url === null)) return null;
    const now = platform.clock.now();
    await recordLeadEvents(tx, { tenantId, actor: systemActor(tenantId), now }, row.leadId, [
      {
        kind,
        occurredAt: now,
        url: row.url,
        origin: 'tracking',
        meta: { mailId: row.mailId },
        externalId: kind === 'email_open' ? `open:${row.mailId}` : `click:${row.token}`,
      },
    ]);
    return row;
  });
}

export function registerTrackingRoutes(app: FastifyInstance, platform: Platform): void {
  app.get(
    '/t/o/:token',
    { schema: { summary: 'Open pixel of a mail sent to a lead', tags: ['tracking'], params: TokenParams } },
    async (req, reply) => {
      const { token } = req.params as z.infer<typeof TokenParams>;
      try {
        await track(platform, token, 'email_open');
      } catch (error) {
        // The reader's mail client still gets its image; the failure is ours to look at.
        req.log.error({ err: error }, 'recording a mail open failed');
      }
      return reply
        .type('image/gif')
        .header('cache-control', 'no-store, private')
        .header('content-length', String(PIXEL.length))
        .send(PIXEL);
    },
  );

  app.get(
    '/t/c/:token',
    {
      schema: {
        summary: 'Tracked link of a mail sent to a lead: records the click, then redirects to the stored URL',
        tags: ['tracking'],
        params: TokenParams,
      },
    },
    async (req, reply) => {
      const { token } = req.params as z.infer<typeof TokenParams>;
      const row = await track(platform, token, 'email_click');
      if (!row?.url) throw new AppError('not_found');
      return reply.header('cache-control', 'no-store, private').redirect(row.url, 302);
    },
  );
}
