import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseFactor } from './parse-factor';

type PredictionFactorLabelProps = {
  /** A model feature code, e.g. `source=event`, `not:has_email`, `title=director`, `events.webinar`. */
  feature: string;
};

/** A predictive model's feature in plain words in the user's language (next to a probability or a weight). */
export function PredictionFactorLabel({ feature }: PredictionFactorLabelProps) {
  const { t } = useTranslation();
  const f = parseFactor(feature);
  const text = (() => {
    switch (f.kind) {
      case 'source':
        return t(f.negated ? 'leadScoring.factor.notSource' : 'leadScoring.factor.source', {
          value: t(`leads.source.${f.value}`),
        });
      case 'companySize':
        return t(f.negated ? 'leadScoring.factor.notCompanySize' : 'leadScoring.factor.companySize', {
          value: t(`leads.companySize.${f.value}`),
        });
      case 'title':
        return t(f.negated ? 'leadScoring.factor.notTitle' : 'leadScoring.factor.title', {
          value: t(`leadScoring.factor.titleLevel.${f.value}`),
        });
      case 'grade':
        return t(f.negated ? 'leadScoring.factor.notGrade' : 'leadScoring.factor.grade', { value: f.value });
      case 'region':
        return t(f.negated ? 'leadScoring.factor.notRegion' : 'leadScoring.factor.region', {
          value: f.value,
        });
      case 'industry':
        return t(f.negated ? 'leadScoring.factor.notIndustry' : 'leadScoring.factor.industry', {
          value: f.value,
        });
      case 'events':
        return t(`leadScoring.factor.eventCount.${f.value}`);
      case 'qualificationMet':
        return t('leadScoring.factor.qualificationMet');
      case 'regionOther':
        return t(f.negated ? 'leadScoring.factor.notRegionOther' : 'leadScoring.factor.regionOther');
      case 'industryOther':
        return t(f.negated ? 'leadScoring.factor.notIndustryOther' : 'leadScoring.factor.industryOther');
      case 'hasEmail':
        return t(f.negated ? 'leadScoring.factor.notHasEmail' : 'leadScoring.factor.hasEmail');
      case 'hasPhone':
        return t(f.negated ? 'leadScoring.factor.notHasPhone' : 'leadScoring.factor.hasPhone');
      case 'hasCampaign':
        return t(f.negated ? 'leadScoring.factor.notHasCampaign' : 'leadScoring.factor.hasCampaign');
      case 'fewDecisionMakers':
        return t(
          f.negated ? 'leadScoring.factor.notFewDecisionMakers' : 'leadScoring.factor.fewDecisionMakers',
        );
      case 'unknown':
        return f.code;
    }
  })();
  return <Typography.Text>{text}</Typography.Text>;
}
