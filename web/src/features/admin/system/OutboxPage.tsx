// The notification outbox: messages by state, channel, kind and recipient,
// oldest first, page by page by the API's cursors (filters and page in the
// URL). A dead message shows why its last attempt failed and can be sent
// again.
import { Alert, App, Button, Card, Descriptions, Flex, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { label, options } from '../../../components/labels';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { OutboxDocument, ResendNotificationDocument, type OutboxMessageFragment } from '../../../gql/graphql';
import { NOTIFICATION_CHANNEL, NOTIFICATION_STATUS, STATUS_COLOR } from './labels';
import { systemMessages } from './messages';
import { outboxVariables, outboxViewToParams, parseOutboxView, withFilter, type OutboxView } from './outbox';
import './system.css';

const PAGE = 50;

function Details({ message }: { message: OutboxMessageFragment }) {
  const t = useT(systemMessages);
  const { locale } = useLocale();
  const time = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB') : '—');
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="outbox-details"
      items={[
        ...(message.lastError
          ? [
              {
                key: 'error',
                label: t('lastError'),
                children: (
                  <Typography.Text type="danger" className="system-break" data-testid="outbox-error">
                    {message.lastError}
                  </Typography.Text>
                ),
              },
            ]
          : []),
        ...(message.subject ? [{ key: 'subject', label: t('subject'), children: message.subject }] : []),
        {
          key: 'body',
          label: t('body'),
          children: <Typography.Text className="outbox-body">{message.body}</Typography.Text>,
        },
        { key: 'next', label: t('nextAttempt'), children: time(message.nextAttemptAt) },
        { key: 'sent', label: t('sentAt'), children: time(message.sentAt) },
      ]}
    />
  );
}

