import { COMPANY_SIZES, LEAD_SOURCES } from '@contracts/leads.contract';
import type { ScorableLead, ScoredEvent } from '../rule-score';
import { sigmoid } from './logistic';
import { seededRandom } from './split';

/**
 * Generated leads for the model's tests: with `planted`, leads from events and with a director title
 * (总监 / Director) convert far more often; without it, outcomes are coin flips that no feature predicts.
 */

export type SyntheticLead = ScorableLead & { label: 0 | 1; events: ScoredEvent[] };

const OTHER_SOURCES = LEAD_SOURCES.filter((s) => s !== 'event');
const DIRECTORS = ['销售总监', '技术总监', 'Director of IT'];
const OTHER_TITLES = ['工程师', 'Software Engineer', '采购经理', 'Manager', 'CEO', '主管', '专员', null];
const REGIONS = ['华东', '华南', '华北', '西南', '华中'];
const INDUSTRIES = ['制造业', '零售', '金融', '医疗', '物流'];
const DAY = 86_400_000;

export function syntheticLeads(count: number, options: { planted: boolean; seed: number; now: Date }) {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: SyntheticLead[] = [];
  for (let i = 0; i < count; i++) {
    const fromEvent = random() < 0.3;
    const director = random() < 0.3;
    const logOdds = -2.5 + 3 * (fromEvent ? 1 : 0) + 3 * (director ? 1 : 0);
    const converts = options.planted ? random() < sigmoid(logOdds) : random() < 0.5;
    const views = Math.floor(random() * 4);
    out.push({
      source: fromEvent ? 'event' : pick(OTHER_SOURCES),
      title: director ? pick(DIRECTORS) : pick(OTHER_TITLES),
      companySize: random() < 0.8 ? pick(COMPANY_SIZES) : null,
      grade: random() < 0.7 ? pick(['A', 'B', 'C']) : null,
      region: pick(REGIONS),
      industry: pick(INDUSTRIES),
      email: random() < 0.7 ? `lead${i}@example.com` : null,
      phone: random() < 0.6 ? `1380000${String(i).padStart(4, '0')}` : null,
      campaignId: null,
      qualification: {},
      events: Array.from({ length: views }, (_, k) => ({
        kind: 'page_view',
        occurredAt: new Date(options.now.getTime() - (k + 1) * DAY),
      })),
      label: converts ? 1 : 0,
    });
  }
  return out;
}
