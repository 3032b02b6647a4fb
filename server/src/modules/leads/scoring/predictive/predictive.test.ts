import type { ScoringModelOverview } from '@contracts/lead-scoring.contract';
import type { Lead } from '@contracts/leads.contract';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  movableClock,
  newTenant,
  type Session,
  useTestApp,
  waitFor,
} from '../../../../../test/helper';
import { systemActor } from '../../../../platform/audit';
import { withTenant } from '../../../../platform/db/tenancy';
import { intakeBatch } from '../../lead-intake';
import { loadLeadSettings } from '../../lead-settings';
import { leadEvents, leads } from '../../leads.tables';
import { trainModelJob } from '../scoring.jobs';
import { type SyntheticLead, syntheticLeads } from './synthetic-leads.fixture';

/** The predictive model trained through the database: planted signal, pure noise, too few outcomes. */

const clock = movableClock(new Date('2025-06-01T08:00:00Z'));
const t = await useTestApp({}, { clock });

const jobContext = () => ({ jobId: 'test', log: t.platform.log, platform: t.platform });

/** Stores generated leads with their behaviour; `open` ones stay new, the rest get their outcome. */
async function seed(
  tenantId: string,
  generated: readonly SyntheticLead[],
  open: readonly SyntheticLead[] = [],
) {
  return withTenant(t.db, tenantId, async (tx) => {
    const all = [...generated, ...open];
    const outcomes = await intakeBatch(
      tx,
      {
        tenantId,
        actor: systemActor(tenantId),
        now: clock.now(),
        settings: await loadLeadSettings(tx, tenantId),
        scoreRules: [],
        duplicates: 'flag',
        audit: 'per_batch',
      },
      all.map((l, i) => ({
        companyName: `Generated ${i}`,
        title: l.title,
        email: l.email,
        phone: l.phone,
        region: l.region,
        industry: l.industry,
        companySize: l.companySize,
        source: l.source as Lead['source'],
        grade: l.grade,
      })),
    );
    const ids = outcomes.map((o) => (o.kind === 'created' ? o.row.id : ''));
    const events = all.flatMap((l, i) =>
      l.events.map((e) => ({
        tenantId,
        id: uuidv7(),
        leadId: ids[i] ?? '',
        kind: e.kind,
        occurredAt: e.occurredAt,
        origin: 'system',
      })),
    );
    if (events.length > 0) await tx.insert(leadEvents).values(events);
    const converted = ids.filter((_, i) => i < generated.length && generated[i]?.label === 1);
    const disqualified = ids.filter((_, i) => i < generated.length && generated[i]?.label === 0);
    const now = clock.now();
    if (converted.length > 0) {
      await tx
        .update(leads)
        .set({ status: 'converted', convertedAt: now, statusChangedAt: now })
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, converted)));
    }
    if (disqualified.length > 0) {
      await tx
        .update(leads)
        .set({ status: 'disqualified', statusReason: 'No budget', statusChangedAt: now })
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, disqualified)));
    }
    return ids.slice(generated.length);
  });
}

const overview = async (s: Session) =>
  (await as(t, s)({ method: 'GET', url: '/api/v1/lead-scoring/model' })).json<ScoringModelOverview>();

const getLead = async (s: Session, id: string) =>
  (await as(t, s)({ method: 'GET', url: `/api/v1/leads/${id}` })).json<Lead>();

const openLead = (source: string, title: string | null): SyntheticLead => ({
  source,
  title,
  companySize: '100-499',
  grade: 'B',
  region: '华东',
  industry: '制造业',
  email: 'open@example.com',
  phone: null,
  campaignId: null,
  qualification: {},
  events: [],
  label: 0,
});

