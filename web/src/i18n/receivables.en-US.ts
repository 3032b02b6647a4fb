/** Texts of the receivables screens (en-US). */
export const receivablesEnUS = {};
