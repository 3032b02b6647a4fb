import {
  type ActivityKind,
  type ActivityPriority,
  DIRECTED_KINDS,
  REMINDABLE_KINDS,
  SCHEDULED_KINDS,
} from '@contracts/activities.contract';
import type { FieldCode } from '../../platform/http/errors';

/**
 * Which fields each kind of activity takes: calls and emails a direction; meetings and visits an end and a
 * place (a visit must say where); tasks a due date and a priority; tasks, meetings and visits a reminder.
 * Checked on the record as it will be stored, so a create and an edit follow the same rules.
 */

export type KindFields = {
  direction: 'inbound' | 'outbound' | null;
  occurredAt: Date;
  endsAt: Date | null;
  location: string | null;
  dueAt: Date | null;
  priority: ActivityPriority;
  remindAt: Date | null;
};

export type FieldProblem = { path: string; code: FieldCode; vars?: Record<string, unknown> };

export function kindFieldProblems(kind: ActivityKind, f: KindFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const notFor = (path: string) => problems.push({ path, code: 'not_for_kind', vars: { kind } });
  if (f.direction !== null && !DIRECTED_KINDS.includes(kind)) notFor('direction');
  const scheduled = SCHEDULED_KINDS.includes(kind);
  if (f.endsAt !== null) {
    if (!scheduled) notFor('endsAt');
    else if (f.endsAt < f.occurredAt) problems.push({ path: 'endsAt', code: 'ends_before_start' });
  }
  if (f.location !== null && f.location !== '' && !scheduled) notFor('location');
  if (kind === 'visit' && !f.location?.trim()) problems.push({ path: 'location', code: 'location_required' });
  if (kind === 'task' && f.dueAt === null) problems.push({ path: 'dueAt', code: 'due_required' });
  if (kind !== 'task' && f.dueAt !== null) notFor('dueAt');
  if (kind !== 'task' && f.priority !== 'normal') notFor('priority');
  if (f.remindAt !== null && !REMINDABLE_KINDS.includes(kind)) notFor('remindAt');
  return problems;
}