describe('predictive scoring', () => {
  it('learns a planted signal: held-out AUC above 0.75, the planted features on top, probabilities on open leads', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const [hot, cold] = await seed(
      tenantId,
      syntheticLeads(400, { planted: true, seed: 1, now: clock.now() }),
      [openLead('event', '技术总监'), openLead('website_form', '工程师')],
    );
    await trainModelJob.handler({ tenantId }, jobContext());

    const model = await overview(admin);
    expect(model.active).toMatchObject({ status: 'ready', active: true });
    expect(model.active?.auc).toBeGreaterThan(0.75);
    expect(model.active?.positives).toBe(model.outcomes.converted);
    expect(model.active?.negatives).toBe(model.outcomes.disqualified);
    // A quarter of each class, rounded per class.
    expect(Math.abs((model.active?.testSize ?? 0) - 100)).toBeLessThanOrEqual(1);
    expect(
      model.active?.topWeights
        .slice(0, 2)
        .map((w) => w.feature)
        .sort(),
    ).toEqual(['source=event', 'title=director']);
    expect(model.runs).toHaveLength(1);

    const likely = await getLead(admin, hot ?? '');
    const unlikely = await getLead(admin, cold ?? '');
    expect(likely.conversionProbability).toBeGreaterThan(0.7);
    expect(unlikely.conversionProbability).toBeLessThan(0.3);
    expect(likely.predictionFactors.map((f) => f.feature)).toEqual(
      expect.arrayContaining(['source=event', 'title=director']),
    );
    expect(likely.predictionFactors.every((f) => f.weight > 0)).toBe(true);
    expect(unlikely.predictionFactors[0]?.weight).toBeLessThan(0);

    // A lead that comes in afterwards is scored by the model at once.
    const created = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/leads',
      payload: { companyName: 'Fresh', source: 'event', title: 'Sales Director' },
    });
    expect(created.json<Lead>().conversionProbability).toBeGreaterThan(0.5);

    // Raising the bar above the outcomes there are: the next run is insufficient and rule scores stand alone.
    const settings = await as(t, admin)({ method: 'GET', url: '/api/v1/lead-settings' });
    await as(
      t,
      admin,
    )({
      method: 'PATCH',
      url: '/api/v1/lead-settings',
      payload: { version: settings.json<{ version: number }>().version, predictiveMinOutcomes: 1000 },
    });
    await trainModelJob.handler({ tenantId }, jobContext());
    const fallback = await overview(admin);
    expect(fallback.active).toBeNull();
    expect(fallback.runs.map((r) => [r.status, r.active])).toEqual([
      ['insufficient', false],
      ['ready', false],
    ]);
    expect(await getLead(admin, hot ?? '')).toMatchObject({
      conversionProbability: null,
      predictionFactors: [],
    });
  });

  it('finds nothing in noise when trained on demand: held-out AUC near 0.5', async () => {
    const admin = await newTenant(t);
    await seed(admin.me.tenant.id, syntheticLeads(400, { planted: false, seed: 2, now: clock.now() }));
    const rep = await addUser(t, admin, 'rep');
    const refused = await as(t, rep.session)({ method: 'POST', url: '/api/v1/lead-scoring/model/train' });
    expect(refused.statusCode).toBe(403);
    const queued = await as(t, admin)({ method: 'POST', url: '/api/v1/lead-scoring/model/train' });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toEqual({ queued: true });
    const trained = await waitFor(async () => {
      const now = await overview(admin);
      return now.runs.length > 0 ? now : undefined;
    }, 'the training job');
    expect(trained.active?.status).toBe('ready');
    expect(trained.active?.auc).toBeGreaterThan(0.35);
    expect(trained.active?.auc).toBeLessThan(0.65);
  });

  it('stays insufficient with too few outcomes, leaving every probability empty', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const few = syntheticLeads(60, { planted: true, seed: 3, now: clock.now() }).slice(0, 30);
    const [open] = await seed(tenantId, few, [openLead('event', '销售总监')]);
    await trainModelJob.handler({ tenantId }, jobContext());
    const model = await overview(admin);
    expect(model.active).toBeNull();
    expect(model.runs).toEqual([
      expect.objectContaining({
        status: 'insufficient',
        active: false,
        auc: null,
        positives: expect.any(Number),
      }),
    ]);
    expect(model.outcomes).toMatchObject({ needed: 40, neededPerClass: 10 });
    expect(model.outcomes.converted + model.outcomes.disqualified).toBe(30);
    expect(await getLead(admin, open ?? '')).toMatchObject({
      conversionProbability: null,
      predictionFactors: [],
    });
  });
});
