import type { Locale } from '@contracts/common';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { LocaleSelect } from '../../shared/locale-select';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useSession } from '../auth/use-session';
import { useUpdateMe } from './use-update-me';

type ProfileValues = { name: string; locale: Locale; timeZone: string | null };

export function ProfileForm() {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<ProfileValues>();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const update = useUpdateMe();
  const save = (values: ProfileValues) =>
    update.mutate(
      { ...values, timeZone: values.timeZone ?? null },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => handleError(error, form),
      },
    );
  return (
    <Card title={t('profile.details')} style={{ maxWidth: 560, marginBottom: 24 }}>
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: me.user.name,
          locale: me.user.locale ?? me.tenant.defaultLocale,
          timeZone: me.user.timeZone,
        }}
        onFinish={save}
      >
        <Form.Item label={t('fields.email')}>
          <Input value={me.user.email} disabled />
        </Form.Item>
        <Form.Item name="name" label={t('fields.name')} rules={[rules.required]}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="locale" label={t('language.label')}>
          <LocaleSelect />
        </Form.Item>
        <Form.Item name="timeZone" label={t('fields.timeZone')}>
          <TimeZoneSelect
            allowClear
            placeholder={t('shell.companyTimeZone', { timeZone: me.tenant.timeZone })}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
