// Complaints by category and severity, each with its routing deadline
// counting down until its handler takes it; one opens in a drawer to be
// taken, answered and closed. Filters, order, page and the open complaint
// live in the URL.
import { Alert, App, Button, Card, Checkbox, Flex, Grid, Select, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession } from '../../app/session';
import { useNow } from '../../components/clock';
import { problemsOf, sentence } from '../../components/errors';
import { pagingOf } from '../../components/paging';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { ComplaintListDocument, ComplaintOneDocument, type ComplaintItemFragment } from '../../gql/graphql';
import { label, SEVERITY } from '../../components/labels';
import { ComplaintCards } from './ComplaintCards';
import { ComplaintDrawer } from './ComplaintDrawer';
import { ComplaintTable } from './ComplaintTable';
import { FileComplaintModal } from './FileComplaintModal';
import { complaintMessages } from './messages';
import { mayFile } from './steps';
import {
  activeFilters,
  CATEGORIES,
  parseView,
  SEVERITIES,
  SORTS,
  STATUSES,
  toVariables,
  viewToParams,
  withChange,
  type ComplaintView,
  type SortKey,
} from './view';

interface FiltersProps {
  view: ComplaintView;
  onChange: (change: Partial<ComplaintView>) => void;
  phone: boolean;
  /** The ticket filtered on, by number when a row shows it. */
  ticketNumber: string | null;
}

