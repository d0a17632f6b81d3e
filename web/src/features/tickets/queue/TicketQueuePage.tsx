// The ticket queue: one query per page, one clock for every countdown, and
// live changes merged in place. Filters, order and page live in the URL.
import { Alert, Button, Card, Flex, Grid, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { getSession, hasAnyRole } from '../../../app/session';
import { useNow } from '../../../components/clock';
import { problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import {
  QueueEngineersDocument,
  QueueTicketsChangedDocument,
  TicketQueueDocument,
  type QueueTicketsChangedSubscription,
} from '../../../gql/graphql';
import { applyChanges, newSince } from './live';
import { queueMessages } from './messages';
import { QueueCards } from './QueueCards';
import { QueueFilters } from './QueueFilters';
import { QueueTable } from './QueueTable';
import { activeFilters, pagingOf, parseView, toVariables, viewToParams, withChange, type QueueView } from './view';

type Changes = Map<string, QueueTicketsChangedSubscription['ticketsChanged']>;
const NO_CHANGES: Changes = new Map();

/** Every ticket changed since the page opened, the latest of each. */
function collect(previous: Changes | undefined, event: QueueTicketsChangedSubscription): Changes {
  const next = new Map(previous);
  next.set(event.ticketsChanged.id, event.ticketsChanged);
  return next;
}

const STAFF = ['AGENT', 'SERVICE_MANAGER', 'GENERAL_MANAGER', 'QUALITY', 'WAREHOUSE', 'FINANCE'] as const;

export default function TicketQueuePage() {
  const t = useT(queueMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const user = getSession()?.user;
  const staff = hasAnyRole(user, STAFF);

  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  // A change builds on the one before even if the router has not rendered
  // it yet (a navigation is a transition), so two quick changes both count.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);
  const change = useCallback(
    (next: Partial<QueueView>) => {
      const updated = viewToParams(withChange(parseView(pending.current ?? params), next));
      pending.current = updated;
      setParams(updated);
    },
    [params, setParams],
  );

  const variables = useMemo(() => toVariables(view), [view]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: TicketQueueDocument, variables });
  const [{ data: changes = NO_CHANGES }] = useSubscription({ query: QueueTicketsChangedDocument }, collect);
  const [{ data: engineerData }, engineersAgain] = useQuery({ query: QueueEngineersDocument, pause: !staff });
  useSignedInAgain(() => {
    refetch({ requestPolicy: 'network-only' });
    if (staff) engineersAgain({ requestPolicy: 'network-only' });
  });
  const now = useNow();
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  // On a phone the filters fold away behind one button.
  const [filtersOpen, setFiltersOpen] = useState(false);

  const rows = useMemo(() => applyChanges(data?.tickets.nodes ?? [], changes), [data, changes]);
  const fresh = newSince(changes, rows, view, loadedAt, user?.id);
  const paging = pagingOf(view, data?.tickets.pageInfo);
  const info = data?.tickets.pageInfo;

  const showNew = () => {
    setLoadedAt(Date.now());
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Card
      title={t('title')}
      extra={
        data && (
          <Typography.Text data-testid="queue-total" type="secondary">
            {t('total', { count: data.tickets.totalCount })}
          </Typography.Text>
        )
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        {phone && (
          <Button data-testid="queue-filters-toggle" onClick={() => setFiltersOpen((open) => !open)} block>
            {activeFilters(view) > 0 ? t('filtersActive', { count: activeFilters(view) }) : t('filters')}
          </Button>
        )}
        {(!phone || filtersOpen) && (
          <QueueFilters
            view={view}
            onChange={change}
            engineers={staff ? (engineerData?.engineers.nodes ?? []) : null}
            phone={phone}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
          />
        )}
        {fresh.length > 0 && (
          <Alert
            data-testid="queue-new"
            type="info"
            showIcon
            title={t('newTickets', { count: fresh.length })}
            action={
              <Button size="small" type="primary" onClick={showNew}>
                {t('show')}
              </Button>
            }
          />
        )}
        {phone ? (
          <QueueCards rows={rows} now={now} loading={fetching} empty={t('empty')} />
        ) : (
          <QueueTable
            rows={rows}
            loading={fetching && !data}
            now={now}
            view={view}
            onSort={(sort, direction) => change({ sort, direction })}
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button
            data-testid="queue-prev"
            disabled={!paging.prev}
            onClick={() => change({ before: info?.startCursor ?? null, after: null })}
          >
            {t('prev')}
          </Button>
          <Button
            data-testid="queue-next"
            disabled={!paging.next}
            onClick={() => change({ after: info?.endCursor ?? null, before: null })}
          >
            {t('next')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
