import type { LeadEventKind, LeadSource, LeadStatus } from '@contracts/leads.contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, systemActor, writeAudit } from '../../../platform/audit';
import type { DatabaseHandle, Tx } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import { convertInTx } from '../convert';
import { recordLeadActivity } from '../lead-activities';
import { type IntakeRow, intakeBatch } from '../lead-intake';
import { loadLeadSettings } from '../lead-settings';
import { statusColumns } from '../lead-status';
import type { LeadRow } from '../leads.queries';
import {
  leadAssignmentRules,
  leadCampaigns,
  leadEvents,
  leadRepSettings,
  leadScoreRules,
  leads,
} from '../leads.tables';
import { enrolOnNurturing } from '../nurture/enrolment';
import { rescoreLead } from '../scoring/rescore';
import { loadScoreRules } from '../scoring/rule-score';
import {
  ARCHIVE_REASONS,
  CN_BRANDS,
  CN_GIVEN,
  CN_REGIONS,
  CN_SURNAMES,
  DEMO_CAMPAIGNS,
  DISQUALIFY_REASONS,
  EN_COMPANY_WORDS,
  EN_FIRST,
  EN_LAST,
  EVENT_KINDS_BY_SOURCE,
  INDUSTRIES,
  INTL_REGIONS,
  SIZES,
  SOURCE_MIX,
  TITLES,
} from './demo-lead-data';

/**
 * Demo leads for the demo company: half a year of leads from every channel, routed by demo assignment rules,
 * scored by demo scoring rules, followed up (some late, so SLA breaches are real), and ending converted,
 * disqualified, archived or still in the funnel. Everything goes through the module's own functions
 * (intake, activities, status moves, conversion, rescoring), so every score, SLA and funnel number the
 * screens show is computed, not typed in. Deterministic for a given seed and `now`.
 */

export type DemoCompany = {
  tenantId: string;
  users: readonly { key: string; id: string; role: string }[];
  teams: readonly { key: string; id: string }[];
};

export type SeedDemoLeadsOptions = { count?: number; now?: Date; seed?: number };

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: small, fast, good enough for demo data, and the same sequence for the same seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  return { next, pick, digits };
}
type Rng = ReturnType<typeof random>;

type Draft = {
  row: IntakeRow;
  createdAt: Date;
  /** How likely this lead is to buy, from its channel, title, size and behaviour (the demo's hidden truth). */
  quality: number;
  events: { kind: LeadEventKind; occurredAt: Date }[];
};

function draftLead(rng: Rng, now: Date, campaigns: { id: string; channel: string }[]): Draft {
  const weights = SOURCE_MIX.reduce((sum, s) => sum + s.weight, 0);
  const roll = rng.next() * weights;
  let seen = 0;
  const mix =
    SOURCE_MIX.find((s) => {
      seen += s.weight;
      return roll < seen;
    }) ?? (SOURCE_MIX[0] as (typeof SOURCE_MIX)[number]);
  const source: LeadSource = mix.source;
  const international = rng.next() < 0.18;
  const industry = rng.pick(INDUSTRIES);
  const title = rng.pick(TITLES);
  const size = rng.pick(SIZES);
  const ageDays = Math.floor(rng.next() ** 1.4 * 180);
  const createdAt = new Date(now.getTime() - ageDays * DAY - Math.floor(rng.next() * 10) * HOUR);

  let row: IntakeRow;
  if (international) {
    const first = rng.pick(EN_FIRST);
    const last = rng.pick(EN_LAST);
    const word = rng.pick(EN_COMPANY_WORDS);
    const company = `${word} ${industry.en} ${rng.pick(['Pte Ltd', 'Sdn Bhd', 'Co., Ltd.', 'PT'])}`;
    const domain = `${word.toLowerCase().replace(/\s+/g, '')}${industry.en.toLowerCase()}.com`;
    row = {
      companyName: company,
      contactName: `${first} ${last}`,
      title: title.en,
      phone: `+65 ${rng.pick(['8', '9'])}${rng.digits(3)} ${rng.digits(4)}`,
      email: `${first.split(' ')[0]?.toLowerCase()}.${last.toLowerCase()}@${domain}`,
      region: rng.pick(INTL_REGIONS),
      industry: industry.en,
      companySize: size,
      source,
    };
  } else {
    const region = rng.pick(CN_REGIONS);
    const cityIndex = Math.floor(rng.next() * region.cities.length);
    const [city, cityPinyin] = region.cities[cityIndex] as [string, string];
    const [brand, brandPinyin] = rng.pick(CN_BRANDS);
    const [surname, surnamePinyin] = rng.pick(CN_SURNAMES);
    const [given, givenPinyin] = rng.pick(CN_GIVEN);
    const landline = rng.next() < 0.3;
    row = {
      companyName: `${city}${brand}${industry.word}有限公司`,
      contactName: `${surname}${given}`,
      title: title.zh,
      phone: landline
        ? `${region.areaCodes[cityIndex] ?? '021'}-${rng.digits(8)}`
        : `1${rng.pick(['3', '5', '8', '9'])}${rng.digits(1)} ${rng.digits(4)} ${rng.digits(4)}`,
      email: `${givenPinyin}.${surnamePinyin}@${brandPinyin}${cityPinyin}.com.cn`,
      region: region.region,
      industry: industry.name,
      companySize: size,
      source,
    };
  }
  const campaign = campaigns.find((c) => c.channel === source);
  if (campaign && rng.next() < 0.7) row.campaignId = campaign.id;
  const grade = rng.next();
  const big = SIZES.indexOf(size) >= 3;
  const quality = Math.min(
    0.95,
    mix.quality * 0.6 + (title.senior ? 0.25 : 0) + (big ? 0.15 : 0) + rng.next() * 0.15,
  );
  row.grade =
    quality > 0.65 && grade < 0.7 ? 'A' : quality > 0.4 && grade < 0.8 ? 'B' : grade < 0.6 ? 'C' : null;

  const events: Draft['events'] = [];
  const kinds = EVENT_KINDS_BY_SOURCE[source];
  const count = Math.floor(rng.next() * (2 + quality * 6));
  const span = Math.max(1, Math.min(60, (now.getTime() - createdAt.getTime()) / DAY));
  for (let i = 0; i < count; i++) {
    events.push({
      kind: rng.pick(kinds),
      occurredAt: new Date(createdAt.getTime() + rng.next() * span * DAY),
    });
  }
  return { row, createdAt, quality: Math.min(0.95, quality + events.length * 0.02), events };
}