function Filters({ view, onChange, phone, ticketNumber }: FiltersProps) {
  const t = useT(complaintMessages);
  const { locale } = useLocale();
  const width = phone ? '100%' : undefined;
  return (
    <Flex wrap gap={8} align={phone ? 'stretch' : 'center'} vertical={phone}>
      <Select
        data-testid="complaints-status"
        allowClear
        placeholder={t('filterStatus')}
        style={{ minWidth: 150, width }}
        value={view.status ?? undefined}
        options={STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }))}
        onChange={(status?: ComplaintView['status']) => onChange({ status: status ?? null })}
      />
      <Select
        data-testid="complaints-category"
        allowClear
        placeholder={t('filterCategory')}
        style={{ minWidth: 140, width }}
        value={view.category ?? undefined}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category_${c}`) }))}
        onChange={(category?: ComplaintView['category']) => onChange({ category: category ?? null })}
      />
      <Select
        data-testid="complaints-severity"
        allowClear
        placeholder={t('filterSeverity')}
        style={{ minWidth: 150, width }}
        value={view.severity ?? undefined}
        options={SEVERITIES.map((s) => ({ value: s, label: label(SEVERITY, s, locale) }))}
        onChange={(severity?: ComplaintView['severity']) => onChange({ severity: severity ?? null })}
      />
      <Tooltip title={t('filterLateHint')}>
        <Checkbox data-testid="complaints-late" checked={view.late} onChange={(e) => onChange({ late: e.target.checked })}>
          {t('filterLate')}
        </Checkbox>
      </Tooltip>
      <Select<SortKey>
        data-testid="complaints-sort"
        aria-label={t('sortBy')}
        style={{ minWidth: 200, width }}
        value={view.sort}
        options={SORTS.map((s) => ({ value: s, label: t(`sort_${s}`) }))}
        onChange={(sort) => onChange({ sort })}
      />
      {view.ticketId && (
        <Tag closable onClose={() => onChange({ ticketId: null })} data-testid="complaints-ticket" style={{ alignSelf: phone ? 'flex-start' : undefined }}>
          {ticketNumber ? t('filterTicket', { number: ticketNumber }) : t('filterTicketAny')}
        </Tag>
      )}
      {activeFilters(view) > 0 && (
        <Button type="link" onClick={() => onChange({ status: null, category: null, severity: null, late: false, ticketId: null })}>
          {t('clear')}
        </Button>
      )}
    </Flex>
  );
}

/**
 * The newest of the reads of one complaint: its list row, its own query and a
 * step's answer (which may be ahead of both until they are read again).
 */
function newest(id: string, ...reads: (ComplaintItemFragment | null | undefined)[]) {
  return reads.reduce<ComplaintItemFragment | null>(
    (best, read) => (read && read.id === id && (!best || read.version > best.version) ? read : best),
    null,
  );
}

export default function ComplaintsPage() {
  const t = useT(complaintMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const user = getSession()?.user;

  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);
  const change = useCallback(
    (next: Partial<ComplaintView>) => {
      const updated = viewToParams(withChange(parseView(pending.current ?? params), next));
      pending.current = updated;
      setParams(updated);
    },
    [params, setParams],
  );

  const variables = useMemo(() => toVariables(view), [view]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: ComplaintListDocument, variables });
  // The open complaint is read on its own, so a link to it opens it whatever page the list is on.
  const [one, refetchOne] = useQuery({ query: ComplaintOneDocument, variables: { id: view.open ?? '' }, pause: !view.open });
  const reload = useCallback(() => {
    refetch({ requestPolicy: 'network-only' });
    if (view.open) refetchOne({ requestPolicy: 'network-only' });
  }, [refetch, refetchOne, view.open]);
  useSignedInAgain(reload);
  const now = useNow();
  const [latest, setLatest] = useState<ComplaintItemFragment | null>(null);
  const [filing, setFiling] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const rows = data?.complaints.nodes ?? [];
  const info = data?.complaints.pageInfo;
  const paging = pagingOf(view, info);
  const onOpen = useCallback((id: string) => change({ open: id }), [change]);
  const shown = view.open ? newest(view.open, rows.find((row) => row.id === view.open), one.data?.complaint, latest) : null;
  const ticketNumber = view.ticketId ? (rows.find((row) => row.ticket?.id === view.ticketId)?.ticket?.number ?? null) : null;

  return (
    <Card
      title={t('title')}
      extra={
        <Flex gap={12} align="center">
          {data && !phone && (
            <Typography.Text data-testid="complaints-total" type="secondary">
              {t('total', { count: data.complaints.totalCount })}
            </Typography.Text>
          )}
          {mayFile(user) && (
            <Button type="primary" size={phone ? 'small' : 'middle'} onClick={() => setFiling(true)} data-testid="complaints-file">
              {t('file')}
            </Button>
          )}
        </Flex>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        {phone && (
          <Button data-testid="complaints-filters-toggle" block onClick={() => setFiltersOpen((open) => !open)}>
            {activeFilters(view) > 0 ? t('filtersActive', { count: activeFilters(view) }) : t('filters')}
          </Button>
        )}
        {(!phone || filtersOpen || view.ticketId) && (
          <Filters view={view} onChange={change} phone={phone} ticketNumber={ticketNumber} />
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
          <ComplaintCards rows={rows} now={now} loading={fetching} onOpen={onOpen} />
        ) : (
          <ComplaintTable rows={rows} loading={fetching && !data} now={now} onOpen={onOpen} />
        )}
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary">
            {data && phone ? t('total', { count: data.complaints.totalCount }) : null}
          </Typography.Text>
          <Flex gap={8}>
            <Button
              data-testid="complaints-prev"
              disabled={!paging.prev}
              onClick={() => change({ before: info?.startCursor ?? null, after: null })}
            >
              {t('prev')}
            </Button>
            <Button
              data-testid="complaints-next"
              disabled={!paging.next}
              onClick={() => change({ after: info?.endCursor ?? null, before: null })}
            >
              {t('next')}
            </Button>
          </Flex>
        </Flex>
      </Flex>
      {view.open && (
        <ComplaintDrawer
          key={view.open}
          complaint={shown}
          loadError={shown ? undefined : one.error}
          onRetry={reload}
          now={now}
          phone={phone}
          onClose={() => change({ open: null })}
          onChanged={(updated) => {
            setLatest(updated);
            reload();
          }}
          onReload={() => {
            setLatest(null);
            reload();
          }}
        />
      )}
      {filing && (
        <FileComplaintModal
          onClose={() => setFiling(false)}
          onFiled={(filed) => {
            setFiling(false);
            message.success(t('filed', { number: filed.number }));
            setLatest(filed);
            change({ open: filed.id, status: null, category: null, severity: null, late: false, ticketId: null });
          }}
        />
      )}
    </Card>
  );
}
