// The engineer's open jobs, today's first: live while online (a job just
// dispatched appears by itself), and from the phone's store while offline.
import { Alert, Empty, Spin, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { useT } from '../../app/i18n';
import { useNow } from '../../components/clock';
import { MyJobsDocument } from '../../gql/graphql';
import { groupByDay, plannedAt } from './days';
import { OPEN_STATES } from './field';
import { JobCard } from './JobCard';
import { engineerMessages } from './messages';
import { OutboxPanel } from './OutboxPanel';
import { withOutbox, type Job } from './outbox';
import { useJobsFeed } from './useFeed';
import { useField, useOutboxSync } from './useField';

/** One column on a phone, as many as fit on a desk. */
const GRID = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 12 } as const;

export default function MyJobsPage() {
  const t = useT(engineerMessages);
  const now = useNow();
  const { field, snapshot, userId } = useField();
  const sync = useOutboxSync(field);
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyJobsDocument });
  useJobsFeed(field, userId);

  useEffect(() => {
    if (data) void field.saveList(data.tickets.nodes);
  }, [data, field]);
  // Back online: the list may have moved on meanwhile.
  useEffect(() => {
    const again = () => refetch({ requestPolicy: 'network-only' });
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [refetch]);

  const jobs = useMemo(() => {
    const pending = new Set(snapshot.outbox.map((item) => item.ticketId));
    return (snapshot.list ?? [])
      .map((id) => snapshot.jobs[id])
      .filter((job): job is Job => Boolean(job))
      .map((job) => withOutbox(job, snapshot.outbox))
      // A job signed off offline stays in sight until the office has it.
      .filter((job) => OPEN_STATES.includes(job.status) || pending.has(job.id));
  }, [snapshot]);
  const groups = groupByDay(jobs, plannedAt, now);

  if (snapshot.list === null && (fetching || !snapshot.loaded)) return <Spin style={{ display: 'block', margin: 48 }} />;
  const offline = Boolean(error) && !data;

  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('myJobs')}
      </Typography.Title>
      {offline && snapshot.list !== null && <Alert type="info" showIcon title={t('cachedAt')} style={{ marginBottom: 12 }} />}
      {snapshot.outbox.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <OutboxPanel field={field} items={snapshot.outbox} onSend={sync} />
        </div>
      )}
      {jobs.length === 0 ? (
        <Empty description={t('noJobs')} />
      ) : (
        <>
          <Typography.Title level={5}>{t('today')}</Typography.Title>
          {groups.today.length === 0 && <Typography.Text type="secondary">{t('noneToday')}</Typography.Text>}
          <div style={GRID}>
            {groups.today.map((job) => (
              <JobCard key={job.id} job={job} />
            ))}
          </div>
          {groups.next.length > 0 && (
            <>
              <Typography.Title level={5}>{t('next')}</Typography.Title>
              <div style={GRID}>
                {groups.next.map((job) => (
                  <JobCard key={job.id} job={job} />
                ))}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
