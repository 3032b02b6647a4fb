import { allocate, BP_FACTOR, discounted, divideRounded, extend, isQuantity, portion } from './money';

/**
 * The arithmetic of a quote, shared by the server (which stores the totals) and the builder page (which shows
 * them live while typing), so both always agree to the minor unit. Pure: no I/O, no floats.
 *
 * The rule, per line and in this order:
 *  1. gross     = unit price × quantity, rounded once to the minor unit (money.extend);
 *  2. line net  = gross less the line's own discount (money.discounted, the discount rounded, the rest kept);
 *  3. the quote's overall discount is taken on the sum of the line nets (money.portion) and spread over the
 *     lines in proportion to their line nets with the largest-remainder method (money.allocate), so the
 *     shares add up to the overall discount exactly;
 *  4. net       = line net − its share of the overall discount;
 *  5. tax       = the line's tax rate of its net, rounded per line (as a Chinese VAT invoice prints it);
 *  6. total     = net + tax.
 * The quote's totals are the sums of its lines, never recomputed from other totals, so a total always equals
 * the sum of its parts. List value is quantity × list price (the unit price when a line has no list price),
 * cost is quantity × unit cost, margin is net − cost. A line's effective discount is how far its net lies
 * below its list value, in basis points; `maxDiscountBp` (what approvals read) is the deepest of them,
 * never below zero, so the overall discount counts too.
 */

export type QuoteMathLine = {
  /** Decimal string, at most three places. */
  quantity: string;
  unitPriceMinor: number;
  discountBp: number;
  taxRateBp: number;
  listPriceMinor?: number | null;
  unitCostMinor?: number | null;
};

export type QuoteMathInput = {
  currency: string;
  /** Overall discount on the sum of the line nets, basis points. */
  discountBp: number;
  lines: readonly QuoteMathLine[];
};

export type QuoteLineMath = {
  grossMinor: number;
  /** After the line's own discount. */
  lineNetMinor: number;
  /** This line's part of the overall discount. */
  overallShareMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  listMinor: number;
  costMinor: number | null;
  marginMinor: number | null;
  /** (list − net) / list in basis points; negative when sold above list; 0 for a zero list value. */
  effectiveDiscountBp: number;
};

export type QuoteMath = {
  lines: QuoteLineMath[];
  grossMinor: number;
  lineNetMinor: number;
  /** The overall discount in money: the sum of the lines' shares. */
  overallDiscountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  listMinor: number;
  /** Null when no line has a unit cost; lines without one count as cost 0 otherwise. */
  costMinor: number | null;
  marginMinor: number | null;
  /** margin / net in basis points (null without a cost or with a zero net). */
  marginBp: number | null;
  /** (list − net) / list of the whole quote, basis points. */
  effectiveDiscountBp: number;
  /** The deepest effective discount of any line (≥ 0). */
  maxDiscountBp: number;
};

const MAX_BP = 10_000;

/** `part / whole` in basis points, rounded half away from zero; 0 when `whole` is 0. */
export function ratioBp(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number(divideRounded(BigInt(part) * BP_FACTOR, BigInt(whole)));
}

function checkLine(line: QuoteMathLine, index: number): void {
  const bad = (what: string) => new RangeError(`line ${index}: ${what}`);
  if (!isQuantity(line.quantity)) throw bad('quantity');
  if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) throw bad('unit price');
  if (!Number.isInteger(line.discountBp) || line.discountBp < 0 || line.discountBp > MAX_BP) {
    throw bad('discount');
  }
  if (!Number.isInteger(line.taxRateBp) || line.taxRateBp < 0 || line.taxRateBp > MAX_BP)
    throw bad('tax rate');
}

export function computeQuote(input: QuoteMathInput): QuoteMath {
  if (!Number.isInteger(input.discountBp) || input.discountBp < 0 || input.discountBp > MAX_BP) {
    throw new RangeError('overall discount');
  }
  input.lines.forEach(checkLine);
  const gross = input.lines.map((l) => extend(l.unitPriceMinor, l.quantity));
  const lineNets = input.lines.map((l, i) => discounted(gross[i] ?? 0, l.discountBp));
  const sumLineNets = lineNets.reduce((a, b) => a + b, 0);
  const overall = portion(sumLineNets, input.discountBp);
  const shares = allocate(overall, lineNets);
  const hasCost = input.lines.some((l) => l.unitCostMinor !== undefined && l.unitCostMinor !== null);

  const lines = input.lines.map((l, i): QuoteLineMath => {
    const grossMinor = gross[i] ?? 0;
    const lineNetMinor = lineNets[i] ?? 0;
    const overallShareMinor = shares[i] ?? 0;
    const netMinor = lineNetMinor - overallShareMinor;
    const taxMinor = portion(netMinor, l.taxRateBp);
    const listMinor = extend(l.listPriceMinor ?? l.unitPriceMinor, l.quantity);
    const costMinor =
      l.unitCostMinor === undefined || l.unitCostMinor === null ? null : extend(l.unitCostMinor, l.quantity);
    return {
      grossMinor,
      lineNetMinor,
      overallShareMinor,
      netMinor,
      taxMinor,
      totalMinor: netMinor + taxMinor,
      listMinor,
      costMinor,
      marginMinor: costMinor === null ? null : netMinor - costMinor,
      effectiveDiscountBp: ratioBp(listMinor - netMinor, listMinor),
    };
  });

  const sum = (pick: (l: QuoteLineMath) => number) => lines.reduce((a, l) => a + pick(l), 0);
  const netMinor = sum((l) => l.netMinor);
  const listMinor = sum((l) => l.listMinor);
  const costMinor = hasCost ? sum((l) => l.costMinor ?? 0) : null;
  const marginMinor = costMinor === null ? null : netMinor - costMinor;
  return {
    lines,
    grossMinor: sum((l) => l.grossMinor),
    lineNetMinor: sumLineNets,
    overallDiscountMinor: sum((l) => l.overallShareMinor),
    netMinor,
    taxMinor: sum((l) => l.taxMinor),
    totalMinor: sum((l) => l.totalMinor),
    listMinor,
    costMinor,
    marginMinor,
    marginBp: marginMinor === null || netMinor <= 0 ? null : ratioBp(marginMinor, netMinor),
    effectiveDiscountBp: ratioBp(listMinor - netMinor, listMinor),
    maxDiscountBp: lines.reduce((a, l) => Math.max(a, l.effectiveDiscountBp), 0),
  };
}
