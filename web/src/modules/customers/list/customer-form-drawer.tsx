import { type Customer, cleanCreditCode, isValidCreditCode } from '@contracts/customers.contract';
import { COMPANY_SIZES } from '@contracts/leads.contract';
import type { FormRule } from 'antd';
import { Alert, Button, Col, Divider, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { OneTeamSelect } from '../../../shared/team-select';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { UserSelect } from '../../../shared/user-select';
import { CustomFieldInputs } from '../../admin-custom-fields/custom-field-inputs';
import { useSession } from '../../auth/use-session';
import { CustomerSelect } from '../customer-select';
import { RecordMatchList } from '../record-match-list';
import { TagSelect } from '../tag-select';
import { useCreateCustomer, useCustomerDuplicateCheck, useUpdateCustomer } from '../use-customers';
import { type CustomerFormValues, changedBody, formValuesOf, profileBody } from './customer-form-values';

type CustomerFormDrawerProps = {
  open: boolean;
  /** The customer to edit; null for a new one. */
  customer: Customer | null;
  onClose: () => void;
  onSaved: (customer: Customer) => void;
};

/**
 * The customer's profile (DOMAIN.md §7, basic group) as one form, for a new customer or an edit. Similar
 * customers and contacts are shown while typing; an edit sends only what changed, with the version read.
 */
export function CustomerFormDrawer({ open, customer, onClose, onSaved }: CustomerFormDrawerProps) {
  const { t } = useTranslation();
  const me = useSession();
  const rules = useFormRules();
  const [form] = Form.useForm<CustomerFormValues>();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const handleError = useErrorHandler();
  const canAssign = customer ? customer.can.assign : me.permissions.includes('customers.assign');
  const canShare = customer !== null && (customer.ownerId === me.user.id || customer.can.assign);
  const probe = {
    name: Form.useWatch('name', form),
    legalName: Form.useWatch('legalName', form),
    creditCode: Form.useWatch('creditCode', form),
    phone: Form.useWatch('phone', form),
    ...(customer ? { excludeId: customer.id } : {}),
  };
  const duplicates = useCustomerDuplicateCheck(probe, open);
  const matches = open ? (duplicates.data ?? []) : [];
  const creditCodeRule: FormRule = {
    validator: (_, value: string | undefined) =>
      !value?.trim() || isValidCreditCode(cleanCreditCode(value))
        ? Promise.resolve()
        : Promise.reject(new Error(t('customers.hints.invalidCreditCode'))),
  };

  const submit = (values: CustomerFormValues) => {
    const onError = (error: unknown) => handleError(error, form);
    if (customer) {
      const body = changedBody(customer, values, canAssign);
      if (Object.keys(body).length === 0) return onClose();
      update.mutate({ id: customer.id, version: customer.version, ...body }, { onSuccess: onSaved, onError });
      return;
    }
    const owner = values.ownerId ? { ownerId: values.ownerId } : {};
    const team = values.teamId ? { teamId: values.teamId } : {};
    create.mutate(
      { ...(profileBody(values) as { name: string }), ...owner, ...team },
      { onSuccess: onSaved, onError },
    );
  };

  return (
    <Drawer
      open={open}
      title={
        customer ? t('customers.form.editTitle', { name: customer.name }) : t('customers.form.createTitle')
      }
      size="large"
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {customer ? t('common.save') : t('common.create')}
          </Button>
        </Space>
      }
    >
      <Form<CustomerFormValues>
        form={form}
        layout="vertical"
        initialValues={formValuesOf(customer)}
        onFinish={submit}
      >
        {matches.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('customers.duplicates.found', { count: matches.length })}
            description={<RecordMatchList matches={matches} newTab />}
            style={{ marginBottom: 16 }}
          />
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('customers.fields.name')}
              extra={t('customers.hints.name')}
              rules={[rules.required]}
            >
              <Input maxLength={200} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="legalName"
              label={t('customers.fields.legalName')}
              extra={t('customers.hints.legalName')}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCode" label={t('customers.fields.creditCode')} rules={[creditCodeRule]}>
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="taxId" label={t('customers.fields.taxId')} extra={t('customers.hints.taxId')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="industry" label={t('customers.fields.industry')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="companySize" label={t('customers.fields.companySize')}>
              <Select
                allowClear
                options={COMPANY_SIZES.map((s) => ({ value: s, label: t(`leads.companySize.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="region" label={t('customers.fields.region')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('customers.fields.phone')}>
              <Input maxLength={50} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="website" label={t('customers.fields.website')}>
              <Input maxLength={500} inputMode="url" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('customers.fields.address')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={t('customers.fields.parent')}>
              <CustomerSelect allowClear knownName={customer?.parentName} excludeId={customer?.id} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('customers.fields.tags')} extra={t('customers.hints.tags')}>
              <TagSelect />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('customers.fields.notes')}>
              <Input.TextArea rows={3} maxLength={10_000} />
            </Form.Item>
          </Col>
        </Row>
        <CustomFieldInputs object="customer" />
        <Divider titlePlacement="start" plain>
          {t('customers.form.assignment')}
        </Divider>
        <Row gutter={16}>
          {(canAssign || !customer) && (
            <Col xs={24} md={12}>
              <Form.Item
                name="ownerId"
                label={t('customers.fields.owner')}
                extra={customer ? undefined : t('customers.form.ownerHint')}
              >
                {canAssign ? (
                  <UserSelect<string | undefined>
                    allowClear
                    knownUsers={
                      customer?.ownerId ? [{ id: customer.ownerId, name: customer.ownerName ?? '' }] : []
                    }
                  />
                ) : (
                  <Select
                    allowClear
                    options={[
                      { value: me.user.id, label: t('customers.form.ownerMe', { name: me.user.name }) },
                    ]}
                  />
                )}
              </Form.Item>
            </Col>
          )}
          {canAssign && (
            <Col xs={24} md={12}>
              <Form.Item name="teamId" label={t('customers.fields.team')}>
                <OneTeamSelect allowClear />
              </Form.Item>
            </Col>
          )}
          {canShare && (
            <Col xs={24}>
              <Form.Item name="sharedWith" label={t('customers.fields.sharedWith')}>
                <UserSelect<string[]> mode="multiple" allowClear />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Drawer>
  );
}
