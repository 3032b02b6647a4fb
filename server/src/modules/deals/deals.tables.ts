import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant, tenantId, tenantPolicy, timestamps, version } from '../../platform/db/columns';
import { teams, tenants, users } from '../../platform/db/identity.tables';
import { contacts, customers } from '../customers/customers.tables';

/**
 * Deals (opportunities, DOMAIN.md §2–4) and the pipelines they move through. A pipeline is an ordered list of
 * stages, each with a default win probability, an aging limit and exit criteria (gates) checked on the server
 * before a deal may leave it. Money is integer minor units with its currency.
 */

/** One row per company once its deal rules are changed. jsonb: the contract's DealRules. */
export const dealSettings = pgTable(
  'deal_settings',
  {
    tenantId: uuid('tenant_id').notNull().primaryKey(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const pipelines = pgTable(
  'pipelines',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** new_customer | existing_customer: which sales path of DOMAIN.md §8 it follows (reports group by it). */
    kind: text('kind').notNull(),
    position: integer('position').notNull().default(0),
    /** The pipeline new deals of its kind start in (one per kind). */
    isDefault: boolean('is_default').notNull().default(false),
    archivedAt: instant('archived_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('pipelines_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    /** Default win probability (0–100) of a deal in this stage. */
    probability: integer('probability').notNull(),
    /** Forecast category a deal takes on entering the stage (pipeline, best_case, commit). */
    forecastCategory: text('forecast_category').notNull().default('pipeline'),
    /** A deal longer than this many days in the stage alerts its owner and their manager (null: never). */
    agingDays: integer('aging_days'),
    /** Exit criteria (the contract's StageGate list), all of which must hold before a deal leaves the stage forward. */
    gates: jsonb('gates').$type<unknown[]>().notNull().default([]),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('pipeline_stages_pipeline_idx').on(t.tenantId, t.pipelineId, t.position),
    foreignKey({
      columns: [t.tenantId, t.pipelineId],
      foreignColumns: [pipelines.tenantId, pipelines.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** The company's list of loss reasons a lost deal must name. */
export const dealLossReasons = pgTable(
  'deal_loss_reasons',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('deal_loss_reasons_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** Competitors the company meets, with their strengths and weaknesses (DOMAIN.md §4). */
export const competitors = pgTable(
  'competitors',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    website: text('website'),
    strengths: text('strengths').notNull().default(''),
    weaknesses: text('weaknesses').notNull().default(''),
    /** How we usually win against them. */
    differentiation: text('differentiation').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('competitors_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

export const deals = pgTable(
  'deals',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency').notNull(),
    expectedCloseOn: date('expected_close_on', { mode: 'string' }),
    /** open | won | lost */
    status: text('status').notNull().default('open'),
    /** When the deal was won or lost (null while open): RFM recency and lifecycle read it. */
    closedAt: instant('closed_at'),
    /** Null only for deals older than pipelines until the company's pipelines are first set up. */
    pipelineId: uuid('pipeline_id'),
    stageId: uuid('stage_id'),
    stageEnteredAt: instant('stage_entered_at'),
    /** Win probability 0–100: the stage's default unless overridden with a reason. */
    probability: integer('probability'),
    probabilityReason: text('probability_reason'),
    /** pipeline | best_case | commit | closed | omitted */
    forecastCategory: text('forecast_category').notNull().default('pipeline'),
    nextStep: text('next_step'),
    nextStepOn: date('next_step_on', { mode: 'string' }),
    /** The date a proposal was promised to the customer: late by more than the company's grace days alerts. */
    proposalDueOn: date('proposal_due_on', { mode: 'string' }),
    /** Set when the aging or late-proposal alert went out for the current stage, so it goes out once. */
    agingAlertedAt: instant('aging_alerted_at'),
    lossReasonId: uuid('loss_reason_id'),
    /** Lost to this competitor (or won against it), when one was in. */
    competitorId: uuid('competitor_id'),
    closeNote: text('close_note'),
    source: text('source'),
    campaignId: uuid('campaign_id'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('deals_customer_idx').on(t.tenantId, t.customerId),
    index('deals_owner_idx').on(t.tenantId, t.ownerId, t.status),
    // The kanban board reads one pipeline's open deals stage by stage.
    index('deals_board_idx').on(t.tenantId, t.pipelineId, t.stageId, t.status),
    // A board column pages one stage's open deals newest first: walked in order, stopped at the page size.
    index('deals_stage_open_idx')
      .on(t.tenantId, t.stageId, t.createdAt, t.id)
      .where(sql`${t.status} = 'open'`),
    // A manager's board (filtered to a team): its totals from the team's open deals, read from the index alone
    // (currency, amount and probability are in it) wherever the table's pages are all-visible, i.e. vacuumed.
    index('deals_team_open_totals_idx')
      .on(t.tenantId, t.teamId, t.pipelineId, t.stageId, t.currency, t.amountMinor, t.probability)
      .where(sql`${t.status} = 'open'`),
    index('deals_team_stage_open_idx')
      .on(t.tenantId, t.teamId, t.stageId, t.createdAt, t.id)
      .where(sql`${t.status} = 'open'`),
    index('deals_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('deals_close_idx').on(t.tenantId, t.expectedCloseOn, t.id),
    index('deals_aging_idx')
      .on(t.tenantId, t.stageEnteredAt)
      .where(sql`${t.status} = 'open' AND ${t.agingAlertedAt} IS NULL`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.tenantId] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    foreignKey({ columns: [t.tenantId, t.pipelineId], foreignColumns: [pipelines.tenantId, pipelines.id] }),
    foreignKey({
      columns: [t.tenantId, t.stageId],
      foreignColumns: [pipelineStages.tenantId, pipelineStages.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.lossReasonId],
      foreignColumns: [dealLossReasons.tenantId, dealLossReasons.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.competitorId],
      foreignColumns: [competitors.tenantId, competitors.id],
    }),
    tenantPolicy(t),
  ],
);

/** Every stage a deal entered, with when it left: time in stage, funnel conversion, stage aging. */
export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** open, or the outcome when the entry records a win or loss. */
    status: text('status').notNull().default('open'),
    enteredAt: instant('entered_at').notNull(),
    leftAt: instant('left_at'),
    movedBy: uuid('moved_by'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('deal_stage_history_deal_idx').on(t.tenantId, t.dealId, t.enteredAt),
    index('deal_stage_history_stage_idx').on(t.tenantId, t.stageId, t.enteredAt),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.stageId],
      foreignColumns: [pipelineStages.tenantId, pipelineStages.id],
    }),
    tenantPolicy(t),
  ],
);

/** The contacts on a deal with their decision-chain role and attitude for this deal. */
export const dealContacts = pgTable(
  'deal_contacts',
  {
    tenantId: tenantId(),
    dealId: uuid('deal_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** decision_maker | influencer | technical_evaluator | procurement | finance | user (null: not known). */
    role: text('role'),
    /** supporter | neutral | opponent | unknown */
    attitude: text('attitude').notNull().default('unknown'),
    isPrimary: boolean('is_primary').notNull().default(false),
    note: text('note').notNull().default(''),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dealId, t.contactId] }),
    index('deal_contacts_contact_idx').on(t.tenantId, t.contactId),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.contactId],
      foreignColumns: [contacts.tenantId, contacts.id],
    }).onDelete('cascade'),
    tenantPolicy(t),
  ],
);

/** Which competitors are in a deal, and our differentiation against each there. */
export const dealCompetitors = pgTable(
  'deal_competitors',
  {
    tenantId: tenantId(),
    dealId: uuid('deal_id').notNull(),
    competitorId: uuid('competitor_id').notNull(),
    differentiation: text('differentiation').notNull().default(''),
    /** Their quoted price, when known (deal currency, minor units). */
    priceMinor: bigint('price_minor', { mode: 'number' }),
    note: text('note').notNull().default(''),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dealId, t.competitorId] }),
    index('deal_competitors_competitor_idx').on(t.tenantId, t.competitorId),
    foreignKey({ columns: [t.tenantId, t.dealId], foreignColumns: [deals.tenantId, deals.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.tenantId, t.competitorId],
      foreignColumns: [competitors.tenantId, competitors.id],
    }),
    tenantPolicy(t),
  ],
);
