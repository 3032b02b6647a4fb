/** Texts of the approvals screens (en-US). */
export const approvalsEnUS = {};