async function seedConfiguration(tx: Tx, company: DemoCompany, now: Date) {
  const actor = systemActor(company.tenantId);
  const campaigns = DEMO_CAMPAIGNS.map((c) => ({
    tenantId: company.tenantId,
    id: uuidv7(),
    name: c.name,
    channel: c.channel,
    costMinor: c.costMinor,
    currency: 'CNY',
    utmCampaign: c.utmCampaign,
    startsOn: new Date(now.getTime() - c.startsDaysAgo * DAY).toISOString().slice(0, 10),
  }));
  await tx.insert(leadCampaigns).values(campaigns);

  const rule = (
    name: string,
    kind: 'attribute' | 'behaviour',
    field: string,
    operator: string,
    value: unknown,
    points: number,
    extra: { cap?: number; halfLifeDays?: number } = {},
  ) => ({
    tenantId: company.tenantId,
    id: uuidv7(),
    name,
    kind,
    field,
    operator,
    value,
    points,
    cap: extra.cap ?? null,
    halfLifeDays: extra.halfLifeDays ?? null,
  });
  const rules = [
    rule(
      '高层职务 / Senior title',
      'attribute',
      'title',
      'contains',
      ['总', 'director', 'vp', 'cto', 'general manager'],
      15,
    ),
    rule(
      '大中型企业 / 500+ employees',
      'attribute',
      'companySize',
      'in',
      ['500-999', '1000-4999', '5000+'],
      10,
    ),
    rule('A 级线索 / Grade A', 'attribute', 'grade', 'eq', 'A', 20),
    rule(
      '目标行业 / Target industry',
      'attribute',
      'industry',
      'in',
      ['装备制造', '电子制造', 'Machinery', 'Electronics'],
      8,
    ),
    rule('预算已确认 / Budget confirmed', 'attribute', 'qualification.bant.budget', 'met', null, 10),
    rule('下载资料 / Downloads', 'behaviour', 'download', 'eq', null, 8, { cap: 24, halfLifeDays: 45 }),
    rule('参加研讨会 / Webinars', 'behaviour', 'webinar', 'eq', null, 12, { cap: 24, halfLifeDays: 60 }),
    rule('参加活动 / Events attended', 'behaviour', 'event_attended', 'eq', null, 15, { halfLifeDays: 90 }),
    rule('访问页面 / Page views', 'behaviour', 'page_view', 'eq', null, 2, { cap: 10, halfLifeDays: 30 }),
    rule('提交表单 / Form fills', 'behaviour', 'form_submit', 'eq', null, 10, { cap: 20, halfLifeDays: 60 }),
    rule('点击邮件链接 / Mail clicks', 'behaviour', 'email_click', 'eq', null, 4, {
      cap: 12,
      halfLifeDays: 30,
    }),
  ].map((r, position) => ({ ...r, position }));
  await tx.insert(leadScoreRules).values(rules);

  const team = (key: string) => company.teams.find((t) => t.key === key)?.id;
  const routing = [
    { name: '华东高分线索 → 资深销售', regions: ['华东'], minScore: 45, key: 'east', seniorOnly: true },
    { name: '华东 East China', regions: ['华东'], key: 'east' },
    { name: '华南 South China', regions: ['华南'], key: 'south' },
    { name: '华北 North China', regions: ['华北'], key: 'north' },
    { name: 'Southeast Asia', regions: [...INTL_REGIONS], key: 'intl', strategy: 'least_loaded' },
  ];
  await tx.insert(leadAssignmentRules).values(
    routing.flatMap((r, position) => {
      const teamId = team(r.key);
      if (!teamId) return [];
      return [
        {
          tenantId: company.tenantId,
          id: uuidv7(),
          name: r.name,
          position,
          conditions: { regions: r.regions, ...(r.minScore ? { minScore: r.minScore } : {}) },
          teamId,
          strategy: r.strategy ?? 'round_robin',
          seniorOnly: r.seniorOnly ?? false,
        },
      ];
    }),
  );
  const reps = company.users.filter((u) => u.role === 'rep');
  await tx.insert(leadRepSettings).values(
    reps.map((u) => ({
      tenantId: company.tenantId,
      userId: u.id,
      seniority: u.key.endsWith('-rep-1') ? 'senior' : u.key.endsWith('-rep-3') ? 'new' : 'standard',
      capacity: 600,
    })),
  );
  await writeAudit(tx, actor, {
    entity: 'lead_settings',
    entityId: null,
    action: 'demo_setup',
    changes: {
      campaigns: { from: null, to: campaigns.length },
      scoreRules: { from: null, to: rules.length },
      assignmentRules: { from: null, to: routing.length },
    },
  });
  return campaigns.map((c) => ({ id: c.id, channel: c.channel }));
}

