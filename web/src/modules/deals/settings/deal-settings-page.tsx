import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { usePipelines } from '../use-deals';
import { LossReasonsCard } from './loss-reasons-card';
import { NewPipelineModal } from './new-pipeline-modal';
import { PipelineEditor } from './pipeline-editor';
import { PipelineRulesCard } from './pipeline-rules-card';

const SECTIONS = ['pipelines', 'loss-reasons', 'rules'] as const;
type Section = (typeof SECTIONS)[number];

function isSection(value: string | undefined): value is Section {
  return (SECTIONS as readonly (string | undefined)[]).includes(value);
}

function PipelinesSection() {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const [chosen, setChosen] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  if (pipelines.isError) return <ErrorAlert error={pipelines.error} />;
  if (!pipelines.data) return <Skeleton active />;
  const items = pipelines.data.filter((p) => !p.archived);
  const pipeline = items.find((p) => p.id === chosen) ?? items.find((p) => p.isDefault) ?? items[0];
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select<string>
          aria-label={t('deals.pipeline')}
          value={pipeline?.id}
          onChange={setChosen}
          options={items.map((p) => ({
            value: p.id,
            label: p.isDefault ? `${p.name} (${t('deals.settings.default')})` : p.name,
          }))}
          style={{ minWidth: 260 }}
        />
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('deals.settings.newPipeline')}
        </Button>
      </Flex>
      {pipeline ? (
        <PipelineEditor key={`${pipeline.id}-${pipeline.version}`} pipeline={pipeline} />
      ) : (
        <Empty description={t('deals.board.noPipeline')} />
      )}
      <NewPipelineModal
        open={creating}
        pipelines={items}
        onClose={() => setCreating(false)}
        onCreated={setChosen}
      />
    </>
  );
}

/** Deal settings for holders of deals.configure: pipelines with their gates, loss reasons, pipeline rules. */
export function DealSettingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { section } = useParams();
  const active: Section = isSection(section) ? section : 'pipelines';
  return (
    <Tabs
      tabPlacement="start"
      activeKey={active}
      onChange={(key) => void navigate(key === 'pipelines' ? '/deals/settings' : `/deals/settings/${key}`)}
      destroyOnHidden
      items={[
        { key: 'pipelines', label: t('deals.settings.pipelines'), children: <PipelinesSection /> },
        { key: 'loss-reasons', label: t('deals.lossReasons.title'), children: <LossReasonsCard /> },
        { key: 'rules', label: t('deals.rules.title'), children: <PipelineRulesCard /> },
      ]}
    />
  );
}
