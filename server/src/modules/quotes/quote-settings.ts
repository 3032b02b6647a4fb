import { isNumberPattern } from '@contracts/number-pattern';
import { type QuoteSettings, type QuoteSettingsInput, QuoteSettingsShape } from '@contracts/quotes.contract';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { can } from '../../platform/access';
import { changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { files } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import type { DealCaller } from '../deals';
import { quoteSettings } from './quotes.tables';

/**
 * The company's quote rules: one jsonb row per company, parsed with the contract's shape so anything missing
 * (a company that never saved, or a field added later) takes its default.
 */

export type LoadedSettings = QuoteSettingsShape & { logoFileId: string | null; version: number };

export async function loadQuoteSettings(tx: Tx, tenantId: string, lock = false): Promise<LoadedSettings> {
  const query = tx.select().from(quoteSettings).where(eq(quoteSettings.tenantId, tenantId));
  const [row] = await (lock ? query.for('update') : query);
  const parsed = QuoteSettingsShape.safeParse(row?.settings ?? {});
  // A stored value that no longer fits the shape falls back to the defaults rather than breaking every quote.
  const settings = parsed.success ? parsed.data : QuoteSettingsShape.parse({});
  return { ...settings, logoFileId: row?.logoFileId ?? null, version: row?.version ?? 0 };
}

const present = (s: LoadedSettings): QuoteSettings => s;

export async function getSettings(platform: Platform, caller: DealCaller): Promise<QuoteSettings> {
  return withTenant(platform.db, caller.actor.tenantId, async (tx) =>
    present(await loadQuoteSettings(tx, caller.actor.tenantId)),
  );
}

export async function putSettings(
  platform: Platform,
  caller: DealCaller,
  input: z.output<typeof QuoteSettingsInput>,
): Promise<QuoteSettings> {
  if (!can(caller.role, 'deals.configure') && !can(caller.role, 'settings.manage')) {
    throw new AppError('forbidden');
  }
  const tenantId = caller.actor.tenantId;
  if (!isNumberPattern(input.numberPattern)) {
    throw invalidFields({ path: 'numberPattern', code: 'invalid_number_pattern' });
  }
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await loadQuoteSettings(tx, tenantId, true);
    if (before.version !== input.version) throw new AppError('version_conflict');
    if (input.logoFileId) {
      const [file] = await tx
        .select({ contentType: files.contentType })
        .from(files)
        .where(and(eq(files.tenantId, tenantId), eq(files.id, input.logoFileId)));
      if (!file) throw invalidFields({ path: 'logoFileId', code: 'unknown_file' });
      if (file.contentType !== 'image/png' && file.contentType !== 'image/jpeg') {
        throw invalidFields({ path: 'logoFileId', code: 'logo_not_image' });
      }
    }
    const { version: _v, logoFileId, ...settings } = input;
    const now = platform.clock.now();
    const values = { settings, logoFileId, updatedAt: now, version: before.version + 1 };
    await tx
      .insert(quoteSettings)
      .values({ tenantId, ...values, createdAt: now })
      .onConflictDoUpdate({ target: quoteSettings.tenantId, set: values });
    const after = await loadQuoteSettings(tx, tenantId);
    await writeAudit(tx, caller.actor, {
      entity: 'quote_settings',
      entityId: null,
      action: 'update',
      changes: changesBetween(before, after, [
        'numberPattern',
        'validityDays',
        'company',
        'termsZh',
        'termsEn',
        'paymentTerms',
        'logoFileId',
      ]),
    });
    return present(after);
  });
}
