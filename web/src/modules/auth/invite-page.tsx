import { acceptInvitation, getInvitation } from '@contracts/auth.contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { call } from '../../api/http';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormRules } from '../../shared/use-form-rules';
import { useStoreMe } from './use-store-me';

type InviteValues = { name: string; password: string; confirmPassword: string };

export function InvitePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<InviteValues>();
  const storeMe = useStoreMe();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => call(getInvitation, { params: { token }, signal }),
    enabled: token.length > 0,
  });
  const mutation = useMutation({
    mutationFn: ({ name, password }: InviteValues) =>
      call(acceptInvitation, { body: { token, name, password } }),
    onSuccess: async (me) => {
      await storeMe(me);
      await navigate('/', { replace: true });
    },
    onError: (error) => handleError(error, form),
  });

  if (!token) return <Result status="warning" title={t('invite.missingToken')} />;
  if (invitation.isPending) return <Spin />;
  if (invitation.isError) return <ErrorAlert error={invitation.error} />;
  const info = invitation.data;
  return (
    <>
      <Typography.Title level={2}>{t('invite.title', { company: info.companyName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('invite.intro', { email: info.email })}</Typography.Paragraph>
      <Form<InviteValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: info.name }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="name" label={t('fields.yourName')} rules={[rules.required]}>
          <Input autoComplete="name" maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[rules.required, rules.password]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('fields.confirmPassword')}
          dependencies={['password']}
          rules={[rules.required, rules.sameAs('password')]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('invite.submit')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