export default function OutboxPage() {
  const t = useT(systemMessages);
  const { locale } = useLocale();
  const { modal, message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseOutboxView(params), [params]);
  const trail = useRef<(string | null)[]>([]);
  const [template, setTemplate] = useState(view.template);
  const [recipient, setRecipient] = useState(view.recipient);
  const filter = (change: Partial<Omit<OutboxView, 'after'>>) => {
    trail.current = [];
    setParams(outboxViewToParams(withFilter(view, change)));
  };
  const page = (after: string | null) => setParams(outboxViewToParams({ ...view, after }));

  const variables = useMemo(() => outboxVariables(view, PAGE), [view]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: OutboxDocument, variables });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const [, resend] = useMutation(ResendNotificationDocument);
  const rows = data?.notifications.nodes ?? [];
  const info = data?.notifications.pageInfo;
  const time = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB');

  const confirmResend = (item: OutboxMessageFragment) =>
    modal.confirm({
      title: t('resendTitle'),
      content: t('resendBody'),
      okText: t('resend'),
      cancelText: t('cancel'),
      okButtonProps: { ...({ 'data-testid': 'resend-confirm' } as object) },
      onOk: async () => {
        const result = await resend({ id: item.id });
        const problems = problemsOf(result.error);
        if (problems.length > 0) {
          message.error(problems.map((p) => sentence(p, locale)).join(' '));
          refetch({ requestPolicy: 'network-only' });
          return;
        }
        message.success(t('resent'));
      },
    });

  const statusTag = (item: OutboxMessageFragment) => (
    <Tag color={STATUS_COLOR[item.status]} data-testid="outbox-status" data-status={item.status}>
      {label(NOTIFICATION_STATUS, item.status, locale)}
    </Tag>
  );
  const resendButton = (item: OutboxMessageFragment) =>
    item.status === 'DEAD' ? (
      <Button size="small" danger data-testid="outbox-resend" onClick={() => confirmResend(item)}>
        {t('resend')}
      </Button>
    ) : null;

  return (
    <Card
      title={t('outboxTitle')}
      extra={
        data && (
          <Typography.Text type="secondary" data-testid="outbox-total">
            {t('total', { count: data.notifications.totalCount })}
          </Typography.Text>
        )
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap vertical={phone}>
          <Select<string>
            data-testid="outbox-status-filter"
            style={{ width: phone ? '100%' : 170 }}
            value={view.status ?? ''}
            options={[{ value: '', label: t('allStates') }, ...options(NOTIFICATION_STATUS, locale)]}
            onChange={(value) => filter({ status: (value || null) as OutboxView['status'] })}
          />
          <Select<string>
            data-testid="outbox-channel-filter"
            style={{ width: phone ? '100%' : 130 }}
            value={view.channel ?? ''}
            options={[{ value: '', label: t('allChannels') }, ...options(NOTIFICATION_CHANNEL, locale)]}
            onChange={(value) => filter({ channel: (value || null) as OutboxView['channel'] })}
          />
          <Input.Search
            style={{ width: phone ? '100%' : 200 }}
            placeholder={t('template')}
            value={template}
            allowClear
            onChange={(event) => setTemplate(event.target.value)}
            onSearch={(value) => filter({ template: value.trim() })}
          />
          <Input.Search
            style={{ width: phone ? '100%' : 220 }}
            placeholder={t('recipient')}
            value={recipient}
            allowClear
            onChange={(event) => setRecipient(event.target.value)}
            onSearch={(value) => filter({ recipient: value.trim() })}
          />
          {(view.status || view.channel || view.template || view.recipient) && (
            <Button
              onClick={() => {
                setTemplate('');
                setRecipient('');
                filter({ status: null, channel: null, template: '', recipient: '' });
              }}
            >
              {t('clear')}
            </Button>
          )}
        </Flex>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
          />
        )}
        <Table<OutboxMessageFragment>
          rowKey="id"
          size={phone ? 'small' : 'middle'}
          dataSource={rows}
          loading={fetching && !data}
          pagination={false}
          locale={{ emptyText: t('empty') }}
          showHeader={!phone}
          tableLayout="fixed"
          onRow={(item) => ({ 'data-testid': 'outbox-row', 'data-status': item.status }) as object}
          expandable={{
            expandedRowRender: (item) => <Details message={item} />,
            rowExpandable: () => true,
          }}
          columns={
            phone
              ? [
                  {
                    key: 'card',
                    render: (_, item) => (
                      <Flex vertical gap={4}>
                        <Space wrap size={4}>
                          {statusTag(item)}
                          <Tag>{label(NOTIFICATION_CHANNEL, item.channel, locale)}</Tag>
                          <Typography.Text type="secondary">{item.template}</Typography.Text>
                        </Space>
                        <Typography.Text className="system-break">{item.recipient}</Typography.Text>
                        <Typography.Text type="secondary">
                          {time(item.createdAt)} · {t('attempts')} {item.attempts}
                        </Typography.Text>
                        {resendButton(item)}
                      </Flex>
                    ),
                  },
                ]
              : [
                  { title: t('state'), key: 'status', width: 150, render: (_, item) => statusTag(item) },
                  {
                    title: t('channel'),
                    dataIndex: 'channel',
                    width: 80,
                    render: (_, item) => label(NOTIFICATION_CHANNEL, item.channel, locale),
                  },
                  { title: t('template'), dataIndex: 'template', width: 190, ellipsis: true },
                  {
                    title: t('recipient'),
                    dataIndex: 'recipient',
                    ellipsis: true,
                  },
                  { title: t('attempts'), dataIndex: 'attempts', width: 90 },
                  { title: t('createdAt'), dataIndex: 'createdAt', width: 180, render: time },
                  { title: '', key: 'resend', width: 110, render: (_, item) => resendButton(item) },
                ]
          }
        />
        <Flex justify="flex-end" gap={8} wrap>
          <Button
            disabled={!view.after}
            onClick={() => {
              trail.current = [];
              page(null);
            }}
          >
            {t('first')}
          </Button>
          <Button data-testid="outbox-prev" disabled={!view.after} onClick={() => page(trail.current.pop() ?? null)}>
            {t('prev')}
          </Button>
          <Button
            data-testid="outbox-next"
            disabled={!info?.hasNextPage}
            onClick={() => {
              trail.current.push(view.after);
              page(info?.endCursor ?? null);
            }}
          >
            {t('next')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
