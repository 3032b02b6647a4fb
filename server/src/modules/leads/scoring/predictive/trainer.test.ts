import { describe, expect, it } from 'vitest';
import { titleLevel } from './features';
import { linear, sigmoid, standardisation, standardise, trainLogistic } from './logistic';
import { predict } from './model';
import { seededRandom, stratifiedSplit } from './split';
import { syntheticLeads } from './synthetic-leads.fixture';
import { fitModel } from './train-model';

const now = new Date('2025-06-01T00:00:00Z');
const asExamples = (leads: ReturnType<typeof syntheticLeads>) =>
  leads.map(({ label, events, ...lead }) => ({ lead, events, label }));

describe('trainLogistic', () => {
  it('reaches the regularised optimum: the penalised gradient vanishes', () => {
    const random = seededRandom(7);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 300; i++) {
      const a = random() * 2 - 1;
      const b = random() * 2 - 1;
      rows.push([a, b]);
      labels.push(random() < sigmoid(2 * a - b + 0.3) ? 1 : 0);
    }
    const l2 = 0.01;
    const fit = trainLogistic(rows, labels, { l2, maxIterations: 5000, tolerance: 1e-9 });
    expect(fit.converged).toBe(true);
    const gradient = [0, 0, 0];
    for (const [i, row] of rows.entries()) {
      const r = sigmoid(linear(fit, row)) - (labels[i] ?? 0);
      gradient[0] = (gradient[0] ?? 0) + (r * (row[0] ?? 0)) / rows.length;
      gradient[1] = (gradient[1] ?? 0) + (r * (row[1] ?? 0)) / rows.length;
      gradient[2] = (gradient[2] ?? 0) + r / rows.length;
    }
    expect(Math.abs((gradient[0] ?? 0) + l2 * (fit.weights[0] ?? 0))).toBeLessThan(1e-8);
    expect(Math.abs((gradient[1] ?? 0) + l2 * (fit.weights[1] ?? 0))).toBeLessThan(1e-8);
    expect(Math.abs(gradient[2] ?? 0)).toBeLessThan(1e-8);
    expect(fit.weights[0]).toBeGreaterThan(1);
    expect(fit.weights[1]).toBeLessThan(-0.3);
  });

  it('stays finite on perfectly separable data thanks to the penalty', () => {
    const rows = [[-2], [-1], [1], [2]];
    const fit = trainLogistic(rows, [0, 0, 1, 1]);
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(fit.weights[0]).toBeGreaterThan(0);
  });

  it('gives the same weights for the same data', () => {
    const data = asExamples(syntheticLeads(200, { planted: true, seed: 3, now }));
    expect(fitModel(data)).toEqual(fitModel(data));
  });
});

describe('standardisation', () => {
  it('centres and scales each column, and marks a constant column with scale 0', () => {
    const s = standardisation(
      [
        [1, 5],
        [3, 5],
      ],
      2,
    );
    expect(s).toEqual({ means: [2, 5], scales: [1, 0] });
    expect(standardise([3, 5], s)).toEqual([1, 0]);
  });
});

describe('stratifiedSplit', () => {
  it('holds out a quarter of each class, the same way every time', () => {
    const labels = [...new Array(40).fill(1), ...new Array(80).fill(0)];
    const split = stratifiedSplit(labels, 0.25, 11);
    expect(split.test.filter((i) => labels[i] === 1)).toHaveLength(10);
    expect(split.test.filter((i) => labels[i] === 0)).toHaveLength(20);
    expect(new Set([...split.train, ...split.test]).size).toBe(120);
    expect(stratifiedSplit(labels, 0.25, 11)).toEqual(split);
    expect(stratifiedSplit(labels, 0.25, 12)).not.toEqual(split);
  });
});

describe('titleLevel', () => {
  it.each([
    ['总经理', 'executive'],
    ['CEO', 'executive'],
    ['首席技术官', 'executive'],
    ['副总经理', 'vp'],
    ['VP of Sales', 'vp'],
    ['销售总监', 'director'],
    ['Director of IT', 'director'],
    ['Head of Procurement', 'director'],
    ['采购经理', 'manager'],
    ['Engineering Manager', 'manager'],
    ['技术主管', 'supervisor'],
    ['Supervisor', 'supervisor'],
    ['高级工程师', 'engineer'],
    ['Software Engineer', 'engineer'],
    ['专员', 'other'],
  ])('reads %s as %s', (title, level) => {
    expect(titleLevel(title)).toBe(level);
  });

  it('has no level without a title', () => {
    expect(titleLevel(null)).toBeNull();
    expect(titleLevel('  ')).toBeNull();
  });
});

describe('fitModel', () => {
  it('finds a planted signal: held-out AUC well above 0.5, led by the planted features', () => {
    const leads = syntheticLeads(400, { planted: true, seed: 1, now });
    const { model, auc } = fitModel(asExamples(leads));
    expect(auc).toBeGreaterThan(0.75);
    const strongest = model.features
      .map((f, j) => ({ f, w: model.weights[j] ?? 0 }))
      .sort((a, b) => Math.abs(b.w) - Math.abs(a.w))
      .slice(0, 2)
      .map((x) => x.f);
    expect(strongest.sort()).toEqual(['source=event', 'title=director']);
    const director = leads.find((l) => l.source === 'event' && l.title === '销售总监');
    const website = leads.find((l) => l.source === 'website_form' && l.title === '工程师');
    if (!director || !website) throw new Error('the generated data lacks a lead the test needs');
    const prediction = predict(model, director, director.events);
    expect(prediction.probability).toBeGreaterThan(0.7);
    expect(prediction.factors.map((f) => f.feature)).toEqual(
      expect.arrayContaining(['source=event', 'title=director']),
    );
    expect(predict(model, website, website.events).factors[0]?.feature).toMatch(
      /^not:(source=event|title=director)$/,
    );
  });

  it('finds nothing in noise: held-out AUC near 0.5', () => {
    const { auc } = fitModel(asExamples(syntheticLeads(400, { planted: false, seed: 2, now })));
    expect(auc).toBeGreaterThan(0.35);
    expect(auc).toBeLessThan(0.65);
  });
});
