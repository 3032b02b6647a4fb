import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../api/api-error';
import { groupUnmetByStage, unmetGatesOf } from './gate-problem';

const stageA = '00000000-0000-4000-8000-00000000000a';
const stageB = '00000000-0000-4000-8000-00000000000b';

const problem = (status: number, code: string) => ({
  type: 'about:blank',
  title: 'Conflict',
  status,
  code,
  detail: 'The deal cannot move on yet.',
  requestId: 'r1',
});

const unmet = [
  {
    stageId: stageA,
    stageName: 'Demo',
    gate: { kind: 'corePainPoints', min: 3 },
    message: 'At least 3 core pain points',
  },
  {
    stageId: stageB,
    stageName: 'Proposal',
    gate: { kind: 'proposalApproved' },
    message: 'An approved proposal',
  },
  { stageId: stageA, stageName: 'Demo', gate: { kind: 'decisionMakerKnown' }, message: 'A decision maker' },
];

describe('gate problems', () => {
  it('reads the unmet criteria of a 409 gate_blocked answer', () => {
    const body = { ...problem(409, 'gate_blocked'), unmet };
    const error = new ApiError(409, problem(409, 'gate_blocked'), body);
    expect(unmetGatesOf(error)?.map((g) => g.message)).toEqual(unmet.map((g) => g.message));
  });

  it('is null for every other failure, so those are shown as errors', () => {
    expect(
      unmetGatesOf(new ApiError(409, problem(409, 'version_conflict'), problem(409, 'version_conflict'))),
    ).toBeNull();
    expect(
      unmetGatesOf(
        new ApiError(400, problem(400, 'gate_blocked'), { ...problem(400, 'gate_blocked'), unmet }),
      ),
    ).toBeNull();
    expect(unmetGatesOf(new ApiError(409, undefined, 'not json'))).toBeNull();
    expect(unmetGatesOf(new NetworkError(new Error('offline')))).toBeNull();
    expect(unmetGatesOf(new Error('x'))).toBeNull();
  });

  it('refuses a body whose criteria do not match the contract', () => {
    const body = { ...problem(409, 'gate_blocked'), unmet: [{ stageId: stageA, message: 'no gate' }] };
    expect(unmetGatesOf(new ApiError(409, problem(409, 'gate_blocked'), body))).toBeNull();
  });

  it('groups criteria by the stage they guard, in the server’s order', () => {
    const parsed = unmetGatesOf(
      new ApiError(409, problem(409, 'gate_blocked'), { ...problem(409, 'gate_blocked'), unmet }),
    );
    expect(groupUnmetByStage(parsed ?? [])).toEqual([
      { stageId: stageA, stageName: 'Demo', messages: ['At least 3 core pain points', 'A decision maker'] },
      { stageId: stageB, stageName: 'Proposal', messages: ['An approved proposal'] },
    ]);
  });
});
