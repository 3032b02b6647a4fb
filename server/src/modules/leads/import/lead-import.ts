import type {
  ImportDefaults,
  ImportField,
  ImportIssueReason,
  ImportMapping,
  LeadImport,
} from '@contracts/lead-import.contract';
import { ImportDefaults as ImportDefaultsSchema } from '@contracts/lead-import.contract';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../platform/db/database';
import { teams, users } from '../../../platform/db/identity.tables';
import { defineJob } from '../../../platform/jobs/jobs';
import { notify } from '../../notifications';
import { type IntakeContext, type IntakeRow, intakeBatch } from '../lead-intake';
import { loadLeadSettings } from '../lead-settings';
import { canSetOwner } from '../leads.policy';
import { viewerOf } from '../leads.service';
import { leadCampaigns } from '../leads.tables';
import { loadScoreRules } from '../scoring/rule-score';
import { isImportField, suggestMapping } from './header-matching';
import { cleanImportUploadsJob } from './import-cleanup';
import { resumeStaleObjectImports, runObjectImport } from './import-engine';
import { type ImportCaller, ImportJobPayload, type ImportProblem, type ImportSpec } from './import-object';
import { convertRow, issueOf, type RowContext } from './import-rows';
import { fileTexts } from './import-texts';
import { savedMappings } from './saved-mappings';

/**
 * The lead import: what leads plug into the import machinery. Rows go through the intake pipeline (the
 * duplicate check, scoring, routing, SLA) a batch at a time, as leads from any other channel do.
 */

/**
 * Rows per batch. The intake inserts a batch in one statement of ~45 parameters per lead; PGlite refuses
 * statements with more than 32,767 parameters (PostgreSQL allows 65,535), so its batches are smaller.
 */
export function batchRowsFor(engine: 'pglite' | 'postgres'): number {
  return engine === 'pglite' ? 500 : 1000;
}

/** Column indexes inside the file, each field at most once, and a company or contact column. */
function checkMapping(
  headers: readonly string[],
  mapping: Readonly<Record<string, string | null>>,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const used = new Set<string>();
  const entries = Object.entries(mapping).sort(([a], [b]) => Number(a) - Number(b));
  for (const [index, field] of entries) {
    if (Number(index) >= headers.length) {
      problems.push({ path: `mapping.${index}`, code: 'unknown_column' });
    } else if (field && used.has(field)) {
      problems.push({ path: `mapping.${index}`, code: 'duplicate_mapping' });
    }
    if (field) used.add(field);
  }
  if (!used.has('companyName') && !used.has('contactName')) {
    problems.push({ path: 'mapping', code: 'company_or_contact_unmapped' });
  }
  return problems;
}

/** Referenced owner, team and campaign exist in this company, and the caller may assign. */
async function checkDefaults(
  tx: Tx,
  caller: ImportCaller,
  defaults: ImportDefaults,
): Promise<ImportProblem[]> {
  const tenantId = caller.actor.tenantId;
  const problems: ImportProblem[] = [];
  const viewer = await viewerOf(tx, caller);
  if (defaults.ownerId) {
    if (!canSetOwner(viewer, defaults.ownerId)) {
      problems.push({ path: 'defaults.ownerId', code: 'not_permitted' });
    } else {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, defaults.ownerId), eq(users.status, 'active')));
      if (!user) problems.push({ path: 'defaults.ownerId', code: 'unknown_user' });
    }
  }
  if (defaults.teamId) {
    if (!canSetOwner(viewer, null)) {
      problems.push({ path: 'defaults.teamId', code: 'not_permitted' });
    } else {
      const [team] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.tenantId, tenantId), eq(teams.id, defaults.teamId)));
      if (!team) problems.push({ path: 'defaults.teamId', code: 'unknown_team' });
    }
  }
  if (defaults.campaignId) {
    const [campaign] = await tx
      .select({ id: leadCampaigns.id })
      .from(leadCampaigns)
      .where(and(eq(leadCampaigns.tenantId, tenantId), eq(leadCampaigns.id, defaults.campaignId)));
    if (!campaign) problems.push({ path: 'defaults.campaignId', code: 'unknown_campaign' });
  }
  return problems;
}

