import { putContractSettings } from '@contracts/contracts.contract';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isVersionConflict } from '../../api/api-error';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { permissionLabel } from '../../shared/permission-label';
import { useErrorHandler } from '../../shared/use-error-handler';
import { UserSelect } from '../../shared/user-select';
import { useSession } from '../auth/use-session';
import { useUserNames } from '../leads/detail/use-user-names';
import { NumberPatternField } from '../quote-to-cash/number-pattern-field';
import { VersionConflictAlert } from '../quote-to-cash/version-conflict-alert';
import {
  type ContractSettingsFormValues,
  contractSettingsForm,
  contractSettingsInput,
} from './contract-settings-form';
import { useContractSettings, useSaveContractSettings } from './use-contracts';

/** /quote-to-cash/contracts/settings: contract numbering, the default delivery owner, signing link validity. */
export function ContractSettingsPage() {
  const { t } = useTranslation();
  const settings = useContractSettings();
  const data = settings.data;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Link to="/quote-to-cash/contracts">{t('contracts.backToList')}</Link>
      <PageTitle>{t('contracts.settings.title')}</PageTitle>
      <SettingsForm
        key={data.version}
        values={contractSettingsForm(data)}
        version={data.version}
        reload={settings.refetch}
        reloading={settings.isFetching}
      />
    </Flex>
  );
}

function SettingsForm({
  values,
  version,
  reload,
  reloading,
}: {
  values: ContractSettingsFormValues;
  version: number;
  reload: () => unknown;
  reloading: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const editable = me.permissions.includes(putContractSettings.permission);
  const save = useSaveContractSettings();
  const onError = useErrorHandler();
  const [form] = Form.useForm<ContractSettingsFormValues>();
  const [conflict, setConflict] = useState(false);
  const pattern = Form.useWatch('numberPattern', form) ?? values.numberPattern;
  const names = useUserNames(values.defaultDeliveryUserId ? [values.defaultDeliveryUserId] : []);
  // Only a name once read: the select keeps the first label it was given for an id.
  const knownName = values.defaultDeliveryUserId ? names.get(values.defaultDeliveryUserId) : undefined;
  const known =
    values.defaultDeliveryUserId && knownName ? [{ id: values.defaultDeliveryUserId, name: knownName }] : [];
  return (
    <Form<ContractSettingsFormValues>
      form={form}
      layout="vertical"
      initialValues={values}
      disabled={!editable}
      onFinish={(v) =>
        save.mutate(contractSettingsInput(v, version), {
          onSuccess: () => void message.success(t('common.saved')),
          onError: (error) => (isVersionConflict(error) ? setConflict(true) : onError(error, form)),
        })
      }
    >
      <Flex vertical gap={16}>
        {!editable && (
          <Alert
            type="info"
            showIcon
            title={t('quoteToCash.settings.readOnly', {
              permission: permissionLabel(t, putContractSettings.permission),
            })}
          />
        )}
        {conflict && <VersionConflictAlert onReload={() => void reload()} loading={reloading} />}
        <Card size="small">
          <NumberPatternField pattern={pattern} style={{ maxWidth: 320 }} />
          <Form.Item
            name="defaultDeliveryUserId"
            label={t('contracts.settings.defaultDeliveryUser')}
            extra={t('contracts.settings.defaultDeliveryUserHelp')}
          >
            <UserSelect<string | undefined>
              allowClear
              style={{ maxWidth: 320 }}
              knownUsers={known}
              placeholder={t('contracts.settings.nobody')}
            />
          </Form.Item>
          <Form.Item
            name="signingDays"
            label={t('contracts.settings.signingDays')}
            extra={t('contracts.settings.signingDaysHelp')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={90} precision={0} suffix={t('quotes.settings.days')} />
          </Form.Item>
        </Card>
        {editable && (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </Flex>
    </Form>
  );
}
