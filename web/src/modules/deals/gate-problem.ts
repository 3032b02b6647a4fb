import { UnmetGate } from '@contracts/pipelines.contract';
import { z } from 'zod';
import { ApiError } from '../../api/api-error';

const GateBlockedBody = z.object({ code: z.literal('gate_blocked'), unmet: z.array(UnmetGate) });

/** The unmet criteria of a move the server refused with 409 `gate_blocked`; null for any other failure. */
export function unmetGatesOf(error: unknown): UnmetGate[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const parsed = GateBlockedBody.safeParse(error.body);
  return parsed.success ? parsed.data.unmet : null;
}

export type UnmetByStage = { stageId: string; stageName: string; messages: string[] };

/** Unmet criteria grouped by the stage whose exit they guard, in the order the server listed them. */
export function groupUnmetByStage(unmet: readonly UnmetGate[]): UnmetByStage[] {
  const groups = new Map<string, UnmetByStage>();
  for (const gate of unmet) {
    const group = groups.get(gate.stageId) ?? {
      stageId: gate.stageId,
      stageName: gate.stageName,
      messages: [],
    };
    group.messages.push(gate.message);
    groups.set(gate.stageId, group);
  }
  return [...groups.values()];
}
