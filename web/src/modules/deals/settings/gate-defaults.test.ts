import { StageGate } from '@contracts/pipelines.contract';
import { describe, expect, it } from 'vitest';
import { freeGateKinds, gateDefaults } from './gate-defaults';

const KINDS = StageGate.options.map((o) => o.shape.kind.value);

describe('gate defaults', () => {
  it('gives every gate kind parameters the contract accepts', () => {
    for (const kind of KINDS) expect(StageGate.safeParse(gateDefaults(kind)).success, kind).toBe(true);
  });

  it('offers each kind once per stage, except activity counts which may repeat per activity type', () => {
    const gates = [gateDefaults('corePainPoints'), gateDefaults('activityLogged')];
    const free = freeGateKinds(KINDS, gates);
    expect(free).not.toContain('corePainPoints');
    expect(free).toContain('activityLogged');
    expect(free).toContain('needsConfirmed');
    expect(free).toHaveLength(KINDS.length - 1);
  });
});
