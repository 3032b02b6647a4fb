import type { Quote } from '@contracts/quotes.contract';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import type { DealCaller } from '../deals';
import { approvalInfo } from './quote-approval';
import { loadLines, presentQuote, quoteFor } from './quote-rows';

/**
 * The accepted quote a contract is drawn up from (header, lines, totals, payment terms), for the contracts
 * module: not_found when the caller may not see it, quote_not_accepted when the customer has not accepted it.
 */
export async function quoteForContract(tx: Tx, caller: DealCaller, quoteId: string): Promise<Quote> {
  const { quote, deal } = await quoteFor(tx, caller, quoteId);
  if (quote.status !== 'accepted') throw new AppError('quote_not_accepted');
  const lines = await loadLines(tx, quote.tenantId, quote.id);
  return presentQuote(
    tx,
    quote.tenantId,
    quote,
    deal,
    lines,
    await approvalInfo(tx, quote, lines, caller.role),
  );
}
