// The list of any entity: filters and page in the URL, a table on a desk and
// cards on a phone, each record with its history link, and the drawer that
// creates and edits records.
import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Grid, List, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClient, useQuery, type AnyVariables } from 'urql';
import { useLocale, useT } from '../../../../app/i18n';
import { getSession, hasAnyRole } from '../../../../app/session';
import { problemsOf, sentence } from '../../../../components/errors';
import { useSignedInAgain } from '../../../../components/useSignedInAgain';
import { auditHref } from './audit';
import { EntityForm } from './EntityForm';
import { FilterBar } from './FilterBar';
import { scaffoldMessages } from './messages';
import { nextPage, positionOf, previousPage, withFilter } from './paging';
import type { EntityConfig, FilterValues } from './types';

const PAGE_SIZE = 50;

/** Who may read the audit log (and so follow a record's history link); ADMIN too. */
const AUDITORS = ['SERVICE_MANAGER', 'GENERAL_MANAGER'] as const;

/** `null`: closed; `'new'`: a new record; else the record edited. */
type Editing<Row> = null | 'new' | Row;

export function EntityScreen<Q, V extends AnyVariables, Row, Values, K extends string>({
  config,
}: {
  config: EntityConfig<Q, V, Row, Values, K>;
}) {
  const t = useT(config.messages);
  const s = useT(scaffoldMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing<Row>>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const auditor = hasAnyRole(getSession()?.user, AUDITORS);

  const filterValues = useMemo(() => {
    const values: FilterValues = {};
    for (const f of config.filters) values[f.name] = params.get(f.name) ?? undefined;
    return values;
  }, [config.filters, params]);
  const position = positionOf(params);
  const variables = useMemo(
    () => config.variables(filterValues, { first: PAGE_SIZE, after: position.after }),
    [config, filterValues, position.after],
  );
  const [{ data, fetching, error }, refetch] = useQuery({ query: config.query, variables });
  const again = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useSignedInAgain(again);
  const page = data ? config.page(data) : null;
  const rows = page?.rows ?? [];
  const activeFilters = config.filters.filter((f) => f.kind !== 'year' && filterValues[f.name]).length;

  const fetchRow = useCallback(
    async (row: Row) => {
      const result = await client.query(config.query, variables, { requestPolicy: 'network-only' }).toPromise();
      const fresh = result.data ? config.page(result.data).rows : [];
      return fresh.find((r) => config.rowKey(r) === config.rowKey(row)) ?? null;
    },
    [client, config, variables],
  );

  async function remove(row: Row) {
    const result = await config.remove?.(client, row);
    const problems = problemsOf(result?.error);
    if (problems.length) {
      message.error(problems.map((p) => sentence(p, locale)).join(' '));
    } else {
      message.success(s('removed', { name: config.caption(row) }));
      again();
    }
  }

  const editable = !!config.update && !!config.toValues;
  const actions = (row: Row) => (
    <Space size={4} wrap>
      {editable && (
        <Button size="small" onClick={() => setEditing(row)} data-testid="row-edit">
          {s('edit')}
        </Button>
      )}
      {config.remove && (
        <Popconfirm
          title={s('removeConfirm', { name: config.caption(row) })}
          okText={s('remove')}
          cancelText={s('cancel')}
          okButtonProps={{ danger: true, ...({ 'data-testid': 'row-remove-confirm' } as object) }}
          onConfirm={() => remove(row)}
        >
          <Button size="small" danger data-testid="row-remove">
            {s('remove')}
          </Button>
        </Popconfirm>
      )}
      {auditor && (
        <Link to={auditHref(config.auditType, config.auditId(row))} data-testid="row-history" style={{ whiteSpace: 'nowrap' }}>
          <HistoryOutlined /> {s('history')}
        </Link>
      )}
    </Space>
  );

  const columns = [
    ...config.columns.map((column) => ({
      key: column.key,
      title: t(column.title),
      width: column.width,
      render: (_: unknown, row: Row) => column.render(row, locale),
    })),
    { key: 'actions', title: s('actions'), width: 220, render: (_: unknown, row: Row) => actions(row) },
  ];
  const hasNext = !!page?.next;

  return (
    <Card
      title={t(config.title)}
      extra={
        <Space>
          {page?.totalCount !== undefined && (
            <Typography.Text type="secondary" data-testid="list-total">
              {s('total', { count: page.totalCount })}
            </Typography.Text>
          )}
          {config.create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="entity-create">
              {s('create')}
            </Button>
          )}
        </Space>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
      data-testid={`entity-${config.key}`}
    >
      <Flex vertical gap={12}>
        {config.note && <Alert type="info" showIcon title={t(config.note)} />}
        {phone && config.filters.length > 0 && (
          <Button block onClick={() => setFiltersOpen((open) => !open)} data-testid="filters-toggle">
            {activeFilters ? s('filtersActive', { count: activeFilters }) : s('filters')}
          </Button>
        )}
        {(!phone || filtersOpen) && config.filters.length > 0 && (
          <FilterBar
            filters={config.filters}
            values={filterValues}
            onChange={(name, value) => setParams(withFilter(params, name, value))}
            t={t}
            phone={phone}
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={s('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={again}>{s('retry')}</Button>}
          />
        )}
        {phone ? (
          <Spin spinning={fetching && !data}>
            {rows.length === 0 && !fetching ? (
              <Empty description={s('empty')} />
            ) : (
              <List
                dataSource={rows}
                rowKey={config.rowKey}
                renderItem={(row) => (
                  <Card size="small" style={{ marginBottom: 8 }} data-testid="entity-row" title={config.caption(row)}>
                    <Descriptions
                      size="small"
                      column={1}
                      items={config.columns
                        .filter((c) => !c.desk)
                        .map((c) => ({ key: c.key, label: t(c.title), children: c.render(row, locale) }))}
                    />
                    <div style={{ marginTop: 8 }}>{actions(row)}</div>
                  </Card>
                )}
              />
            )}
          </Spin>
        ) : (
          <Table
            rowKey={config.rowKey}
            columns={columns}
            dataSource={rows}
            loading={fetching && !data}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={s('empty')} /> }}
            onRow={() => ({ 'data-testid': 'entity-row' }) as object}
          />
        )}
        {page && page.next !== undefined && (
          <Flex justify="flex-end" gap={8}>
            <Button disabled={!position.after} onClick={() => setParams(previousPage(params))} data-testid="page-prev">
              {s('prev')}
            </Button>
            <Button
              disabled={!hasNext}
              onClick={() => page.next && setParams(nextPage(params, page.next))}
              data-testid="page-next"
            >
              {s('next')}
            </Button>
          </Flex>
        )}
      </Flex>
      {editing !== null && (
        <EntityForm
          config={config}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={again}
          fetchRow={fetchRow}
        />
      )}
    </Card>
  );
}