export const importLeadsJob = defineJob({
  name: 'leads.import',
  payload: ImportJobPayload,
  retryLimit: 5,
  retryDelaySeconds: 30,
  // A million rows take minutes; pg-boss must not take a healthy run for a dead one.
  expireInSeconds: 6 * 3600,
  async handler({ tenantId, importId }, { platform }) {
    await runObjectImport(platform, leadImportSpec, tenantId, importId);
  },
});

type LeadCtx = { row: RowContext; intake: Omit<IntakeContext, 'now'> };

export const leadImportSpec: ImportSpec<LeadImport, LeadCtx, IntakeRow> = {
  object: 'lead',
  job: importLeadsJob,
  entity: 'lead_import',
  batchRows: batchRowsFor,
  async present(tx, row, base) {
    const defaults = ImportDefaultsSchema.safeParse(row.defaults);
    const mapping: ImportMapping = {};
    for (const [index, field] of Object.entries(row.mapping)) {
      if (isImportField(field)) mapping[index] = field;
    }
    return {
      ...base,
      suggestedMapping: suggestMapping(
        row.headers,
        await savedMappings(tx, row.tenantId, 'lead', row.headers),
      ),
      mapping,
      defaults: row.status === 'uploaded' || !defaults.success ? null : defaults.data,
    };
  },
  async checkStart(tx, caller, headers, mapping, defaults) {
    const problems = checkMapping(headers, mapping);
    for (const [index, field] of Object.entries(mapping)) {
      if (field && !isImportField(field)) problems.push({ path: `mapping.${index}`, code: 'invalid' });
    }
    return [...problems, ...(await checkDefaults(tx, caller, ImportDefaultsSchema.parse(defaults)))];
  },
  async prepare(tx, claimed) {
    const { tenantId } = claimed;
    const campaigns = await tx
      .select({ id: leadCampaigns.id, name: leadCampaigns.name })
      .from(leadCampaigns)
      .where(eq(leadCampaigns.tenantId, tenantId));
    return {
      row: {
        importId: claimed.importId,
        columns: claimed.columns.filter((e): e is readonly [number, ImportField] => isImportField(e[1])),
        headers: claimed.headers,
        defaults: ImportDefaultsSchema.parse(claimed.defaults),
        campaigns: new Map(campaigns.map((c) => [c.name.trim().toLowerCase(), c.id])),
      },
      intake: {
        tenantId,
        actor: claimed.actor,
        settings: await loadLeadSettings(tx, tenantId),
        scoreRules: await loadScoreRules(tx, tenantId),
        duplicates: 'skip',
        audit: 'per_batch',
      },
    };
  },
  convert(row, ctx) {
    const converted = convertRow(row, ctx.row);
    return converted.ok ? { ok: true, value: converted.row } : converted;
  },
  async write(tx, ctx, rows, now) {
    const outcomes = await intakeBatch(
      tx,
      { ...ctx.intake, now },
      rows.map((r) => r.value),
    );
    // already_imported cannot follow from a committed watermark; it is neither new nor skipped.
    return rows.map((r, i) => {
      const outcome = outcomes[i];
      return outcome ? issueOf(outcome, r.value) : null;
    });
  },
  async finished(tx, claimed, summary) {
    if (!claimed.createdBy) return;
    await notify(tx, {
      tenantId: claimed.tenantId,
      userIds: [claimed.createdBy],
      kind: 'lead_import_done',
      params: { file: summary.fileName, imported: summary.imported, skipped: summary.skipped },
      entity: 'lead_import',
      entityId: claimed.importId,
      dedupeKey: `lead_import_done:${claimed.importId}`,
    });
  },
  reasonText: (locale, reason) => fileTexts[locale].reason[reason as ImportIssueReason] ?? reason,
  fallbackName: 'leads',
};

export const resumeImportsJob = defineJob({
  name: 'leads.import.resume',
  payload: z.object({}).passthrough(),
  cron: '* * * * *',
  // A restarted worker picks up the imports its predecessor was running without waiting for the minute.
  atStart: true,
  async handler(_payload, { platform }) {
    await resumeStaleObjectImports(platform, leadImportSpec);
  },
});

export const leadImportJobs = [importLeadsJob, resumeImportsJob, cleanImportUploadsJob];
