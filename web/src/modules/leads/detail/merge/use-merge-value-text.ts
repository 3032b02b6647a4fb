import type { Lead } from '@contracts/leads.contract';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { metCount } from '../qualification-values';
import type { MergeField } from './merge-choices';

type MergeValueText = ((lead: Lead, field: MergeField) => string) & { field: (field: MergeField) => string };

/** A merged field's name and each lead's value of it, in words. */
export function useMergeValueText(): MergeValueText {
  const { t } = useTranslation();
  const value = useCallback(
    (lead: Lead, field: MergeField): string => {
      const empty = t('common.empty');
      switch (field) {
        case 'companySize':
          return lead.companySize ? t(`leads.companySize.${lead.companySize}`) : empty;
        case 'source':
          return t(`leads.source.${lead.source}`);
        case 'grade':
          return lead.grade ? t(`leads.grade.${lead.grade}`) : empty;
        case 'ownerId':
          return lead.ownerName ?? (lead.ownerId ? lead.ownerId : t('leadScreens.list.unassigned'));
        case 'teamId':
          return lead.teamName ?? lead.teamId ?? empty;
        case 'qualification': {
          const man = metCount(lead.qualification.man);
          const bant = metCount(lead.qualification.bant);
          return t('leadScreens.timeline.qualificationValue', { man: man.met, bant: bant.met });
        }
        case 'utm': {
          const entries = Object.entries(lead.utm).filter(([, v]) => v);
          return entries.length > 0 ? entries.map(([k, v]) => `utm_${k}=${v}`).join(', ') : empty;
        }
        default:
          return lead[field] || empty;
      }
    },
    [t],
  );
  const field = useCallback(
    (f: MergeField): string => {
      switch (f) {
        case 'ownerId':
          return t('leads.fields.owner');
        case 'teamId':
          return t('leads.fields.team');
        case 'campaignId':
          return t('leads.fields.campaign');
        case 'qualification':
          return t('leadScreens.timeline.field.qualification');
        default:
          return t(`leads.fields.${f}`);
      }
    },
    [t],
  );
  return useMemo(
    () => Object.assign((lead: Lead, f: MergeField) => value(lead, f), { field }),
    [value, field],
  );
}
