import type { Clause, Contract, ContractDiff } from '@contracts/contracts.contract';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { useErrorHandler } from '../../shared/use-error-handler';
import { UserSelect } from '../../shared/user-select';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { ContractCashPanel } from '../receivables/contract-cash-panel';
import { ContractLifecycleActions } from './contract-lifecycle-actions';
import { ContractStatusTag } from './contract-status-tag';
import { PaperSigningButton } from './paper-signing-button';
import {
  useAssignHandover,
  useContract,
  useContractDiff,
  useContractVersions,
  useCountersign,
  useCustomerRevision,
  useHandover,
  usePatchHandover,
  usePutClauses,
  useReviewContract,
  useSendForSignature,
  useSubmitContract,
  verifyFile,
} from './use-contracts';

/** One contract: clauses, versions and diff, legal review, signing, handover. */
export function ContractPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const contract = useContract(id);
  if (contract.isError) return <ErrorAlert error={contract.error} />;
  const c = contract.data;
  if (!c) return null;
  return (
    <>
      <PageTitle
        extra={
          <Flex gap={8} align="center" wrap>
            <ContractStatusTag status={c.status} />
            <ContractLifecycleActions contract={c} />
          </Flex>
        }
      >
        {c.number} · {c.title}
      </PageTitle>
      {c.status === 'terminated' && c.terminatedReason && (
        <Alert
          type="warning"
          showIcon
          title={t('contracts.lifecycle.terminatedBecause', { reason: c.terminatedReason })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('contracts.customer')}>{c.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('contracts.amount')}>
          {formatMoney(c.amountMinor, c.currency)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.owner')}>{c.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('contracts.term')}>
          {c.startsOn ?? '…'} – {c.endsOn ?? '…'}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.deliveryDueOn')}>{c.deliveryDueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('contracts.versionNo')}>
          {t('contracts.versionLabel', { n: c.currentVersionNo })}
          {c.approvedVersionNo ? ` · ${t('contracts.approvedLabel', { n: c.approvedVersionNo })}` : ''}
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'clauses', label: t('contracts.tabClauses'), children: <ClausesPanel contract={c} /> },
          { key: 'versions', label: t('contracts.tabVersions'), children: <VersionsPanel contract={c} /> },
          { key: 'review', label: t('contracts.tabReview'), children: <ReviewPanel contract={c} /> },
          { key: 'signing', label: t('contracts.tabSigning'), children: <SigningPanel contract={c} /> },
          { key: 'handover', label: t('contracts.tabHandover'), children: <HandoverPanel contract={c} /> },
          { key: 'cash', label: t('receivables.cashTab'), children: <ContractCashPanel contractId={c.id} /> },
        ]}
      />
    </>
  );
}

function ClausesPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const [clauses, setClauses] = useState<Clause[]>(contract.clauses);
  const [note, setNote] = useState('');
  const [customer, setCustomer] = useState(false);
  useEffect(() => setClauses(contract.clauses), [contract.clauses]);
  const save = usePutClauses(contract.id);
  const revise = useCustomerRevision(contract.id);
  const submit = useSubmitContract(contract.id);
  const onError = useErrorHandler();
  const editable = contract.can.edit || contract.can.review || customer;
  const set = (i: number, patch: Partial<Clause>) =>
    setClauses((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const onSave = () => {
    const mutation = customer ? revise : save;
    mutation.mutate({ clauses, note }, { onSuccess: () => setNote(''), onError: (e) => onError(e) });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {['draft', 'in_review', 'approved', 'sent'].includes(contract.status) && (
        <Checkbox checked={customer} onChange={(e) => setCustomer(e.target.checked)}>
          {t('contracts.customerChanges')}
        </Checkbox>
      )}
      {clauses.map((clause, i) => (
        <Card key={clause.key} size="small" title={`${i + 1}. ${clause.title}`}>
          {editable ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input
                value={clause.title}
                maxLength={200}
                onChange={(e) => set(i, { title: e.target.value })}
              />
              <Input.TextArea
                value={clause.body}
                autoSize={{ minRows: 2, maxRows: 12 }}
                onChange={(e) => set(i, { body: e.target.value })}
              />
            </Space>
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }}>
              {clause.body}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
      {editable && (
        <Flex gap={8} wrap>
          <Input
            placeholder={t('contracts.versionNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 320 }}
          />
          <Button type="primary" loading={save.isPending || revise.isPending} onClick={onSave}>
            {customer ? t('contracts.saveCustomer') : t('contracts.saveVersion')}
          </Button>
          {contract.can.edit && (
            <Button
              loading={submit.isPending}
              onClick={() => submit.mutate({ version: contract.version }, { onError: (e) => onError(e) })}
            >
              {t('contracts.submit')}
            </Button>
          )}
        </Flex>
      )}
    </Space>
  );
}

function VersionsPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const versions = useContractVersions(contract.id);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const diff = useContractDiff(contract.id, from, to);
  const options = (versions.data ?? []).map((v) => ({
    value: v.versionNo,
    label: t('contracts.versionLabel', { n: v.versionNo }),
  }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="versionNo"
        size="small"
        pagination={false}
        loading={versions.isLoading}
        dataSource={versions.data ?? []}
        columns={[
          { key: 'no', title: '#', render: (_, v) => t('contracts.versionLabel', { n: v.versionNo }) },
          {
            key: 'source',
            title: t('contracts.source'),
            render: (_, v) => t(`contracts.sourceName.${v.source}`),
          },
          { key: 'note', title: t('contracts.versionNote'), dataIndex: 'note' },
          { key: 'at', title: t('contracts.createdAt'), dataIndex: 'createdAt' },
          {
            key: 'flags',
            title: '',
            render: (_, v) => (
              <>
                {v.approved && <Tag color="cyan">{t('contracts.approved')}</Tag>}
                {v.signed && <Tag color="green">{t('contracts.signed')}</Tag>}
                {v.pdfSha256 && (
                  <a href={`/api/v1/contracts/${contract.id}/pdf?version=${v.versionNo}`}>
                    {t('contracts.pdf')}
                  </a>
                )}
              </>
            ),
          },
        ]}
      />
      <Flex gap={8} align="center">
        <Select
          placeholder={t('contracts.diffFrom')}
          style={{ width: 140 }}
          options={options}
          value={from}
          onChange={setFrom}
        />
        <Select
          placeholder={t('contracts.diffTo')}
          style={{ width: 140 }}
          options={options}
          value={to}
          onChange={setTo}
        />
      </Flex>
      {diff.data && <DiffView diff={diff.data} />}
    </Space>
  );
}

function DiffView({ diff }: { diff: ContractDiff }) {
  const { t } = useTranslation();
  if (diff.clauses.length === 0) return <Alert type="info" title={t('contracts.noChanges')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {diff.clauses.map((d) => (
        <Card
          key={d.key}
          size="small"
          title={
            <>
              <Tag>{t(`contracts.change.${d.change}`)}</Tag>
              {d.titleTo ?? d.titleFrom}
              {d.titleFrom && d.titleTo && d.titleFrom !== d.titleTo ? ` (${d.titleFrom})` : ''}
            </>
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {d.parts.map((p, i) => {
              // A diff's parts are a fixed sequence: their position is their identity.
              const key = `${i}:${p.op}`;
              if (p.op === 'same') return <span key={key}>{p.text}</span>;
              if (p.op === 'added') {
                return (
                  <ins key={key} style={{ background: '#d9f7be' }}>
                    {p.text}
                  </ins>
                );
              }
              return (
                <del key={key} style={{ background: '#ffccc7' }}>
                  {p.text}
                </del>
              );
            })}
          </Typography.Paragraph>
        </Card>
      ))}
    </Space>
  );
}

function ReviewPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const review = useReviewContract(contract.id);
  const onError = useErrorHandler();
  const [body, setBody] = useState('');
  const [clauseKey, setClauseKey] = useState<string | null>(null);
  const act = (kind: 'comment' | 'approve' | 'return') =>
    review.mutate(
      { kind, body, clauseKey, versionNo: contract.currentVersionNo },
      { onSuccess: () => setBody(''), onError: (e) => onError(e) },
    );
  const title = (key: string | null) => contract.clauses.find((c) => c.key === key)?.title ?? key;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        dataSource={contract.reviews}
        locale={{ emptyText: t('contracts.noReviews') }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  <Tag>{t(`contracts.reviewKind.${r.kind}`)}</Tag>
                  {r.authorName} · {t('contracts.versionLabel', { n: r.versionNo })}
                  {r.clauseKey ? ` · ${title(r.clauseKey)}` : ''}
                </>
              }
              description={<span style={{ whiteSpace: 'pre-line' }}>{r.body}</span>}
            />
          </List.Item>
        )}
      />
      {contract.status !== 'draft' && (
        <>
          <Select
            allowClear
            placeholder={t('contracts.onClause')}
            style={{ width: 280 }}
            value={clauseKey}
            onChange={(v) => setClauseKey(v ?? null)}
            options={contract.clauses.map((c) => ({ value: c.key, label: c.title }))}
          />
          <Input.TextArea
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t('contracts.comment')}
          />
          <Flex gap={8}>
            <Button onClick={() => act('comment')} loading={review.isPending} disabled={!body.trim()}>
              {t('contracts.addComment')}
            </Button>
            {contract.can.review && (
              <>
                <Button danger onClick={() => act('return')} disabled={!body.trim()}>
                  {t('contracts.return')}
                </Button>
                <Button type="primary" onClick={() => act('approve')}>
                  {t('contracts.approve')}
                </Button>
              </>
            )}
          </Flex>
        </>
      )}
    </Space>
  );
}

type SendValues = { signerName: string; signerEmail: string; requireCode: boolean };

function SigningPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const send = useSendForSignature(contract.id);
  const sign = useCountersign(contract.id);
  const onError = useErrorHandler();
  const [form] = Form.useForm<SendValues>();
  const [verdict, setVerdict] = useState<string | null>(null);
  const onSend = (values: SendValues) =>
    send.mutate(values, {
      onSuccess: (out) =>
        void modal.info({
          title: t('contracts.linkSent'),
          content: <Typography.Text copyable>{out.link.url}</Typography.Text>,
        }),
      onError: (e) => onError(e, form),
    });
  const onVerify = async (file: File) => {
    try {
      const r = await verifyFile(file);
      setVerdict(
        r.match
          ? t('contracts.verifyMatch', {
              number: r.number,
              version: r.versionNo,
              document: t(r.document === 'final' ? 'contracts.document.final' : 'contracts.document.signed'),
            })
          : t('contracts.verifyNoMatch'),
      );
    } catch (e) {
      onError(e);
    }
    return false;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {contract.can.send && (
        <Card size="small" title={t('contracts.sendForSignature')}>
          <Form
            form={form}
            name="sendForSignature"
            layout="inline"
            onFinish={onSend}
            initialValues={{ requireCode: true }}
          >
            <Form.Item name="signerName" rules={[{ required: true }]}>
              <Input placeholder={t('contracts.signerName')} />
            </Form.Item>
            <Form.Item name="signerEmail" rules={[{ required: true, type: 'email' }]}>
              <Input placeholder={t('contracts.signerEmail')} />
            </Form.Item>
            <Form.Item name="requireCode" label={t('contracts.requireCode')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={send.isPending}>
              {t('contracts.send')}
            </Button>
          </Form>
        </Card>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={contract.signingRequests}
        locale={{ emptyText: t('contracts.noRequests') }}
        columns={[
          {
            key: 'signer',
            title: t('contracts.signerName'),
            render: (_, r) => `${r.signerName} <${r.signerEmail}>`,
          },
          {
            key: 'status',
            title: t('contracts.status'),
            render: (_, r) => t(`contracts.requestStatus.${r.status}`),
          },
          { key: 'expires', title: t('contracts.expiresAt'), dataIndex: 'expiresAt' },
          { key: 'reason', title: t('contracts.declineReason'), dataIndex: 'declineReason' },
        ]}
      />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={contract.signatures}
        locale={{ emptyText: t('contracts.noSignatures') }}
        columns={[
          { key: 'side', title: t('contracts.side'), render: (_, s) => t(`contracts.sideName.${s.side}`) },
          { key: 'name', title: t('contracts.signerName'), dataIndex: 'signerName' },
          { key: 'at', title: t('contracts.signedAt'), dataIndex: 'signedAt' },
          { key: 'ip', title: 'IP', dataIndex: 'ip' },
          {
            key: 'sha',
            title: 'SHA-256',
            render: (_, s) => (
              <Typography.Text code copyable={{ text: s.documentSha256 }}>
                {s.documentSha256.slice(0, 16)}…
              </Typography.Text>
            ),
          },
        ]}
      />
      <Flex gap={8} wrap>
        {contract.can.countersign && (
          <Button
            type="primary"
            loading={sign.isPending}
            onClick={() =>
              sign.mutate(
                { version: contract.version },
                {
                  onSuccess: () => void message.success(t('contracts.countersigned')),
                  onError: (e) => onError(e),
                },
              )
            }
          >
            {t('contracts.countersign')}
          </Button>
        )}
        <PaperSigningButton contract={contract} />
        {contract.hasFinalPdf && (
          <Button href={`/api/v1/contracts/${contract.id}/pdf?final=true`}>{t('contracts.finalPdf')}</Button>
        )}
        <Upload accept="application/pdf" showUploadList={false} beforeUpload={(file) => onVerify(file)}>
          <Button>{t('contracts.verify')}</Button>
        </Upload>
      </Flex>
      {verdict && <Alert type="info" title={verdict} />}
    </Space>
  );
}

function HandoverPanel({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const handover = useHandover(contract.id);
  const assign = useAssignHandover(contract.id);
  const patch = usePatchHandover(contract.id);
  const onError = useErrorHandler();
  const h = handover.data;
  if (handover.isError) return <ErrorAlert error={handover.error} />;
  if (!h) return null;
  const tick = (key: string, done: boolean) =>
    patch.mutate(
      {
        version: h.version,
        items: h.items.map((i) => ({ key: i.key, done: i.key === key ? done : i.done, note: i.note })),
      },
      { onError: (e) => onError(e) },
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex gap={8} align="center">
        <Typography.Text>{t('contracts.deliveryOwner')}</Typography.Text>
        <UserSelect<string | undefined>
          style={{ width: 240 }}
          value={h.deliveryOwnerId ?? undefined}
          knownUsers={h.deliveryOwnerId ? [{ id: h.deliveryOwnerId, name: h.deliveryOwnerName ?? '' }] : []}
          disabled={h.status === 'done'}
          onChange={(v) => v && assign.mutate({ deliveryOwnerId: v }, { onError: (e) => onError(e) })}
        />
        <Tag>{t(`contracts.handoverStatus.${h.status}`)}</Tag>
        {h.delivery && (
          <Tag color="blue">
            {t(`contracts.deliveryName.${h.delivery.status}`, { defaultValue: h.delivery.status })} ·{' '}
            {h.delivery.dueOn ?? '—'}
          </Tag>
        )}
      </Flex>
      {h.status === 'pending' ? (
        <Alert type="info" title={t('contracts.handoverPending')} />
      ) : (
        <>
          {h.items.map((i) => (
            <Checkbox
              key={i.key}
              checked={i.done}
              disabled={h.status === 'done'}
              onChange={(e) => tick(i.key, e.target.checked)}
            >
              {t(`contracts.handoverItem.${i.key}`, { defaultValue: i.key })}
            </Checkbox>
          ))}
          {h.status === 'open' && (
            <Button
              type="primary"
              disabled={h.items.some((i) => !i.done)}
              onClick={() =>
                patch.mutate(
                  { version: h.version, items: [], complete: true },
                  { onError: (e) => onError(e) },
                )
              }
            >
              {t('contracts.completeHandover')}
            </Button>
          )}
        </>
      )}
    </Space>
  );
}
