import { DeleteOutlined, MailOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ATTITUDES, type Contact, DECISION_ROLES } from '@contracts/customers.contract';
import {
  Alert,
  App,
  Button,
  Col,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isVersionConflict } from '../../../api/api-error';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { UserSelect } from '../../../shared/user-select';
import { CustomFieldInputs } from '../../admin-custom-fields/custom-field-inputs';
import { useSession } from '../../auth/use-session';
import { wouldLoop } from '../detail/decision-chain';
import { EmailComposeModal } from '../email/email-compose-modal';
import { RecordMatchList } from '../record-match-list';
import { TagSelect } from '../tag-select';
import {
  useContact,
  useContactDuplicateCheck,
  useCreateContact,
  useCustomerContacts,
  useDeleteContact,
  useUpdateContact,
} from '../use-customers';
import {
  type ContactFormValues,
  changedContactBody,
  contactBody,
  contactValuesOf,
} from './contact-form-values';

/** Which contact the drawer shows: an existing one by id, or a new one at a customer. */
export type ContactTarget =
  | { kind: 'existing'; id: string }
  | { kind: 'new'; customerId: string; customerName: string };

type ContactDrawerProps = { target: ContactTarget | null; onClose: () => void };

/** A contact's details and edit form in one drawer, opened from the customer page or the contact list. */
export function ContactDrawer({ target, onClose }: ContactDrawerProps) {
  const contact = useContact(target?.kind === 'existing' ? target.id : null);
  const { t } = useTranslation();
  let body = null;
  if (target?.kind === 'new') {
    body = <ContactForm key="new" contact={null} customerId={target.customerId} onDone={onClose} />;
  } else if (target) {
    if (contact.isError) body = <ErrorAlert error={contact.error} />;
    else if (!contact.data) body = <Skeleton active />;
    else
      body = (
        <ContactForm
          key={`${contact.data.id}-${contact.data.version}`}
          contact={contact.data}
          customerId={contact.data.customerId}
          onDone={onClose}
        />
      );
  }
  const title =
    target?.kind === 'new'
      ? t('customers.contacts.newTitle', { customer: target.customerName })
      : contact.data
        ? t('customers.contacts.editTitle', { name: contact.data.name })
        : t('customers.contacts.title');
  return (
    <Drawer open={target !== null} title={title} size="large" onClose={onClose} destroyOnHidden>
      {body}
    </Drawer>
  );
}

type ContactFormProps = { contact: Contact | null; customerId: string; onDone: () => void };

