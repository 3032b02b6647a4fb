import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The question prompts of each form section: SPIN and 5W2H, shown beside the fields. */
const PROMPTS = {
  situation: [
    'dealNeeds.prompts.situation.q1',
    'dealNeeds.prompts.situation.q2',
    'dealNeeds.prompts.situation.q3',
  ],
  needs: [
    'dealNeeds.prompts.needs.q1',
    'dealNeeds.prompts.needs.q2',
    'dealNeeds.prompts.needs.q3',
    'dealNeeds.prompts.needs.q4',
  ],
  results: ['dealNeeds.prompts.results.q1', 'dealNeeds.prompts.results.q2'],
  decision: [
    'dealNeeds.prompts.decision.q1',
    'dealNeeds.prompts.decision.q2',
    'dealNeeds.prompts.decision.q3',
    'dealNeeds.prompts.decision.q4',
  ],
  requirements: ['dealNeeds.prompts.requirements.q1', 'dealNeeds.prompts.requirements.q2'],
} as const;

export type PromptSection = keyof typeof PROMPTS;

export function NeedPrompts({ section }: { section: PromptSection }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      type="inner"
      title={t(`dealNeeds.prompts.${section}.spin`)}
      aria-label={t('dealNeeds.promptsTitle')}
      style={{ background: '#fafafa' }}
    >
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {PROMPTS[section].map((key) => (
          <li key={key}>
            <Typography.Text type="secondary">{t(key)}</Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
