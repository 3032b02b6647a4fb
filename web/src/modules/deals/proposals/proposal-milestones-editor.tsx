import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Milestone } from '@contracts/deal-proposals.contract';
import { Button, DatePicker, Flex, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

type Props = { milestones: Milestone[]; readOnly: boolean; onChange: (milestones: Milestone[]) => void };

/** The implementation plan: milestones with a due date and who is responsible. */
export function ProposalMilestonesEditor({ milestones, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const patch = (index: number, change: Partial<Milestone>) =>
    onChange(milestones.map((m, i) => (i === index ? { ...m, ...change } : m)));
  return (
    <Flex vertical gap={8}>
      {milestones.length === 0 && (
        <Typography.Text type="secondary">{t('dealProposals.milestones.empty')}</Typography.Text>
      )}
      {milestones.map((m, index) => (
        // Milestones have no id; their position is their identity while editing.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Flex key={index} gap={8} wrap align="center">
          <Input
            style={{ flex: '2 1 220px' }}
            aria-label={t('dealProposals.milestones.name')}
            placeholder={t('dealProposals.milestones.name')}
            maxLength={200}
            value={m.title}
            disabled={readOnly}
            onChange={(e) => patch(index, { title: e.target.value })}
          />
          <DatePicker
            aria-label={t('dealProposals.milestones.dueOn')}
            placeholder={t('dealProposals.milestones.dueOn')}
            value={m.dueOn ? dayjs(m.dueOn) : null}
            disabled={readOnly}
            onChange={(date) => patch(index, { dueOn: date ? date.format('YYYY-MM-DD') : null })}
          />
          <Input
            style={{ flex: '1 1 140px' }}
            aria-label={t('dealProposals.milestones.owner')}
            placeholder={t('dealProposals.milestones.owner')}
            maxLength={100}
            value={m.owner}
            disabled={readOnly}
            onChange={(e) => patch(index, { owner: e.target.value })}
          />
          {!readOnly && (
            <Button
              danger
              icon={<DeleteOutlined />}
              aria-label={t('dealProposals.milestones.remove')}
              onClick={() => onChange(milestones.filter((_, i) => i !== index))}
            />
          )}
        </Flex>
      ))}
      {!readOnly && (
        <div>
          <Button
            icon={<PlusOutlined />}
            disabled={milestones.length >= 100}
            onClick={() => onChange([...milestones, { title: '', dueOn: null, owner: '' }])}
          >
            {t('dealProposals.milestones.add')}
          </Button>
        </div>
      )}
    </Flex>
  );
}
