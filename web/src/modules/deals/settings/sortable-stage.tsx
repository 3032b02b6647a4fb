import { DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { StageForecast, type StageGate } from '@contracts/pipelines.contract';
import { useSortable } from '@dnd-kit/sortable';
import { Button, Card, Flex, Input, InputNumber, Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { GateEditor } from './gate-editor';

export type DraftStage = {
  /** The stage id, or a temporary key for a stage not saved yet. */
  key: string;
  id?: string;
  name: string;
  probability: number;
  forecastCategory: 'pipeline' | 'best_case' | 'commit';
  agingDays: number | null;
  gates: StageGate[];
};

type SortableStageProps = {
  stage: DraftStage;
  position: number;
  canRemove: boolean;
  onChange: (patch: Partial<DraftStage>) => void;
  onRemove: () => void;
};

/** One stage in the pipeline editor: dragged to reorder; name, probability, forecast, aging and gates. */
export function SortableStage({ stage, position, canRemove, onChange, onRemove }: SortableStageProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: stage.key,
  });
  return (
    <div
      ref={setNodeRef}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        transition,
        opacity: isDragging ? 0.6 : 1,
        marginBottom: 8,
      }}
    >
      <Card size="small">
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Tooltip title={t('deals.settings.dragStage')}>
            <Button
              type="text"
              size="small"
              icon={<HolderOutlined />}
              aria-label={t('deals.settings.dragStage')}
              style={{ cursor: 'grab' }}
              {...attributes}
              {...listeners}
            />
          </Tooltip>
          <span>{position}.</span>
          <Input
            aria-label={t('deals.settings.stageName')}
            placeholder={t('deals.settings.stageName')}
            maxLength={60}
            value={stage.name}
            onChange={(e) => onChange({ name: e.target.value })}
            style={{ width: 200 }}
          />
          <InputNumber
            aria-label={t('deals.fields.probability')}
            min={0}
            max={100}
            precision={0}
            suffix="%"
            value={stage.probability}
            onChange={(probability) => onChange({ probability: probability ?? 0 })}
            style={{ width: 100 }}
          />
          <Select
            aria-label={t('deals.fields.forecast')}
            value={stage.forecastCategory}
            onChange={(forecastCategory) => onChange({ forecastCategory })}
            options={StageForecast.options.map((c) => ({ value: c, label: t(`deals.forecast.${c}`) }))}
            style={{ width: 130 }}
          />
          <InputNumber
            aria-label={t('deals.settings.agingDays')}
            placeholder={t('deals.settings.agingDays')}
            min={1}
            max={3650}
            precision={0}
            suffix={t('deals.settings.daysSuffix')}
            value={stage.agingDays}
            onChange={(agingDays) => onChange({ agingDays })}
            style={{ width: 150 }}
          />
          {canRemove && (
            <Tooltip title={t('deals.settings.removeStage')}>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('deals.settings.removeStage')}
                onClick={onRemove}
              />
            </Tooltip>
          )}
        </Flex>
        <div style={{ paddingInlineStart: 36 }}>
          <GateEditor gates={stage.gates} onChange={(gates) => onChange({ gates })} />
        </div>
      </Card>
    </div>
  );
}
