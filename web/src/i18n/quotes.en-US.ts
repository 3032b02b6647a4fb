/** Texts of the quotes screens (en-US). */
export const quotesEnUS = {};