/** Moves a lead through statuses at the given time, as the owner would, with the same audit rows. */
async function move(tx: Tx, actor: Actor, lead: LeadRow, to: LeadStatus, at: Date, reason: string | null) {
  const settings = await loadLeadSettings(tx, actor.tenantId);
  const [after] = await tx
    .update(leads)
    .set({
      ...statusColumns(lead, to, reason, at, settings),
      ...(to === 'nurturing' ? await enrolOnNurturing(tx, actor.tenantId, actor, lead, at) : {}),
      version: lead.version + 1,
      updatedAt: at,
    })
    .where(and(eq(leads.tenantId, actor.tenantId), eq(leads.id, lead.id)))
    .returning();
  await writeAudit(tx, actor, {
    entity: 'lead',
    entityId: lead.id,
    action: 'status_change',
    changes: {
      status: { from: lead.status, to },
      ...(reason ? { statusReason: { from: null, to: reason } } : {}),
    },
  });
  return after ?? lead;
}

async function reload(tx: Tx, tenantId: string, id: string): Promise<LeadRow> {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
  if (!row) throw new Error(`demo lead ${id} vanished`);
  return row;
}

/** What happened to one lead after it came in: contact (on time or late), qualification, the outcome. */
async function playStory(
  tx: Tx,
  rng: Rng,
  draft: Draft,
  created: LeadRow,
  now: Date,
  userActor: (id: string) => Actor,
) {
  const tenantId = created.tenantId;
  let lead = created;
  const ageDays = (now.getTime() - draft.createdAt.getTime()) / DAY;
  if (!lead.ownerId || ageDays < 0.5 || rng.next() > 0.88) return;
  const actor = userActor(lead.ownerId);
  const delayHours = rng.next() < 0.8 ? rng.next() * 20 : 20 + rng.next() * 60;
  const contactAt = new Date(draft.createdAt.getTime() + delayHours * HOUR);
  if (contactAt > now) return;
  if (lead.slaDueAt && contactAt > lead.slaDueAt) {
    // What the SLA sweep did at the deadline: the breach is part of this lead's history.
    await tx
      .update(leads)
      .set({ slaBreachedAt: lead.slaDueAt })
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, lead.id)));
    await writeAudit(tx, systemActor(tenantId), {
      entity: 'lead',
      entityId: lead.id,
      action: 'sla_breach',
      changes: { slaBreachedAt: { from: null, to: lead.slaDueAt.toISOString() } },
    });
    lead = await reload(tx, tenantId, lead.id);
  }
  await recordLeadActivity(tx, { actor, now: contactAt }, lead, {
    kind: rng.pick(['call', 'call', 'email', 'meeting'] as const),
    subject: rng.pick(['首次电话沟通', '发送产品资料', '初步需求沟通', 'Intro call', 'Discovery meeting']),
    body: '',
    direction: 'outbound',
    occurredAt: contactAt.toISOString(),
  });
  lead = await reload(tx, tenantId, lead.id);
  if (ageDays < 10) return;

  const at = (days: number) =>
    new Date(Math.min(now.getTime() - HOUR, draft.createdAt.getTime() + days * DAY));
  const roll = rng.next();
  const buys = roll < draft.quality * 0.55;
  const dropped = !buys && roll > 1 - (1 - draft.quality) * 0.55;
  if (buys && ageDays > 25) {
    lead = await move(tx, actor, lead, 'sql', at(12 + rng.next() * 10), null);
    const deal = rng.next() < 0.85;
    await convertInTx(tx, { actor, now: at(22 + rng.next() * 5) }, lead, {
      customer: { mode: 'new' },
      contact: lead.contactName ? { mode: 'new' } : { mode: 'none' },
      deal: deal
        ? {
            name: `${lead.companyName ?? lead.contactName} – ${rng.pick(['产线升级', '数字化平台', '设备采购', 'Platform rollout'])}`,
            amountMinor: Math.round((50 + rng.next() * 450) * 1000) * 100,
            expectedCloseOn: new Date(now.getTime() + (10 + rng.next() * 80) * DAY)
              .toISOString()
              .slice(0, 10),
          }
        : null,
    });
  } else if (buys) {
    await move(tx, actor, lead, 'sql', at(10), null);
  } else if (dropped) {
    await move(tx, actor, lead, 'disqualified', at(8 + rng.next() * 10), rng.pick(DISQUALIFY_REASONS));
  } else if (rng.next() < 0.2) {
    await move(tx, actor, lead, 'archived', at(15), rng.pick(ARCHIVE_REASONS));
  } else if (rng.next() < 0.5) {
    await move(tx, actor, lead, 'nurturing', at(6), null);
  }
}

