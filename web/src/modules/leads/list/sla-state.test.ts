import { describe, expect, it } from 'vitest';
import { slaState, splitDuration } from './sla-state';

/** Where a response SLA stands, as the list and the lead page show it. */

const now = Date.parse('2025-06-01T12:00:00Z');
const base = { status: 'new' as const, slaDueAt: null, slaBreachedAt: null, firstContactAt: null };
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const HOUR = 3_600_000;

describe('response SLA state', () => {
  it('counts down to the deadline, and calls the last four hours due soon', () => {
    expect(slaState({ ...base, slaDueAt: at(5 * HOUR + 12 * 60_000) }, now)).toEqual({
      kind: 'due',
      inMs: 5 * HOUR + 12 * 60_000,
      soon: false,
    });
    expect(slaState({ ...base, slaDueAt: at(3 * HOUR) }, now)).toMatchObject({ kind: 'due', soon: true });
  });

  it('shows a passed deadline as overdue before the sweep flags it, then as breached', () => {
    expect(slaState({ ...base, slaDueAt: at(-10 * 60_000) }, now)).toEqual({
      kind: 'overdue',
      byMs: 600_000,
    });
    expect(slaState({ ...base, slaDueAt: at(-3 * HOUR), slaBreachedAt: at(-2 * HOUR) }, now)).toEqual({
      kind: 'breached',
      sinceMs: 2 * HOUR,
    });
  });

  it('stops at the first contact, telling whether it came late', () => {
    expect(slaState({ ...base, slaDueAt: at(HOUR), firstContactAt: at(-HOUR) }, now)).toEqual({
      kind: 'contacted',
      at: at(-HOUR),
      late: false,
    });
    expect(
      slaState(
        { ...base, slaDueAt: at(-3 * HOUR), slaBreachedAt: at(-2 * HOUR), firstContactAt: at(-HOUR) },
        now,
      ),
    ).toMatchObject({ kind: 'contacted', late: true });
  });

  it('has no clock for an unassigned lead or one no longer worked', () => {
    expect(slaState(base, now)).toEqual({ kind: 'none' });
    expect(slaState({ ...base, status: 'archived', slaDueAt: at(-HOUR) }, now)).toEqual({ kind: 'none' });
  });

  it('splits a span into days, hours and whole minutes', () => {
    expect(splitDuration(2 * 86_400_000 + 3 * HOUR + 59_999)).toEqual({ days: 2, hours: 3, minutes: 0 });
    expect(splitDuration(5 * HOUR + 12 * 60_000 + 30_000)).toEqual({ days: 0, hours: 5, minutes: 12 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});
