// The return-visit work list: what is overdue first, then what is due, each
// with its ticket, who to call and the deadline counting down; recording a
// visit (and the complaint or rework of a dissatisfied one) is one dialog.
// Filters and page live in the URL.
import { Alert, App, Button, Card, Checkbox, Flex, Grid, Segmented, Select, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession, hasAnyRole } from '../../app/session';
import { useNow } from '../../components/clock';
import { problemsOf, sentence } from '../../components/errors';
import { pagingOf } from '../../components/paging';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { VisitWorkListDocument, type WorkVisitFragment } from '../../gql/graphql';
import { CareScheduleModal } from './CareScheduleModal';
import { visitMessages } from './messages';
import { RecordVisitModal, type Recorded } from './RecordVisitModal';
import { VisitCards } from './VisitCards';
import { VisitTable } from './VisitTable';
import { KINDS, parseView, SCOPES, toVariables, viewToParams, withChange, type VisitView } from './view';

type Recordable = WorkVisitFragment & { ticket: NonNullable<WorkVisitFragment['ticket']> };

function Filters({ view, onChange, phone }: { view: VisitView; onChange: (change: Partial<VisitView>) => void; phone: boolean }) {
  const t = useT(visitMessages);
  return (
    <Flex wrap gap={8} align={phone ? 'stretch' : 'center'} vertical={phone}>
      {phone ? (
        // Four long choices do not fit a phone's width side by side.
        <Select<VisitView['scope']>
          data-testid="visits-scope"
          value={view.scope}
          options={SCOPES.map((scope) => ({ value: scope, label: t(`scope_${scope}`) }))}
          onChange={(scope) => onChange({ scope })}
        />
      ) : (
        <Segmented<VisitView['scope']>
          data-testid="visits-scope"
          value={view.scope}
          options={SCOPES.map((scope) => ({ value: scope, label: t(`scope_${scope}`) }))}
          onChange={(scope) => onChange({ scope })}
        />
      )}
      <Select
        data-testid="visits-kind"
        allowClear
        placeholder={t('filterKind')}
        style={{ minWidth: 180, width: phone ? '100%' : undefined }}
        value={view.kind ?? undefined}
        options={KINDS.map((kind) => ({ value: kind, label: t(`kind_${kind}`) }))}
        onChange={(kind?: VisitView['kind']) => onChange({ kind: kind ?? null })}
      />
      <Tooltip title={t('filterMineHint')}>
        <Checkbox data-testid="visits-mine" checked={view.mine} onChange={(e) => onChange({ mine: e.target.checked })}>
          {t('filterMine')}
        </Checkbox>
      </Tooltip>
    </Flex>
  );
}

export default function VisitsPage() {
  const t = useT(visitMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const { message } = App.useApp();
  const user = getSession()?.user;
  const userId = user?.id;
  // Care plans are the service managers' (scheduleCareVisits).
  const plansCare = hasAnyRole(user, ['SERVICE_MANAGER']);
  const [planning, setPlanning] = useState(false);

  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  // Two quick changes both count, even before the router renders the first.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);
  const change = useCallback(
    (next: Partial<VisitView>) => {
      const updated = viewToParams(withChange(parseView(pending.current ?? params), next));
      pending.current = updated;
      setParams(updated);
    },
    [params, setParams],
  );

  const variables = useMemo(() => toVariables(view, userId), [view, userId]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: VisitWorkListDocument, variables });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useSignedInAgain(reload);
  const now = useNow();
  const [recording, setRecording] = useState<Recordable | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const onRecord = useCallback((visit: WorkVisitFragment) => {
    if (visit.ticket) setRecording({ ...visit, ticket: visit.ticket });
  }, []);
  const onRecorded = (done: Recorded) => {
    setRecording(null);
    setRecorded(done);
    reload();
  };

  const rows = data?.returnVisits.nodes ?? [];
  const info = data?.returnVisits.pageInfo;
  const paging = pagingOf(view, info);
  const active = [view.scope !== 'open', view.kind !== null, view.mine].filter(Boolean).length;

  return (
    <Card
      title={t('title')}
      extra={
        <Flex gap={12} align="center">
          {data && !phone && (
            <Typography.Text data-testid="visits-total" type="secondary">
              {t('total', { count: data.returnVisits.totalCount })}
            </Typography.Text>
          )}
          {plansCare && (
            <Button size={phone ? 'small' : 'middle'} onClick={() => setPlanning(true)} data-testid="visits-care">
              {t('care')}
            </Button>
          )}
        </Flex>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        {phone && (
          <Button data-testid="visits-filters-toggle" block onClick={() => setFiltersOpen((open) => !open)}>
            {active > 0 ? t('filtersActive', { count: active }) : t('filters')}
          </Button>
        )}
        {(!phone || filtersOpen) && <Filters view={view} onChange={change} phone={phone} />}
        {recorded && (
          <Alert
            data-testid="visit-recorded"
            type="success"
            showIcon
            closable={{ onClose: () => setRecorded(null) }}
            title={t(
              recorded.followUp === 'complaint'
                ? 'recordedComplaint'
                : recorded.followUp === 'rework'
                  ? 'recordedRework'
                  : 'recorded',
              { number: recorded.number },
            )}
            action={
              recorded.followUp === 'complaint' ? (
                <Link to={`/complaints?ticket=${encodeURIComponent(recorded.ticketId)}`} data-testid="visit-see-complaint">
                  {t('seeComplaint')}
                </Link>
              ) : undefined
            }
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={reload}>{t('retry')}</Button>}
          />
        )}
        {phone ? (
          <VisitCards rows={rows} now={now} loading={fetching} onRecord={onRecord} />
        ) : (
          <VisitTable rows={rows} loading={fetching && !data} now={now} done={view.scope === 'done'} onRecord={onRecord} />
        )}
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary">
            {data && phone ? t('total', { count: data.returnVisits.totalCount }) : null}
          </Typography.Text>
          <Flex gap={8}>
            <Button
              data-testid="visits-prev"
              disabled={!paging.prev}
              onClick={() => change({ before: info?.startCursor ?? null, after: null })}
            >
              {t('prev')}
            </Button>
            <Button
              data-testid="visits-next"
              disabled={!paging.next}
              onClick={() => change({ after: info?.endCursor ?? null, before: null })}
            >
              {t('next')}
            </Button>
          </Flex>
        </Flex>
      </Flex>
      {planning && (
        <CareScheduleModal
          onClose={() => setPlanning(false)}
          onScheduled={(day) => {
            setPlanning(false);
            message.success(t('careSaved', { day }));
          }}
        />
      )}
      {recording && <RecordVisitModal visit={recording} onClose={() => setRecording(null)} onRecorded={onRecorded} />}
    </Card>
  );
}
