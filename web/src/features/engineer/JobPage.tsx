// One job on the engineer's phone: the facts, then the next step as a big
// button or a short form. Works offline from the phone's store; steps taken
// offline wait in the outbox and show as done meanwhile.
import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { hasCode, splitByField, type Problem } from '../../components/errors';
import { FAULT_CATEGORY, SEVERITY, label } from '../../components/labels';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { JobDocument } from '../../gql/graphql';
import { addressOf, phoneOf } from './JobCard';
import { JobCountdown } from './JobCountdown';
import { engineerMessages } from './messages';
import { replacedPartName } from './catalogue';
import { OutboxPanel } from './OutboxPanel';
import { queueOf, withOutbox, type OutboxAction } from './outbox';
import { RepairForm, useKeptCatalogue } from './RepairForm';
import { SignOffForm } from './SignOffForm';
import { useJobFeed } from './useFeed';
import { useField, useOutboxSync } from './useField';
import { useStep } from './useStep';

function subscribeOnline(notify: () => void) {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

const when = (at: string | null | undefined) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

export default function JobPage() {
  const { id = '' } = useParams();
  const t = useT(engineerMessages);
  const { locale } = useLocale();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const { field, snapshot } = useField();
  const sync = useOutboxSync(field);
  const step = useStep(field, sync);
  const [{ data, error, fetching }, refetch] = useQuery({ query: JobDocument, variables: { id } });
  useJobFeed(field, id);
  useKeptCatalogue(field, online);
  const [general, setGeneral] = useState<{ lines: string[]; conflict: boolean }>({ lines: [], conflict: false });

  useEffect(() => {
    if (data?.ticket) void field.saveJob(data.ticket);
  }, [data, field]);
  const reload = useCallback(() => {
    setGeneral({ lines: [], conflict: false });
    refetch({ requestPolicy: 'network-only' });
  }, [refetch]);

  const known = snapshot.jobs[id];
  if (!known) {
    if (fetching || !snapshot.loaded) return <Spin style={{ display: 'block', margin: 48 }} />;
    const text = hasCode(error, 'NETWORK') ? t('notCached') : t('notFound');
    return <Result status="warning" title={text} extra={<Link to="/my/jobs">{t('back')}</Link>} />;
  }
  const job = withOutbox(known, snapshot.outbox);
  const queue = queueOf(snapshot.outbox, id);
  const address = addressOf(job);
  const phone = phoneOf(job);

  const take = async (action: OutboxAction): Promise<Problem[]> => {
    setGeneral({ lines: [], conflict: false });
    return step(known, action);
  };
  const onGeneral = (problems: Problem[], lines: string[]) =>
    setGeneral({ lines, conflict: problems.some((p) => p.code === 'CONFLICT') });
  const blocked = queue.some((item) => item.problem);

  let next;
  if (job.status === 'DISPATCHED') {
    next = (
      <Button
        type="primary"
        size="large"
        block
        style={{ height: 56, fontSize: 18 }}
        data-testid="job-arrive"
        disabled={blocked}
        onClick={async () => {
          // No fields here: every problem goes above the button.
          const problems = await take({ kind: 'ARRIVE', at: new Date().toISOString() });
          onGeneral(problems, splitByField(problems, [], locale).general);
        }}
      >
        {t('arrive')}
      </Button>
    );
  } else if (job.status === 'ON_SITE') {
    next = (
      <Card size="small" title={t('repairTitle')}>
        <RepairForm job={job} field={field} snapshot={snapshot} online={online} take={take} onGeneral={onGeneral} />
      </Card>
    );
  } else if (job.status === 'REPAIRED') {
    next = (
      <Card size="small" title={t('signOffTitle')}>
        <SignOffForm defaultName={job.contactName} take={take} onGeneral={onGeneral} />
      </Card>
    );
  } else {
    const signed = job.repairRecord?.customerSignedName;
    next = (
      <Result
        status="success"
        title={t('done')}
        subTitle={signed ? t('doneSigned', { name: signed, at: when(job.repairRecord?.customerSignedAt) }) : undefined}
      />
    );
  }

  const causeName = (code: string) => snapshot.catalogue.causes.find((c) => c.code === code)?.name ?? code;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 720 }}>
      <Link to="/my/jobs">
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      {!data && error && <Alert type="info" showIcon title={t('cachedAt')} />}
      <OutboxPanel field={field} items={queue} onSend={sync} onReload={reload} />
      <Card size="small">
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {job.number}
          </Typography.Title>
          <span data-testid="job-status">
            <TicketStatusTag status={job.status} />
          </span>
          <JobCountdown job={job} />
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'customer', label: t('customer'), children: job.customer?.name ?? '—' },
            { key: 'address', label: t('address'), children: address ?? '—' },
            {
              key: 'contact',
              label: t('contact'),
              children: phone ? (
                <a href={`tel:${phone}`}>
                  <PhoneOutlined /> {job.contactName ? `${job.contactName} ` : ''}
                  {phone}
                </a>
              ) : (
                job.contactName ?? '—'
              ),
            },
            {
              key: 'unit',
              label: t('unit'),
              children: job.unit ? `${job.unit.serialNumber}${job.unit.model ? ` · ${job.unit.model.name}` : ''}` : '—',
            },
            { key: 'fault', label: t('fault'), children: job.faultDescription, span: 'filled' as const },
            { key: 'category', label: t('category'), children: label(FAULT_CATEGORY, job.faultCategory, locale) },
            { key: 'severity', label: t('severity'), children: label(SEVERITY, job.severity, locale) },
            { key: 'appointment', label: t('appointment'), children: when(job.appointmentAt) },
            { key: 'due', label: t('onSiteBy'), children: when(job.deadlines.arrivalDueAt) },
          ]}
        />
      </Card>
      {job.repairRecord && job.status !== 'ON_SITE' && (
        <Card size="small" title={t('repairTitle')}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'cause', label: t('faultCause'), children: causeName(job.repairRecord.faultCause) },
              { key: 'measures', label: t('measures'), children: job.repairRecord.measures },
              {
                key: 'parts',
                label: t('parts'),
                children: job.repairRecord.parts.length
                  ? job.repairRecord.parts.map((p) => `${replacedPartName(p, snapshot.catalogue.parts)} × ${p.quantity}`).join(locale === 'zh' ? '、' : ', ')
                  : '—',
              },
              { key: 'hours', label: t('labourHours'), children: job.repairRecord.labourHours },
            ]}
          />
        </Card>
      )}
      {general.lines.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={general.lines.join(' ')}
          action={
            general.conflict ? (
              <Button size="small" onClick={reload}>
                {t('reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      {next ?? <Empty />}
    </Space>
  );
}
