// The lots by state and province (both in the URL), a page at a time by the
// API's cursors; a table at the desk, cards on a phone.
import { Alert, Button, Card, Flex, Grid, List, Select, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { getSession, hasAnyRole } from '../../../app/session';
import { money, round } from '../../../components/decimal';
import { problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import type { LocalSaleStatus } from '../../../gql/enums';
import { LocalSalesDocument, type LotFullFragment } from '../../../gql/graphql';
import { LotStatusTag } from './LotStatusTag';
import { saleMessages } from './messages';
import { provinceName, provinceOptions } from '../../../components/provinces';
import { CREATORS, LOT_STATES, parseListView } from './view';

const PAGE = 20;

export default function LocalSalesPage() {
  const t = useT(saleMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseListView(params), [params]);
  const variables = useMemo(
    () => ({
      filter: { status: view.status, province: view.province },
      first: PAGE,
      after: view.after,
    }),
    [view],
  );
  const [{ data, fetching, error }, refetch] = useQuery({ query: LocalSalesDocument, variables });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const lots = data?.localSales.nodes ?? [];
  const info = data?.localSales.pageInfo;

  const change = (key: 'status' | 'province' | 'after', value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'after') next.delete('after');
    setParams(next);
  };

  return (
    <Card
      title={t('title')}
      extra={
        <Flex gap={12} align="center">
          {data && (
            <Typography.Text type="secondary" data-testid="lots-total">
              {t('total', { count: data.localSales.totalCount })}
            </Typography.Text>
          )}
          {hasAnyRole(getSession()?.user, CREATORS) && (
            <Link to="/local-sales/new">
              <Button type="primary" data-testid="lot-new">
                {t('newLot')}
              </Button>
            </Link>
          )}
        </Flex>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          <Select<LocalSaleStatus | ''>
            data-testid="lots-status"
            style={{ width: phone ? '100%' : 180 }}
            value={view.status ?? ''}
            onChange={(value) => change('status', value)}
            options={[{ value: '', label: t('allStates') }, ...LOT_STATES.map((s) => ({ value: s, label: t(s) }))]}
          />
          <Select<string>
            data-testid="lots-province"
            style={{ width: phone ? '100%' : 180 }}
            value={view.province ?? ''}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(value) => change('province', value)}
            options={[{ value: '', label: t('allProvinces') }, ...provinceOptions(locale)]}
          />
        </Flex>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
          />
        )}
        {phone ? (
          <List<LotFullFragment>
            data-testid="lots"
            loading={fetching && !data}
            dataSource={lots}
            locale={{ emptyText: t('empty') }}
            renderItem={(lot) => (
              <List.Item key={lot.id} data-testid="lot-row" onClick={() => navigate(`/local-sales/${lot.id}`)}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Link to={`/local-sales/${lot.id}`}>{lot.lotNumber}</Link>
                    <LotStatusTag status={lot.status} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {provinceName(lot.province, locale)} · {lot.specification} · {t('weightKg', { weight: lot.totalWeightKg })}
                  </Typography.Text>
                  <Flex justify="space-between" gap={8} wrap>
                    <span>{money(lot.salePrice)}</span>
                    <Typography.Text type={lot.belowFloor ? 'danger' : 'secondary'}>
                      {t('percentOfMarket')} {round(lot.percentOfMarket, 2)} %
                    </Typography.Text>
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<LotFullFragment>
            data-testid="lots"
            size="middle"
            rowKey="id"
            loading={fetching && !data}
            dataSource={lots}
            pagination={false}
            locale={{ emptyText: t('empty') }}
            onRow={(lot) => ({ 'data-testid': 'lot-row', onClick: () => navigate(`/local-sales/${lot.id}`), style: { cursor: 'pointer' } }) as object}
            columns={[
              { key: 'lot', title: t('lotNumber'), render: (_, lot) => <Link to={`/local-sales/${lot.id}`}>{lot.lotNumber}</Link> },
              { key: 'status', title: t('status'), width: 120, render: (_, lot) => <LotStatusTag status={lot.status} /> },
              { key: 'province', title: t('province'), width: 110, render: (_, lot) => provinceName(lot.province, locale) },
              { key: 'spec', title: t('specification'), dataIndex: 'specification' },
              { key: 'weight', title: t('weight'), align: 'right', render: (_, lot) => t('weightKg', { weight: lot.totalWeightKg }) },
              { key: 'base', title: t('basePrice'), align: 'right', render: (_, lot) => money(lot.basePrice) },
              { key: 'sale', title: t('salePrice'), align: 'right', render: (_, lot) => money(lot.salePrice) },
              {
                key: 'percent',
                title: t('percentOfMarket'),
                align: 'right',
                render: (_, lot) => (
                  <Typography.Text type={lot.belowFloor ? 'danger' : undefined}>{round(lot.percentOfMarket, 2)} %</Typography.Text>
                ),
              },
              { key: 'level', title: t('level'), render: (_, lot) => t(lot.approvalLevel) },
            ]}
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button data-testid="lots-first" disabled={!view.after} onClick={() => change('after', null)}>
            {t('first')}
          </Button>
          <Button data-testid="lots-next" disabled={!info?.hasNextPage} onClick={() => change('after', info?.endCursor)}>
            {t('next')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
