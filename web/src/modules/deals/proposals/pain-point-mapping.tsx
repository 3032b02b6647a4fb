import type { PainPointAnswer } from '@contracts/deal-proposals.contract';
import { Alert, Flex, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = {
  painPoints: PainPointAnswer[];
  answers: Record<string, string>;
  readOnly: boolean;
  onChange: (answers: Record<string, string>) => void;
};

/** Each pain point of the needs record beside the part of this version that answers it; unanswered ones flagged. */
export function PainPointMapping({ painPoints, answers, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  if (painPoints.length === 0)
    return <Typography.Text type="secondary">{t('dealProposals.painPoints.empty')}</Typography.Text>;
  const answered = painPoints.filter((p) => (answers[p.needItemId] ?? '').trim() !== '').length;
  return (
    <Flex vertical gap={12}>
      <Alert
        type={answered === painPoints.length ? 'success' : 'warning'}
        showIcon
        title={t('dealProposals.painPoints.summary', { answered, total: painPoints.length })}
      />
      {painPoints.map((p) => {
        const text = answers[p.needItemId] ?? '';
        const open = text.trim() === '';
        return (
          <Flex key={p.needItemId} vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{p.description}</Typography.Text>
              <Tag color={open ? 'red' : 'green'}>
                {t(open ? 'dealProposals.painPoints.unanswered' : 'dealProposals.painPoints.answered')}
              </Tag>
            </Flex>
            <Input.TextArea
              aria-label={`${t('dealProposals.painPoints.answer')}: ${p.description}`}
              placeholder={t('dealProposals.painPoints.answer')}
              autoSize={{ minRows: 1, maxRows: 6 }}
              maxLength={5000}
              value={text}
              disabled={readOnly}
              status={open ? 'warning' : undefined}
              onChange={(e) => onChange({ ...answers, [p.needItemId]: e.target.value })}
            />
          </Flex>
        );
      })}
    </Flex>
  );
}
