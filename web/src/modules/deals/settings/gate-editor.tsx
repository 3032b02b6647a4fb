import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { GATE_ACTIVITY_TYPES, GATE_FIELDS, type GateKind, StageGate } from '@contracts/pipelines.contract';
import { Button, Dropdown, Flex, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { freeGateKinds, gateDefaults } from './gate-defaults';

const GATE_KINDS: readonly GateKind[] = StageGate.options.map((o) => o.shape.kind.value);

type GateEditorProps = {
  gates: readonly StageGate[];
  onChange: (gates: StageGate[]) => void;
};

/** The exit criteria of one stage: each gate's kind with its parameters; added, changed and removed here. */
export function GateEditor({ gates, onChange }: GateEditorProps) {
  const { t } = useTranslation();
  const replace = (index: number, gate: StageGate) => onChange(gates.map((g, i) => (i === index ? gate : g)));
  const free = freeGateKinds(GATE_KINDS, gates);
  return (
    <Flex vertical gap={6}>
      {gates.length === 0 && (
        <Typography.Text type="secondary">{t('deals.settings.noGates')}</Typography.Text>
      )}
      {gates.map((gate, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: gates have no id; their order is their identity.
        <Flex key={index} gap={8} align="center" wrap>
          <Typography.Text>{t(`deals.gateKinds.${gate.kind}`)}</Typography.Text>
          {(gate.kind === 'corePainPoints' || gate.kind === 'activityLogged') && (
            <InputNumber
              aria-label={t('deals.settings.gateMin')}
              prefix="≥"
              min={1}
              max={50}
              precision={0}
              value={gate.min}
              onChange={(min) => replace(index, { ...gate, min: min ?? 1 })}
              style={{ width: 90 }}
            />
          )}
          {gate.kind === 'activityLogged' && (
            <Select
              aria-label={t('deals.settings.gateActivity')}
              value={gate.activityType}
              onChange={(activityType) => replace(index, { ...gate, activityType })}
              options={GATE_ACTIVITY_TYPES.map((type) => ({
                value: type,
                label: t(`deals.activityTypes.${type}`),
              }))}
              style={{ width: 120 }}
            />
          )}
          {gate.kind === 'fieldsSet' && (
            <Select
              mode="multiple"
              aria-label={t('deals.settings.gateFields')}
              value={gate.fields}
              onChange={(fields) => fields.length > 0 && replace(index, { ...gate, fields })}
              options={GATE_FIELDS.map((field) => ({ value: field, label: t(`deals.gateFields.${field}`) }))}
              style={{ minWidth: 260 }}
            />
          )}
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('deals.settings.removeGate')}
            onClick={() => onChange(gates.filter((_, i) => i !== index))}
          />
        </Flex>
      ))}
      {gates.length < 10 && free.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: free.map((kind) => ({ key: kind, label: t(`deals.gateKinds.${kind}`) })),
            onClick: ({ key }) => {
              const kind = GATE_KINDS.find((k) => k === key);
              if (kind) onChange([...gates, gateDefaults(kind)]);
            },
          }}
        >
          <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ alignSelf: 'start' }}>
            {t('deals.settings.addGate')}
          </Button>
        </Dropdown>
      )}
    </Flex>
  );
}
