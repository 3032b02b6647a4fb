import type { Locale } from '@contracts/common';
import type { GateKind, StageGate, UnmetGate } from '@contracts/pipelines.contract';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { queryRows } from '../../platform/db/database';
import { type MessageKey, translate } from '../../platform/i18n/i18n';
import { dealActivityCountsSql } from '../activities';
import { dealNeedItems, dealNeeds } from './deal-needs.tables';
import { dealContacts, deals } from './deals.tables';
import { dealObjections, negotiationMinutes } from './negotiation.tables';
import { presentStage, type StageRow } from './pipelines.service';
import { proposals } from './proposals.tables';

/**
 * Stage gates: the exit criteria of a stage, checked on the server before a deal leaves it forward. What a
 * gate asks is read from the deal's own records in one query (needs, contacts, proposals, objections,
 * minutes, activities), so a move costs one round trip for the facts however many gates there are.
 */

export type DealFacts = {
  corePainPoints: number;
  needsConfirmed: boolean;
  decisionMakers: number;
  proposalsApproved: number;
  proposalsPresented: number;
  openObjections: number;
  signedMinutes: number;
  contacts: number;
  amountSet: boolean;
  expectedCloseSet: boolean;
  nextStepSet: boolean;
  activities: Record<string, number>;
};

export async function dealFacts(tx: Tx, tenantId: string, dealId: string, now: Date): Promise<DealFacts> {
  const [row] = await queryRows<{
    core_pain_points: number;
    needs_confirmed: boolean;
    decision_makers: number;
    proposals_approved: number;
    proposals_presented: number;
    open_objections: number;
    signed_minutes: number;
    contacts: number;
    amount_set: boolean;
    expected_close_set: boolean;
    next_step_set: boolean;
    activities: Record<string, number> | null;
  }>(
    tx,
    sql`SELECT
      (SELECT count(*)::int FROM ${dealNeedItems} i WHERE i.tenant_id = d.tenant_id AND i.deal_id = d.id
        AND i.kind = 'pain_point' AND i.priority = 'core') AS core_pain_points,
      EXISTS (SELECT 1 FROM ${dealNeeds} n WHERE n.tenant_id = d.tenant_id AND n.deal_id = d.id
        AND n.confirmed_at IS NOT NULL) AS needs_confirmed,
      (SELECT count(*)::int FROM ${dealContacts} c WHERE c.tenant_id = d.tenant_id AND c.deal_id = d.id
        AND c.role = 'decision_maker') AS decision_makers,
      (SELECT count(*)::int FROM ${proposals} p WHERE p.tenant_id = d.tenant_id AND p.deal_id = d.id
        AND p.status IN ('approved', 'presented')) AS proposals_approved,
      (SELECT count(*)::int FROM ${proposals} p WHERE p.tenant_id = d.tenant_id AND p.deal_id = d.id
        AND p.status = 'presented') AS proposals_presented,
      (SELECT count(*)::int FROM ${dealObjections} o WHERE o.tenant_id = d.tenant_id AND o.deal_id = d.id
        AND o.status = 'open') AS open_objections,
      (SELECT count(*)::int FROM ${negotiationMinutes} m WHERE m.tenant_id = d.tenant_id AND m.deal_id = d.id
        AND m.result = 'agreed' AND m.signed_by_name IS NOT NULL
        AND m.floor_approval IN ('not_needed', 'approved')) AS signed_minutes,
      (SELECT count(*)::int FROM ${dealContacts} c WHERE c.tenant_id = d.tenant_id AND c.deal_id = d.id)
        + (CASE WHEN d.contact_id IS NULL THEN 0 ELSE 1 END) AS contacts,
      d.amount_minor IS NOT NULL AND d.amount_minor > 0 AS amount_set,
      d.expected_close_on IS NOT NULL AS expected_close_set,
      coalesce(d.next_step, '') <> '' AS next_step_set,
      ${dealActivityCountsSql(tenantId, dealId, now)} AS activities
    FROM ${deals} d WHERE d.tenant_id = ${tenantId} AND d.id = ${dealId}`,
  );
  if (!row) throw new Error(`deal ${dealId} not found for its gates`);
  return {
    corePainPoints: row.core_pain_points,
    needsConfirmed: row.needs_confirmed,
    decisionMakers: row.decision_makers,
    proposalsApproved: row.proposals_approved,
    proposalsPresented: row.proposals_presented,
    openObjections: row.open_objections,
    signedMinutes: row.signed_minutes,
    contacts: row.contacts,
    amountSet: row.amount_set,
    expectedCloseSet: row.expected_close_set,
    nextStepSet: row.next_step_set,
    activities: row.activities ?? {},
  };
}

