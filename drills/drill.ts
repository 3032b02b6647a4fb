import type { Answer } from './http';

/**
 * What every drill returns, and the tally it keeps while it runs: each check is one attempt, each broken
 * rule one failure with a note saying what was sent and what came back.
 */

export type DrillResult = { drill: string; attempts: number; failures: number; notes: string[] };

const MAX_FAILURE_NOTES = 25;

export type Tally = {
  /** Counts one attempt; a false `ok` counts a failure too, described by `what()`. */
  check(ok: boolean, what: () => string): boolean;
  /** A line for the report that is not a failure (what was covered, a design choice). */
  note(line: string): void;
  result(): DrillResult;
};

export function tally(drill: string): Tally {
  let attempts = 0;
  let failures = 0;
  const failed: string[] = [];
  const notes: string[] = [];
  return {
    check(ok, what) {
      attempts += 1;
      if (!ok) {
        failures += 1;
        if (failed.length < MAX_FAILURE_NOTES) failed.push(`FAIL ${what()}`);
      }
      return ok;
    },
    note(line) {
      notes.push(line);
    },
    result() {
      const hidden = failures - failed.length;
      return {
        drill,
        attempts,
        failures,
        notes: [...failed, ...(hidden > 0 ? [`… and ${hidden} more failures`] : []), ...notes],
      };
    },
  };
}

/** `POST /path → 500 {"code":"internal",…}`: an answer shortened for a failure note. */
export function describe(method: string, path: string, answer: Answer): string {
  const shortPath = path.length > 160 ? `${path.slice(0, 160)}…` : path;
  const body = answer.text.length > 200 ? `${answer.text.slice(0, 200)}…` : answer.text;
  return `${method} ${shortPath} → ${answer.status} ${body.replace(/\s+/g, ' ')}`;
}

export const is5xx = (answer: Answer) => answer.status >= 500;
export const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;
