import type { Lead } from '@contracts/leads.contract';
import { Alert, Button, Col, Divider, Drawer, Form, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { OneTeamSelect } from '../../../shared/team-select';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { UserSelect } from '../../../shared/user-select';
import { useSession } from '../../auth/use-session';
import { DuplicateMatchList } from './duplicate-match-list';
import { LeadFieldItems } from './lead-field-items';
import { createBodyOf, formValuesOf, type LeadFormValues } from './lead-form-values';
import { useCreateLead, useDuplicateCheck } from './use-lead-intake';

type LeadFormDrawerProps = { open: boolean; onClose: () => void; onCreated: (lead: Lead) => void };
type Values = LeadFormValues & {
  status: 'new' | 'contacted' | 'nurturing';
  ownerId?: string;
  teamId?: string;
};

/**
 * The full register of a lead, UTM parameters and campaign included. Owner and team are optional: left
 * empty, the assignment rules decide; a rep without assign rights may only take the lead themselves.
 */
export function LeadFormDrawer({ open, onClose, onCreated }: LeadFormDrawerProps) {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const create = useCreateLead();
  const handleError = useErrorHandler();
  const canAssign = me.permissions.includes('leads.assign');
  const phone = Form.useWatch('phone', form);
  const email = Form.useWatch('email', form);
  const companyName = Form.useWatch('companyName', form);
  const duplicates = useDuplicateCheck({ phone, email, companyName });
  const matches = open ? (duplicates.data ?? []) : [];
  const submit = ({ status, ownerId, teamId, ...values }: Values) =>
    create.mutate(
      createBodyOf(values, { status, ...(ownerId ? { ownerId } : {}), ...(teamId ? { teamId } : {}) }),
      {
        onSuccess: (lead) => {
          form.resetFields();
          onCreated(lead);
        },
        onError: (error) => handleError(error, form),
      },
    );
  return (
    <Drawer
      open={open}
      title={t('leadScreens.form.title')}
      size="large"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('common.create')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ ...formValuesOf(null), status: 'new' }}
        onFinish={submit}
      >
        {matches.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('leadScreens.duplicates.found', { count: matches.length })}
            description={<DuplicateMatchList matches={matches} newTab />}
            style={{ marginBottom: 16 }}
          />
        )}
        <LeadFieldItems />
        <Divider titlePlacement="start" plain>
          {t('leadScreens.form.assignment')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('leads.fields.status')}>
              <Select
                options={(['new', 'contacted', 'nurturing'] as const).map((s) => ({
                  value: s,
                  label: t(`leads.status.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ownerId" label={t('leads.fields.owner')} extra={t('leadScreens.form.ownerHint')}>
              {canAssign ? (
                <UserSelect<string | undefined> allowClear />
              ) : (
                <Select
                  allowClear
                  options={[
                    { value: me.user.id, label: t('leadScreens.form.ownerMe', { name: me.user.name }) },
                  ]}
                />
              )}
            </Form.Item>
          </Col>
          {canAssign && (
            <Col xs={24} md={8}>
              <Form.Item name="teamId" label={t('leads.fields.team')}>
                <OneTeamSelect allowClear />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
