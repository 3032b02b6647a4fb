import type { GateKind, StageGate } from '@contracts/pipelines.contract';

/** A new gate of a kind with the parameters an admin most often wants, ready to adjust. */
export function gateDefaults(kind: GateKind): StageGate {
  switch (kind) {
    case 'corePainPoints':
      return { kind, min: 3 };
    case 'fieldsSet':
      return { kind, fields: ['amount', 'expectedCloseOn'] };
    case 'activityLogged':
      return { kind, activityType: 'meeting', min: 1 };
    default:
      return { kind };
  }
}

/** Each gate kind at most once per stage: the kinds still free to add. */
export function freeGateKinds(all: readonly GateKind[], gates: readonly StageGate[]): GateKind[] {
  return all.filter((kind) => kind === 'activityLogged' || !gates.some((gate) => gate.kind === kind));
}