/** Whether a gate holds, and the numbers its message shows. */
export function checkGate(
  gate: StageGate,
  facts: DealFacts,
): { met: boolean; vars: Record<string, unknown> } {
  switch (gate.kind) {
    case 'corePainPoints':
      return { met: facts.corePainPoints >= gate.min, vars: { min: gate.min, count: facts.corePainPoints } };
    case 'needsConfirmed':
      return { met: facts.needsConfirmed, vars: {} };
    case 'decisionMakerKnown':
      return { met: facts.decisionMakers > 0, vars: {} };
    case 'proposalApproved':
      return { met: facts.proposalsApproved > 0, vars: {} };
    case 'proposalPresented':
      return { met: facts.proposalsPresented > 0, vars: {} };
    case 'noOpenObjections':
      return { met: facts.openObjections === 0, vars: { count: facts.openObjections } };
    case 'minutesSigned':
      return { met: facts.signedMinutes > 0, vars: {} };
    case 'fieldsSet': {
      const missing = gate.fields.filter(
        (f) =>
          (f === 'amount' && !facts.amountSet) ||
          (f === 'expectedCloseOn' && !facts.expectedCloseSet) ||
          (f === 'nextStep' && !facts.nextStepSet) ||
          (f === 'contacts' && facts.contacts === 0),
      );
      return { met: missing.length === 0, vars: { missing } };
    }
    case 'activityLogged': {
      const count = facts.activities[gate.activityType] ?? 0;
      return { met: count >= gate.min, vars: { min: gate.min, count, type: gate.activityType } };
    }
  }
}

const MESSAGE: Record<GateKind, MessageKey> = {
  corePainPoints: 'deals.gates.corePainPoints',
  needsConfirmed: 'deals.gates.needsConfirmed',
  decisionMakerKnown: 'deals.gates.decisionMakerKnown',
  proposalApproved: 'deals.gates.proposalApproved',
  proposalPresented: 'deals.gates.proposalPresented',
  noOpenObjections: 'deals.gates.noOpenObjections',
  minutesSigned: 'deals.gates.minutesSigned',
  fieldsSet: 'deals.gates.fieldsSet',
  activityLogged: 'deals.gates.activityLogged',
};

export function gateMessage(gate: StageGate, vars: Record<string, unknown>, locale: Locale): string {
  const shown = { ...vars };
  if (gate.kind === 'fieldsSet') {
    const missing = (vars.missing as string[] | undefined) ?? gate.fields;
    shown.fields = missing
      .map((f) => translate(locale, `deals.fields.${f}` as MessageKey))
      .join(locale === 'zh-CN' ? '、' : ', ');
  }
  if (gate.kind === 'activityLogged') {
    shown.type = translate(locale, `deals.activityTypes.${gate.activityType}` as MessageKey);
  }
  return translate(locale, MESSAGE[gate.kind], shown);
}

/** The gates of `leaving` (stages the deal leaves forward, in order) that do not hold. */
export function unmetGates(leaving: readonly StageRow[], facts: DealFacts, locale: Locale): UnmetGate[] {
  const unmet: UnmetGate[] = [];
  for (const stage of leaving) {
    for (const gate of presentStage(stage).gates) {
      const { met, vars } = checkGate(gate, facts);
      if (!met) {
        unmet.push({
          stageId: stage.id,
          stageName: stage.name,
          gate,
          message: gateMessage(gate, vars, locale),
        });
      }
    }
  }
  return unmet;
}
