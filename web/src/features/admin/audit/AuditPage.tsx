// The audit log: recorded changes, oldest first, filtered by record type
// (and record id), page by page by the API's cursors; changes recorded
// while the page is open show above it as they happen. Filters and page
// live in the URL, so a record's history is a link:
// /admin/audit?entityType=user&entityId=42.
import { AutoComplete, Alert, Button, Card, Empty, Flex, Grid, Input, Spin, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { AuditLogDocument, AuditTrailDocument, type AuditRowFragment, type AuditTrailSubscription } from '../../../gql/graphql';
import { AuditEntryItem } from './AuditEntryItem';
import { auditMessages } from './messages';
import { useActors } from './useActors';
import { RecordEntries } from './HistoryDrawer';
import { auditViewToParams, ENTITY_TYPES, liveEntries, matches, parseAuditView, recordKey, type AuditView } from './view';

const PAGE = 50;

function collect(previous: AuditRowFragment[] | undefined, event: AuditTrailSubscription): AuditRowFragment[] {
  return [...(previous ?? []), event.auditTrail];
}

/** One page of the log and the buttons to move between pages. */
function PagedEntries({ view, onPage }: { view: AuditView; onPage: (after: string | null) => void }) {
  const t = useT(auditMessages);
  const { locale } = useLocale();
  const actors = useActors();
  // Cursors of the pages before this one, for "previous" (the API pages forward only).
  const trail = useRef<(string | null)[]>([]);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AuditLogDocument,
    variables: { entityType: view.entityType || null, first: PAGE, after: view.after },
  });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const entries = data?.auditLog.nodes ?? [];

  return (
    <Flex vertical gap={12}>
      {data && (
        <Typography.Text type="secondary" data-testid="audit-total">
          {t('total', { count: data.auditLog.totalCount })}
        </Typography.Text>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
        />
      )}
      {fetching && !data && <Spin />}
      {entries.map((entry) => (
        <AuditEntryItem key={entry.id} entry={entry} actors={actors} />
      ))}
      {data && entries.length === 0 && <Empty description={t('empty')} />}
      <Flex justify="flex-end" gap={8} wrap>
        <Button
          disabled={!view.after}
          onClick={() => {
            trail.current = [];
            onPage(null);
          }}
        >
          {t('first')}
        </Button>
        <Button data-testid="audit-prev" disabled={!view.after} onClick={() => onPage(trail.current.pop() ?? null)}>
          {t('prev')}
        </Button>
        <Button
          data-testid="audit-next"
          disabled={!data?.auditLog.pageInfo.hasNextPage}
          onClick={() => {
            trail.current.push(view.after);
            onPage(data?.auditLog.pageInfo.endCursor ?? null);
          }}
        >
          {t('next')}
        </Button>
      </Flex>
    </Flex>
  );
}

export default function AuditPage() {
  const t = useT(auditMessages);
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseAuditView(params), [params]);
  const [idDraft, setIdDraft] = useState(view.entityId);
  // Typing a type applies when one is picked or the field is left.
  const [typeDraft, setTypeDraft] = useState(view.entityType);
  const change = (next: Partial<AuditView>) => setParams(auditViewToParams({ ...view, after: null, ...next }));
  const actors = useActors();

  const byRecord = Boolean(view.entityType && view.entityId);
  const key = recordKey(view.entityId);
  const [{ data: arrived = [] }] = useSubscription({ query: AuditTrailDocument }, collect);
  const live = liveEntries(
    arrived.filter((entry) => matches(entry, { entityType: view.entityType, entityId: key })),
    [],
  );

  return (
    <Card title={t('title')} styles={{ body: { padding: phone ? 12 : undefined } }}>
      <Flex vertical gap={12}>
        <Flex gap={8} wrap vertical={phone}>
          <AutoComplete
            data-testid="audit-type"
            style={{ width: phone ? '100%' : 260 }}
            value={typeDraft}
            options={ENTITY_TYPES.map((value) => ({ value }))}
            showSearch={{
              filterOption: (input, option) => String(option?.value ?? '').includes(input.trim().toLowerCase()),
            }}
            placeholder={t('entityTypeAny')}
            allowClear
            onChange={(value: string | undefined) => {
              setTypeDraft(value ?? '');
              if (!value) change({ entityType: '' });
            }}
            onSelect={(value: string | undefined) => change({ entityType: value ?? '' })}
            onBlur={() => {
              if (typeDraft.trim() !== view.entityType) change({ entityType: typeDraft.trim() });
            }}
          />
          <Input.Search
            data-testid="audit-id"
            style={{ width: phone ? '100%' : 300 }}
            placeholder={t('entityIdHint')}
            value={idDraft}
            allowClear
            onChange={(event) => setIdDraft(event.target.value)}
            onSearch={(value) => change({ entityId: value.trim() })}
            enterButton={t('entityId')}
          />
          {(view.entityType || view.entityId) && (
            <Button
              onClick={() => {
                setIdDraft('');
                setTypeDraft('');
                change({ entityType: '', entityId: '' });
              }}
            >
              {t('clear')}
            </Button>
          )}
        </Flex>
        {view.entityId && !view.entityType && <Alert type="warning" showIcon title={t('needType')} />}
        {byRecord && <Alert type="info" showIcon title={t('recordGap')} />}

        <div className="audit-live-box" data-testid="audit-live">
          <Typography.Text type="secondary">
            {t('live')} · {live.length > 0 ? t('liveCount', { count: live.length }) : t('liveWaiting')}
          </Typography.Text>
          {live.map((entry) => (
            <AuditEntryItem key={entry.id} entry={entry} actors={actors} live />
          ))}
        </div>

        {byRecord ? (
          <RecordEntries key={`${view.entityType}:${key}`} entityType={view.entityType} entityId={key} followLive={false} />
        ) : (
          <PagedEntries
            key={view.entityType}
            view={view}
            onPage={(after) => setParams(auditViewToParams({ ...view, after }))}
          />
        )}
      </Flex>
    </Card>
  );
}
