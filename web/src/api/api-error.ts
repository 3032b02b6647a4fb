import type { Problem } from '@contracts/common';

/** A failed API call: the HTTP status, and the RFC 9457 problem when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  /** The whole parsed body, for problems that carry extra members (e.g. `choices`). */
  readonly body: unknown;

  constructor(status: number, problem: Problem | undefined, body: unknown) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.body = body;
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

/** The request never got an HTTP answer (offline, server down, aborted). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** Someone else saved the record since it was read (HTTP 412 on a versioned write). */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412 && error.code === 'version_conflict';
}
