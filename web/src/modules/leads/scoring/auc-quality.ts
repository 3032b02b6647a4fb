export type AucQuality = 'weak' | 'fair' | 'good' | 'excellent';

/** A plain-word reading of a held-out AUC, for admins who do not read ROC curves. */
export function aucQuality(auc: number): AucQuality {
  if (auc >= 0.9) return 'excellent';
  if (auc >= 0.75) return 'good';
  if (auc >= 0.6) return 'fair';
  return 'weak';
}
