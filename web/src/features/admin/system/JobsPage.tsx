// The background workers' queues (ADMIN): per queue its figures (pending,
// running, done, failed …), the workers polling it and the latest jobs,
// refreshed every few seconds while the page is open.
import { Alert, Button, Card, Empty, Flex, Grid, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { JobQueuesDocument, type JobQueuesQuery } from '../../../gql/graphql';
import { systemMessages } from './messages';
import { compactArgs, humanize, isAlarming, isAlive, isKnown, orderStats, statusColor } from './queues';
import './system.css';

type Queue = JobQueuesQuery['jobQueues'][number];
type Job = Queue['recent'][number];

const EVERY_SECONDS = 5;
const JOB_STATUSES = ['Pending', 'Running', 'Done', 'Failed', 'Killed'] as const;

function QueueCard({ queue, phone, now }: { queue: Queue; phone: boolean; now: number }) {
  const t = useT(systemMessages);
  const { locale } = useLocale();
  const time = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB') : '—');
  const status = (value: string) => (
    <Tag color={statusColor(value)}>
      {(JOB_STATUSES as readonly string[]).includes(value) ? t(`status_${value as (typeof JOB_STATUSES)[number]}`) : value}
    </Tag>
  );
  const title = queue.name === 'sweep' || queue.name === 'deliver' ? t(`queue_${queue.name}`) : queue.name;

  return (
    <Card
      type="inner"
      title={title}
      extra={<Typography.Text type="secondary">{t('backend', { backend: queue.backend })}</Typography.Text>}
      data-testid="job-queue"
      data-queue={queue.name}
    >
      <Flex vertical gap={16}>
        <Flex wrap gap={phone ? 16 : 32}>
          {orderStats(queue.stats).map((stat) => (
            <Statistic
              key={stat.name}
              data-testid={`job-stat-${stat.name}`}
              title={isKnown(stat.name) ? t(stat.name) : humanize(stat.name)}
              value={stat.value}
              styles={{ content: isAlarming(stat) ? { color: '#cf1322' } : undefined }}
            />
          ))}
        </Flex>
        <div>
          <Typography.Title level={5}>{t('workers')}</Typography.Title>
          {queue.workers.length === 0 ? (
            <Typography.Text type="secondary">{t('noWorkers')}</Typography.Text>
          ) : (
            <Flex vertical gap={4}>
              {queue.workers.map((worker) => (
                <Space key={worker.name} wrap size={8}>
                  <Tag color={isAlive(worker.lastHeartbeat, now) ? 'green' : 'default'}>
                    {isAlive(worker.lastHeartbeat, now) ? t('alive') : t('silent')}
                  </Tag>
                  <Typography.Text code className="system-break">
                    {worker.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('heartbeat', { time: time(worker.lastHeartbeat) })}
                    {worker.startedAt ? ` · ${t('started', { time: time(worker.startedAt) })}` : ''}
                  </Typography.Text>
                </Space>
              ))}
            </Flex>
          )}
        </div>
        <div>
          <Typography.Title level={5}>{t('recent')}</Typography.Title>
          {phone ? (
            <Flex vertical gap={8}>
              {queue.recent.length === 0 && <Typography.Text type="secondary">{t('noRecent')}</Typography.Text>}
              {queue.recent.map((job) => (
                <Flex key={`${job.status}-${job.id}`} vertical gap={4} className="system-job" data-testid="job-row">
                  <Space wrap>
                    {status(job.status)}
                    <Typography.Text type="secondary">
                      {t('attempt')} {job.attempt} · {time(job.runAt)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text code className="system-break">
                    {compactArgs(job.args)}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          ) : (
            <Table<Job>
              size="small"
              rowKey={(job) => `${job.status}-${job.id}`}
              dataSource={queue.recent}
              pagination={false}
              locale={{ emptyText: t('noRecent') }}
              onRow={() => ({ 'data-testid': 'job-row' }) as object}
              tableLayout="fixed"
              columns={[
                { title: t('jobStatus'), dataIndex: 'status', width: 110, render: status },
                { title: t('attempt'), dataIndex: 'attempt', width: 80 },
                { title: t('runAt'), dataIndex: 'runAt', width: 190, render: time },
                {
                  title: t('args'),
                  dataIndex: 'args',
                  render: (args: string) => (
                    <Typography.Text code className="system-break">
                      {compactArgs(args)}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('jobId'),
                  dataIndex: 'id',
                  width: 240,
                  render: (id: string) => (
                    <Typography.Text type="secondary" className="system-break">
                      {id}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}

export default function JobsPage() {
  const t = useT(systemMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const [{ data, error, fetching }, refetch] = useQuery({ query: JobQueuesDocument, variables: { recent: 20 } });
  const [live, setLive] = useState(true);
  const [refreshedAt, setRefreshedAt] = useState(() => Date.now());

  const refresh = useCallback(() => {
    setRefreshedAt(Date.now());
    refetch({ requestPolicy: 'network-only' });
  }, [refetch]);
  useSignedInAgain(refresh);
  // Refreshes while the page is open and the refresh is on.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(refresh, EVERY_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [live, refresh]);

  const clock = new Date(refreshedAt).toLocaleTimeString(locale === 'zh' ? 'zh-CN' : 'en-GB');

  return (
    <Card
      title={t('jobsTitle')}
      extra={
        <Space wrap>
          {!phone && (
            <Typography.Text type="secondary" data-testid="jobs-refreshed">
              {live ? t('refreshing', { seconds: EVERY_SECONDS }) : ''} {t('refreshedAt', { time: clock })}
            </Typography.Text>
          )}
          <Button size="small" onClick={() => setLive((on) => !on)} data-testid="jobs-live">
            {live ? t('pause') : t('resume')}
          </Button>
          <Button size="small" loading={fetching} onClick={refresh}>
            {t('refresh')}
          </Button>
        </Space>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={16}>
        {phone && (
          <Typography.Text type="secondary">
            {t('refreshedAt', { time: clock })}
          </Typography.Text>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={refresh}>{t('retry')}</Button>}
          />
        )}
        {data?.jobQueues.length === 0 && <Empty />}
        {data?.jobQueues.map((queue) => (
          <QueueCard key={queue.name} queue={queue} phone={phone} now={refreshedAt} />
        ))}
      </Flex>
    </Card>
  );
}
