/** Texts of the catalog screens (en-US). */
export const catalogEnUS = {};
