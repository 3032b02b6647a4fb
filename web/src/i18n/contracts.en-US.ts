/** Texts of the contracts screens (en-US). */
export const contractsEnUS = {};