function ContactForm({ contact, customerId, onDone }: ContactFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const rules = useFormRules();
  const formatDateTime = useFormatDateTime();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<ContactFormValues>();
  const create = useCreateContact();
  const update = useUpdateContact();
  const remove = useDeleteContact();
  const colleagues = useCustomerContacts(customerId);
  const readOnly = contact !== null && !contact.can.edit;
  const [writing, setWriting] = useState(false);
  const canAssign = me.permissions.includes('customers.assign');
  const probe = {
    phone: Form.useWatch('phone', form),
    email: Form.useWatch('email', form),
    ...(contact ? { excludeId: contact.id } : {}),
  };
  const duplicates = useContactDuplicateCheck(probe, !readOnly);
  const matches = duplicates.data ?? [];
  const others = (colleagues.data ?? []).filter((c) => c.id !== contact?.id);
  const managers = others.filter((c) => !contact || !wouldLoop(colleagues.data ?? [], contact.id, c.id));

  const submit = (values: ContactFormValues) => {
    const onError = (error: unknown) => {
      handleError(error, form);
      if (isVersionConflict(error)) onDone();
    };
    if (contact) {
      const body = changedContactBody(contact, values, canAssign);
      if (Object.keys(body).length === 0) return onDone();
      update.mutate(
        { id: contact.id, version: contact.version, ...body },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onDone();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { customerId, ...contactBody(values), ...(values.ownerId ? { ownerId: values.ownerId } : {}) },
      {
        onSuccess: (created) => {
          void message.success(t('customers.contacts.created', { name: created.name }));
          onDone();
        },
        onError,
      },
    );
  };

  const phoneList = (name: 'phones' | 'emails') => (
    <Form.List name={name}>
      {(fields, { add, remove: drop }) => (
        <Form.Item label={t(`customers.contacts.${name}`)}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <Space.Compact key={field.key} style={{ width: '100%' }}>
                <Form.Item name={field.name} noStyle rules={name === 'emails' ? [rules.email] : []}>
                  <Input
                    maxLength={name === 'emails' ? 254 : 50}
                    inputMode={name === 'emails' ? 'email' : 'tel'}
                  />
                </Form.Item>
                {!readOnly && (
                  <Button
                    icon={<MinusCircleOutlined />}
                    aria-label={t('customers.contacts.remove')}
                    onClick={() => drop(field.name)}
                  />
                )}
              </Space.Compact>
            ))}
            {!readOnly && fields.length < 10 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                {t(name === 'phones' ? 'customers.contacts.addPhone' : 'customers.contacts.addEmail')}
              </Button>
            )}
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );

  return (
    <Form<ContactFormValues>
      form={form}
      layout="vertical"
      initialValues={contactValuesOf(contact)}
      disabled={readOnly}
      onFinish={submit}
    >
      {contact && (
        <Typography.Paragraph type="secondary">
          {t('customers.contacts.customer')}:{' '}
          <Link to={`/customers/${contact.customerId}`}>{contact.customerName}</Link>
          {' · '}
          {t('customers.contacts.lastActivity')}: {formatDateTime(contact.lastActivityAt)}
        </Typography.Paragraph>
      )}
      {matches.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.duplicates.found', { count: matches.length })}
          description={
            <RecordMatchList
              matches={matches}
              newTab
              mergeInto={contact ? { kind: 'contact', id: contact.id } : undefined}
            />
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('customers.contacts.name')} rules={[rules.required]}>
            <Input maxLength={100} autoFocus={!contact} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('customers.contacts.title_')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="department" label={t('customers.contacts.department')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="reportsToId" label={t('customers.contacts.reportsTo')}>
            <Select
              allowClear
              placeholder={t('customers.contacts.nobody')}
              showSearch={{ optionFilterProp: 'label' }}
              loading={colleagues.isPending}
              options={managers.map((c) => ({
                value: c.id,
                label: c.title ? `${c.name} · ${c.title}` : c.name,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="role" label={t('customers.contacts.role')}>
            <Select
              allowClear
              placeholder={t('customers.map.noRole')}
              options={DECISION_ROLES.map((r) => ({ value: r, label: t(`customers.role.${r}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="attitude" label={t('customers.contacts.attitude')}>
            <Radio.Group
              optionType="button"
              options={ATTITUDES.map((a) => ({ value: a, label: t(`customers.attitude.${a}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('customers.contacts.phone')}>
            <Input maxLength={50} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('customers.contacts.email')} rules={[rules.email]}>
            <Input maxLength={254} inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {phoneList('phones')}
        </Col>
        <Col xs={24} md={12}>
          {phoneList('emails')}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="wechat" label={t('customers.contacts.wechat')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="tags" label={t('customers.contacts.tags')}>
            <TagSelect />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="preferences"
            label={t('customers.contacts.preferences')}
            extra={t('customers.contacts.preferencesHint')}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="notes" label={t('customers.contacts.notes')}>
            <Input.TextArea rows={3} maxLength={10_000} />
          </Form.Item>
        </Col>
        {canAssign && (
          <Col xs={24} md={12}>
            <Form.Item name="ownerId" label={t('customers.contacts.owner')}>
              <UserSelect<string | undefined>
                allowClear
                knownUsers={contact?.ownerId ? [{ id: contact.ownerId, name: contact.ownerName ?? '' }] : []}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <CustomFieldInputs object="contact" />
      {!readOnly && (
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {contact ? t('common.save') : t('common.create')}
          </Button>
          <Button htmlType="button" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          {contact?.email && (
            <Button icon={<MailOutlined />} onClick={() => setWriting(true)}>
              {t('email.action')}
            </Button>
          )}
          {contact?.can.delete && (
            <Popconfirm
              title={t('customers.contacts.deleteConfirm', { name: contact.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove
                  .mutateAsync(contact.id)
                  .then(onDone)
                  .catch((error: unknown) => handleError(error))
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <EmailComposeModal contact={writing ? contact : null} onClose={() => setWriting(false)} />
    </Form>
  );
}
