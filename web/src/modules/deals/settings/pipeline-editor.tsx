import { PlusOutlined } from '@ant-design/icons';
import type { Pipeline } from '@contracts/pipelines.contract';
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { App, Button, Checkbox, Flex, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useArchivePipeline, useUpdatePipeline } from '../use-deals';
import { type DraftStage, SortableStage } from './sortable-stage';

function draftOf(pipeline: Pipeline): DraftStage[] {
  return pipeline.stages.map((s) => ({
    key: s.id,
    id: s.id,
    name: s.name,
    probability: s.probability,
    forecastCategory: s.forecastCategory,
    agingDays: s.agingDays,
    gates: s.gates,
  }));
}

let nextKey = 0;

/**
 * One pipeline as it should be: its name, whether it is the default, and its stages in order (dragged), each
 * with probability, forecast category, aging limit and gates. Saved whole against the version read.
 */
export function PipelineEditor({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const update = useUpdatePipeline();
  const archive = useArchivePipeline();
  const [name, setName] = useState(pipeline.name);
  const [isDefault, setIsDefault] = useState(pipeline.isDefault);
  const [stages, setStages] = useState<DraftStage[]>(() => draftOf(pipeline));
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    setStages((list) => {
      const from = list.findIndex((s) => s.key === active.id);
      const to = list.findIndex((s) => s.key === over.id);
      return from < 0 || to < 0 ? list : arrayMove(list, from, to);
    });
  };
  const change = (key: string, patch: Partial<DraftStage>) =>
    setStages((list) => list.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const add = () => {
    nextKey += 1;
    setStages((list) => [
      ...list,
      {
        key: `new-${nextKey}`,
        name: '',
        probability: Math.min(100, (list[list.length - 1]?.probability ?? 0) + 10),
        forecastCategory: 'pipeline',
        agingDays: null,
        gates: [],
      },
    ]);
  };
  const save = () =>
    update.mutate(
      {
        id: pipeline.id,
        version: pipeline.version,
        name: name.trim(),
        isDefault,
        stages: stages.map((s) => ({
          ...(s.id ? { id: s.id } : {}),
          name: s.name.trim(),
          probability: s.probability,
          forecastCategory: s.forecastCategory,
          agingDays: s.agingDays,
          gates: s.gates,
        })),
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => handleError(error),
      },
    );
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Input
          aria-label={t('deals.settings.pipelineName')}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 280 }}
        />
        <Tag>{t(`deals.pipelineKind.${pipeline.kind}`)}</Tag>
        <Checkbox checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)}>
          {t('deals.settings.isDefault')}
        </Checkbox>
      </Flex>
      <Typography.Paragraph type="secondary">{t('deals.settings.stagesHint')}</Typography.Paragraph>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={stages.map((s) => s.key)} strategy={verticalListSortingStrategy}>
          {stages.map((stage, index) => (
            <SortableStage
              key={stage.key}
              stage={stage}
              position={index + 1}
              canRemove={stages.length > 1}
              onChange={(patch) => change(stage.key, patch)}
              onRemove={() => setStages((list) => list.filter((s) => s.key !== stage.key))}
            />
          ))}
        </SortableContext>
      </DndContext>
      <Space wrap style={{ marginTop: 8 }}>
        <Button icon={<PlusOutlined />} onClick={add} disabled={stages.length >= 20}>
          {t('deals.settings.addStage')}
        </Button>
        <Button type="primary" loading={update.isPending} onClick={save}>
          {t('common.save')}
        </Button>
        {!pipeline.isDefault && (
          <Popconfirm
            title={t('deals.settings.archiveConfirm', { name: pipeline.name })}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              archive.mutate(pipeline.id, {
                onSuccess: () => void message.success(t('deals.settings.archived')),
                onError: (error) => handleError(error),
              })
            }
          >
            <Button danger>{t('deals.settings.archive')}</Button>
          </Popconfirm>
        )}
      </Space>
    </>
  );
}