export async function seedDemoLeads(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: SeedDemoLeadsOptions = {},
): Promise<{ leads: number }> {
  const now = options.now ?? new Date();
  const count = options.count ?? 2500;
  const rng = random(options.seed ?? 20_261_124);
  const tenantId = company.tenantId;
  const marketing = company.users.find((u) => u.role === 'marketing')?.id ?? null;
  const userActor = (userId: string): Actor => ({
    tenantId,
    userId,
    kind: 'user',
    requestId: null,
    ip: null,
  });

  const campaigns = await withTenant(handle, tenantId, (tx) => seedConfiguration(tx, company, now));
  const drafts = Array.from({ length: count }, () => draftLead(rng, now, campaigns)).sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );

  // One transaction per day of arrivals: the leads of that day, their behaviour, and their stories.
  const days = new Map<number, Draft[]>();
  for (const d of drafts) {
    const day = Math.floor(d.createdAt.getTime() / DAY);
    days.set(day, [...(days.get(day) ?? []), d]);
  }
  for (const batch of days.values()) {
    await withTenant(handle, tenantId, async (tx) => {
      const createdAt = batch[0]?.createdAt ?? now;
      const ctx = {
        tenantId,
        actor: marketing ? userActor(marketing) : systemActor(tenantId),
        now: createdAt,
        settings: await loadLeadSettings(tx, tenantId),
        scoreRules: await loadScoreRules(tx, tenantId),
        duplicates: 'flag' as const,
        audit: 'per_lead' as const,
      };
      const outcomes = await intakeBatch(
        tx,
        ctx,
        batch.map((d) => d.row),
      );
      const events: (typeof leadEvents.$inferInsert)[] = [];
      for (const [i, outcome] of outcomes.entries()) {
        const draft = batch[i];
        if (outcome.kind !== 'created' || !draft) continue;
        for (const e of draft.events) {
          events.push({
            tenantId,
            id: uuidv7(),
            leadId: outcome.row.id,
            kind: e.kind,
            occurredAt: e.occurredAt,
            origin: 'system',
          });
        }
        await playStory(tx, rng, draft, outcome.row, now, userActor);
      }
      if (events.length > 0) await tx.insert(leadEvents).values(events);
    });
  }

  // Scores as of today: behaviour points have decayed since the events, and some leads cross the MQL line.
  const ids = await withTenant(handle, tenantId, (tx) =>
    tx.select({ id: leads.id }).from(leads).where(eq(leads.tenantId, tenantId)).orderBy(asc(leads.id)),
  );
  for (let i = 0; i < ids.length; i += 250) {
    await withTenant(handle, tenantId, async (tx) => {
      const settings = await loadLeadSettings(tx, tenantId);
      const rules = await loadScoreRules(tx, tenantId);
      const rows = await tx
        .select()
        .from(leads)
        .where(
          and(
            eq(leads.tenantId, tenantId),
            inArray(
              leads.id,
              ids.slice(i, i + 250).map((r) => r.id),
            ),
          ),
        );
      for (const row of rows) {
        await rescoreLead(tx, { tenantId, actor: systemActor(tenantId), now, settings, rules }, row);
      }
    });
  }
  // The planner's statistics for the tables just filled (PGlite has no autovacuum to gather them).
  await handle.raw.exec('ANALYZE');
  return { leads: ids.length };
}
