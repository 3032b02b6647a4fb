import type { ActivityKind } from '@contracts/activities.contract';
import { ACTIVITY_KINDS } from '@contracts/activities.contract';
import type { Locale } from '@contracts/common';
import { translate } from '../../../platform/i18n/i18n';
import type { ActivityRow } from '../activities.service';
import { localTime } from '../zoned-time';

/**
 * The first draft of a daily log, written from the day's activities in the author's language: a summary
 * with counts per kind, one key point per customer listing what was done with it (activities without a
 * customer last), and tomorrow's tasks, meetings and visits as the plan. The rep edits it from there.
 */

export type LogDraft = {
  summary: string;
  keyPoints: { customerId: string | null; text: string }[];
  plans: string;
};

const kindName = (locale: Locale, kind: string) =>
  translate(locale, `activities.kind.${kind as ActivityKind}`);

export function draftLog(
  done: readonly ActivityRow[],
  planned: readonly ActivityRow[],
  options: { locale: Locale; timeZone: string },
): LogDraft {
  const { locale, timeZone } = options;
  const counts = new Map<string, number>();
  for (const a of done) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const parts = ACTIVITY_KINDS.filter((k) => counts.has(k)).map((k) =>
    translate(locale, 'activities.logPart', { kind: kindName(locale, k), count: counts.get(k) ?? 0 }),
  );
  const summary =
    done.length === 0
      ? translate(locale, 'activities.logSummaryNone')
      : translate(locale, 'activities.logSummary', {
          count: done.length,
          parts: parts.join(locale === 'zh-CN' ? '，' : ', '),
        });

  const groups = new Map<string | null, string[]>();
  for (const a of done) {
    const line = translate(locale, `activities.logLine.${a.kind as ActivityKind}`, { subject: a.subject });
    const lines = groups.get(a.customerId) ?? [];
    lines.push(line);
    groups.set(a.customerId, lines);
  }
  const keyPoints = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : 0) - (b === null ? 1 : 0))
    .map(([customerId, lines]) => ({ customerId, text: lines.join('\n') }));

  const startOf = (a: ActivityRow) => (a.kind === 'task' ? (a.dueAt ?? a.occurredAt) : a.occurredAt);
  const plans = [...planned]
    .sort((a, b) => startOf(a).getTime() - startOf(b).getTime())
    .map((a) =>
      translate(locale, `activities.planLine.${a.kind as ActivityKind}`, {
        time: localTime(startOf(a), timeZone),
        subject: a.subject,
      }),
    )
    .join('\n');
  return { summary, keyPoints, plans };
}
