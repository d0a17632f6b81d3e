// Stock by warehouse and part: what is below its safety stock comes first
// and stands out; each row offers the keeper's operations and the ledger.
// The warehouse, the search and "low only" live in the URL.
import { EditOutlined, MoreOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Dropdown,
  Empty,
  Flex,
  Grid,
  Input,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession } from '../../app/session';
import { problemsOf } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { StockLevelsDocument, type StockRowFragment } from '../../gql/graphql';
import { partsMessages } from './messages';
import './parts.css';
import { stockSentence } from './problems';
import { CardList } from './CardList';
import { StockDialog } from './StockDialog';
import { levelKey, operationsFor, parseStockView, stockRows, stockViewToParams, type StockOperation, type StockView } from './stock';
import { WarehouseSelect } from './WarehouseSelect';

const PAGE_SIZE = 20;
const ROW_OPERATIONS = ['receive', 'issue', 'return', 'adjust'] as const;

function ledgerPath(level: StockRowFragment) {
  return `/stock/parts/${level.part?.id ?? ''}${level.warehouse ? `?warehouse=${level.warehouse.id}` : ''}`;
}

function PartCell({ level }: { level: StockRowFragment }) {
  const t = useT(partsMessages);
  const part = level.part;
  return (
    <Space orientation="vertical" size={0}>
      <Link to={ledgerPath(level)} data-testid="stock-ledger-link">
        <Typography.Text strong>{part?.partNumber}</Typography.Text>
      </Link>
      <Typography.Text>{part?.name}</Typography.Text>
      <Space size={4} wrap>
        {level.belowSafetyStock && <Tag color="red">{t('low')}</Tag>}
        {part?.valuable && (
          <Tag color="gold">
            {t('valuable')}
            {part.valuableLimit ? ` · ${t('valuableLimit', { limit: part.valuableLimit })}` : ''}
          </Tag>
        )}
      </Space>
    </Space>
  );
}

interface RowActionsProps {
  level: StockRowFragment;
  operations: StockOperation[];
  onOperation: (operation: StockOperation, level: StockRowFragment) => void;
}

function RowActions({ level, operations, onOperation }: RowActionsProps) {
  const t = useT(partsMessages);
  const row = ROW_OPERATIONS.filter((op) => operations.includes(op));
  const [first, ...rest] = row;
  return (
    <Space size={4} wrap>
      {first && (
        <Button size="small" data-testid={`stock-op-${first}`} onClick={() => onOperation(first, level)}>
          {t(first)}
        </Button>
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...rest.map((op) => ({ key: op, label: <span data-testid={`stock-op-${op}`}>{t(op)}</span> })),
            { key: 'ledger', label: <Link to={ledgerPath(level)}>{t('ledger')}</Link> },
          ],
          onClick: ({ key }) => {
            if (key !== 'ledger') onOperation(key as StockOperation, level);
          },
        }}
      >
        <Button size="small" icon={<MoreOutlined />} data-testid="stock-more" aria-label={t('more')} />
      </Dropdown>
    </Space>
  );
}

