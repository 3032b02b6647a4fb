import { AppError } from '../../../platform/http/errors';
import type { DealAccess } from '../deal-access';

/** Objections and minutes are the record of a live negotiation: a won or lost deal keeps them as they were. */
export function assertOpen<A extends DealAccess>(access: A): A {
  if (access.deal.status !== 'open') throw new AppError('deal_closed');
  return access;
}
