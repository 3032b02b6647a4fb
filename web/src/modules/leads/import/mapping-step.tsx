import {
  IMPORT_FIELDS,
  type ImportDefaults,
  type ImportField,
  type ImportMapping,
  type LeadImport,
} from '@contracts/lead-import.contract';
import { LEAD_GRADES, LEAD_SOURCES } from '@contracts/leads.contract';
import { Alert, Button, Col, Form, Popconfirm, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from '../../../shared/use-all-teams';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { UserSelect } from '../../../shared/user-select';
import { useSession } from '../../auth/use-session';
import { CampaignSelect } from '../list/campaign-select';
import { ColumnMappingTable, useColumnMapping } from './column-mapping-table';
import { useImportFieldLabel } from './use-import-field-label';
import { useCancelImport } from './use-imports';
import { leadImportKind, useStartImport } from './use-lead-imports';

type MappingStepProps = { imp: LeadImport; onDiscarded: () => void };

type DefaultsValues = {
  defaults: {
    source: ImportDefaults['source'];
    campaignId?: string | null;
    ownerId?: string;
    teamId?: string;
    grade?: ImportDefaults['grade'];
  };
};

const DELIMITERS: Record<string, 'comma' | 'semicolon' | 'tab'> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
};
const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK / GB18030',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

/**
 * Step 2: a lead field for each column of the file (recognised and remembered ones chosen already), a few
 * values of each column to go by, and the values every row gets where its own cell is empty.
 */
export function MappingStep({ imp, onDiscarded }: MappingStepProps) {
  const { t } = useTranslation();
  const me = useSession();
  const label = useImportFieldLabel();
  const handleError = useErrorHandler();
  const start = useStartImport();
  const discard = useCancelImport(leadImportKind);
  const teams = useAllTeams();
  const [form] = Form.useForm<DefaultsValues>();
  const [mapping, choose] = useColumnMapping<ImportField>(imp.suggestedMapping);
  const canAssign = me.permissions.includes('leads.assign');

  const mapped = Object.values(mapping);
  const hasName = mapped.includes('companyName') || mapped.includes('contactName');

  const fields = IMPORT_FIELDS.map((field) => ({ value: field, label: label(field) }));

  const submit = (values: DefaultsValues) => {
    const body: ImportMapping = {};
    for (const index of imp.headers.keys()) body[String(index)] = mapping[index] ?? null;
    const defaults: ImportDefaults = {
      source: values.defaults.source,
      campaignId: values.defaults.campaignId ?? null,
      ownerId: values.defaults.ownerId ?? null,
      teamId: values.defaults.teamId ?? null,
      grade: values.defaults.grade ?? null,
    };
    start.mutate({ id: imp.id, mapping: body, defaults }, { onError: (error) => handleError(error, form) });
  };

  const delimiter = imp.delimiter ? DELIMITERS[imp.delimiter] : undefined;
  return (
    <>
      <Typography.Paragraph>{t('leadImport.mapping.intro')}</Typography.Paragraph>
      {imp.encoding && delimiter && (
        <Typography.Paragraph type="secondary">
          {t('leadImport.mapping.detected', {
            encoding: ENCODINGS[imp.encoding] ?? imp.encoding,
            delimiter: t(`leadImport.mapping.delimiter.${delimiter}`),
          })}
        </Typography.Paragraph>
      )}
      {!hasName && (
        <Alert
          type="warning"
          showIcon
          title={t('leadImport.mapping.needName')}
          style={{ marginBottom: 16 }}
        />
      )}
      <ColumnMappingTable<ImportField> imp={imp} mapping={mapping} onChoose={choose} fields={fields} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('leadImport.mapping.defaults')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('leadImport.mapping.defaultsHint')}</Typography.Paragraph>
      <Form<DefaultsValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          defaults: { source: 'other' },
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['defaults', 'source']} label={t('leads.fields.source')}>
              <Select options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['defaults', 'campaignId']} label={t('leads.fields.campaign')}>
              <CampaignSelect allowClear placeholder={t('leadImport.mapping.noCampaign')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['defaults', 'grade']} label={t('leads.fields.grade')}>
              <Select
                allowClear
                placeholder={t('leadImport.mapping.noGrade')}
                options={LEAD_GRADES.map((g) => ({ value: g, label: t(`leads.grade.${g}`) }))}
              />
            </Form.Item>
          </Col>
          {canAssign && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name={['defaults', 'ownerId']} label={t('leads.fields.owner')}>
                  <UserSelect<string | undefined> allowClear placeholder={t('leadImport.mapping.byRules')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['defaults', 'teamId']} label={t('leads.fields.team')}>
                  <Select
                    allowClear
                    placeholder={t('leadImport.mapping.byRules')}
                    loading={teams.isPending}
                    options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
                  />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={start.isPending} disabled={!hasName}>
            {t('leadImport.mapping.start')}
          </Button>
          <Popconfirm
            title={t('leadImport.mapping.discardConfirm')}
            okText={t('leadImport.mapping.discard')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              discard
                .mutateAsync(imp.id)
                .then(onDiscarded)
                .catch((error: unknown) => handleError(error))
            }
          >
            <Button loading={discard.isPending}>{t('leadImport.mapping.discard')}</Button>
          </Popconfirm>
        </Space>
      </Form>
    </>
  );
}