export default function StockPage() {
  const t = useT(partsMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const operations = operationsFor(getSession()?.user.roles ?? []);
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseStockView(params), [params]);
  const change = (next: Partial<StockView>) => setParams(stockViewToParams({ ...view, ...next }));
  const [search, setSearch] = useState(view.search);

  const variables = useMemo(() => ({ warehouseId: view.warehouseId }), [view.warehouseId]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: StockLevelsDocument, variables });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useSignedInAgain(reload);
  const [dialog, setDialog] = useState<{ operation: StockOperation; level: StockRowFragment } | null>(null);
  const [page, setPage] = useState(1);

  const levels = useMemo(() => data?.stockLevels ?? [], [data]);
  const rows = useMemo(() => stockRows(levels, view), [levels, view]);
  const lowCount = levels.filter((level) => level.belowSafetyStock).length;
  const open = (operation: StockOperation, level: StockRowFragment) => setDialog({ operation, level });
  const canSetSafety = operations.includes('safety');

  const safetyCell = (level: StockRowFragment) => (
    <Space size={4}>
      <span data-testid="stock-safety">{level.safetyStock}</span>
      {canSetSafety && (
        <Button
          size="small"
          type="text"
          icon={<EditOutlined />}
          aria-label={t('setSafety')}
          data-testid="stock-op-safety"
          onClick={() => open('safety', level)}
        />
      )}
    </Space>
  );

  const columns: TableColumnsType<StockRowFragment> = [
    { title: t('part'), key: 'part', render: (_, level) => <PartCell level={level} /> },
    {
      title: t('warehouse'),
      key: 'warehouse',
      render: (_, level) => `${level.warehouse?.code ?? ''} · ${level.warehouse?.name ?? ''}`,
    },
    {
      title: t('onHand'),
      dataIndex: 'onHand',
      align: 'right',
      render: (value: number) => <span data-testid="stock-on-hand">{value}</span>,
    },
    { title: t('safetyStock'), key: 'safety', align: 'right', render: (_, level) => safetyCell(level) },
    {
      title: t('shortfall'),
      dataIndex: 'shortfall',
      align: 'right',
      render: (value: number) => (value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : '—'),
    },
    { title: t('updatedAt'), dataIndex: 'updatedAt', render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm') },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, level) => <RowActions level={level} operations={operations} onOperation={open} />,
    },
  ];

  const rowProps = (level: StockRowFragment) =>
    ({
      'data-testid': 'stock-row',
      'data-part': level.part?.partNumber,
      'data-warehouse': level.warehouse?.code,
      'data-low': level.belowSafetyStock ? '1' : '0',
    }) as object;

  const empty = <Empty description={view.lowOnly ? t('emptyLow') : t('emptyStock')} />;

  return (
    <Card
      title={t('stockTitle')}
      extra={
        data && (
          <Space size={4} wrap>
            {lowCount > 0 && (
              <Tag color="red" data-testid="stock-low-count">
                {t('lowCount', { count: lowCount })}
              </Tag>
            )}
            <Typography.Text type="secondary">{t('rows', { count: rows.length })}</Typography.Text>
          </Space>
        )
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <WarehouseSelect
            testId="stock-warehouse"
            allowAll
            value={view.warehouseId}
            onChange={(warehouseId) => {
              setPage(1);
              change({ warehouseId });
            }}
            width={phone ? '100%' : 240}
          />
          <Input.Search
            data-testid="stock-search"
            allowClear
            placeholder={t('search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => {
              setPage(1);
              change({ search: value });
            }}
            style={{ width: phone ? '100%' : 260 }}
          />
          <Checkbox
            data-testid="stock-low-only"
            checked={view.lowOnly}
            onChange={(event) => {
              setPage(1);
              change({ lowOnly: event.target.checked });
            }}
          >
            {t('lowOnly')}
          </Checkbox>
        </Flex>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => stockSentence(p, locale)).join(' ')}
            action={<Button onClick={reload}>{t('retry')}</Button>}
          />
        )}
        {phone ? (
          <CardList
            loading={fetching && !data}
            rows={rows}
            empty={view.lowOnly ? t('emptyLow') : t('emptyStock')}
            rowKey={levelKey}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={setPage}
            render={(level) => (
              <Card
                size="small"
                className={level.belowSafetyStock ? 'stock-low-card' : undefined}
                {...rowProps(level)}
              >
                <PartCell level={level} />
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {level.warehouse?.code} · {level.warehouse?.name}
                </Typography.Text>
                <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 6 }}>
                  <Space size={12} wrap>
                    <span>
                      {t('onHand')} <b data-testid="stock-on-hand">{level.onHand}</b>
                    </span>
                    <span>
                      {t('safetyStock')} {safetyCell(level)}
                    </span>
                    {level.shortfall > 0 && (
                      <Typography.Text type="danger">
                        {t('shortfall')} {level.shortfall}
                      </Typography.Text>
                    )}
                  </Space>
                  <RowActions level={level} operations={operations} onOperation={open} />
                </Flex>
              </Card>
            )}
          />
        ) : (
          <Table<StockRowFragment>
            size="middle"
            columns={columns}
            dataSource={rows}
            rowKey={levelKey}
            loading={fetching && !data}
            locale={{ emptyText: empty }}
            rowClassName={(level) => (level.belowSafetyStock ? 'stock-low' : '')}
            onRow={rowProps}
            pagination={
              rows.length > PAGE_SIZE
                ? { pageSize: PAGE_SIZE, current: page, onChange: setPage, showSizeChanger: false }
                : false
            }
          />
        )}
      </Flex>
      {dialog && (
        <StockDialog operation={dialog.operation} level={dialog.level} onClose={() => setDialog(null)} onDone={reload} />
      )}
    </Card>
  );
}
