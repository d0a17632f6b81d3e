// A count (盘点): pick the warehouse, enter what is on the shelf for the
// parts counted, review each difference to the book, then book it: the
// server records the count and books every difference as a STOCKTAKE
// movement. The warehouse lives in the URL; the counts stay on the page.
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Grid,
  Input,
  InputNumber,
  Result,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import {
  RecordStocktakeDocument,
  StockLevelsDocument,
  type RecordStocktakeMutation,
  type StockRowFragment,
} from '../../gql/graphql';
import { CardList } from './CardList';
import { partsMessages } from './messages';
import { stockSentence } from './problems';
import { matchesSearch } from './stock';
import { countLines, signed, summarise, type CountLine } from './stocktake';
import { WarehouseSelect } from './WarehouseSelect';

type Booked = RecordStocktakeMutation['recordStocktake']['stocktake'];
type Step = 'count' | 'review';

function Difference({ value }: { value: number }) {
  return (
    <Typography.Text type={value < 0 ? 'danger' : value > 0 ? 'warning' : 'secondary'} data-testid="count-difference">
      {signed(value)}
    </Typography.Text>
  );
}

export default function StocktakePage() {
  const t = useT(partsMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const warehouseId = params.get('warehouse') || null;
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [search, setSearch] = useState('');
  const [step, setStep] = useState<Step>('count');
  const [booking, setBooking] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [booked, setBooked] = useState<Booked | null>(null);

  const variables = useMemo(() => ({ warehouseId }), [warehouseId]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: StockLevelsDocument, variables, pause: !warehouseId });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useSignedInAgain(() => {
    if (warehouseId) reload();
  });

  const levels = useMemo(
    () =>
      [...(data?.stockLevels ?? [])].sort((a, b) => (a.part?.partNumber ?? '').localeCompare(b.part?.partNumber ?? '')),
    [data],
  );
  const rows = useMemo(() => levels.map((level) => ({ partId: level.part?.id ?? '', onHand: level.onHand })), [levels]);
  const lines = useMemo(() => countLines(rows, counts), [rows, counts]);
  const summary = summarise(lines);
  const byPart = useMemo(() => new Map(levels.map((level) => [level.part?.id ?? '', level])), [levels]);
  const shown = levels.filter((level) => matchesSearch(level, search));

  const start = (id: string | null) => {
    setCounts({});
    setStep('count');
    setBooked(null);
    setProblems([]);
    setSearch('');
    setParams(id ? { warehouse: id } : {});
  };

  async function book() {
    if (!warehouseId) return;
    setBooking(true);
    setProblems([]);
    const result = await client
      .mutation(RecordStocktakeDocument, {
        input: { warehouseId, counts: lines.map((line) => ({ partId: line.partId, counted: line.counted })) },
      })
      .toPromise();
    setBooking(false);
    if (result.data) {
      setBooked(result.data.recordStocktake.stocktake);
      setCounts({});
      reload();
      return;
    }
    setProblems(problemsOf(result.error).map((p) => stockSentence(p, locale)));
  }

  const countInput = (level: StockRowFragment) => {
    const id = level.part?.id ?? '';
    return (
      <InputNumber
        data-testid={`count-${level.part?.partNumber ?? ''}`}
        aria-label={`${t('counted')} ${level.part?.partNumber ?? ''}`}
        min={0}
        max={10_000_000}
        precision={0}
        placeholder={t('notCounted')}
        value={counts[id] ?? null}
        onChange={(value) => setCounts((previous) => ({ ...previous, [id]: value }))}
        style={{ width: phone ? 120 : 140 }}
      />
    );
  };
  const differenceOf = (level: StockRowFragment) => {
    const counted = counts[level.part?.id ?? ''];
    return counted === null || counted === undefined ? '—' : <Difference value={counted - level.onHand} />;
  };

  const countColumns: TableColumnsType<StockRowFragment> = [
    {
      title: t('part'),
      key: 'part',
      render: (_, level) => (
        <span>
          <Typography.Text strong>{level.part?.partNumber}</Typography.Text> {level.part?.name}
        </span>
      ),
    },
    { title: t('book'), dataIndex: 'onHand', align: 'right' },
    { title: t('counted'), key: 'counted', render: (_, level) => countInput(level) },
    { title: t('difference'), key: 'difference', align: 'right', render: (_, level) => differenceOf(level) },
  ];

  const partLabel = (partId: string) => {
    const part = byPart.get(partId)?.part;
    return part ? `${part.partNumber} ${part.name}` : partId;
  };
  const reviewColumns: TableColumnsType<CountLine> = [
    { title: t('part'), key: 'part', render: (_, line) => partLabel(line.partId) },
    { title: t('book'), dataIndex: 'book', align: 'right' },
    { title: t('counted'), dataIndex: 'counted', align: 'right' },
    { title: t('difference'), dataIndex: 'difference', align: 'right', render: (value: number) => <Difference value={value} /> },
  ];

  const header = (
    <Flex gap={8} wrap align="center">
      <WarehouseSelect
        testId="count-warehouse"
        value={warehouseId}
        onChange={start}
        placeholder={t('pickWarehouse')}
        width={phone ? '100%' : 260}
      />
      {step === 'count' && warehouseId && !booked && (
        <Input.Search
          allowClear
          placeholder={t('search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: phone ? '100%' : 240 }}
        />
      )}
    </Flex>
  );

  let body;
  if (!warehouseId) {
    body = <Empty description={t('pickWarehouse')} />;
  } else if (booked) {
    const differing = booked.lines.filter((line) => line.difference !== 0).length;
    body = (
      <Result
        status="success"
        title={<span data-testid="count-booked">{t('stocktakeDone', { differing })}</span>}
        extra={
          <Button type="primary" onClick={() => start(warehouseId)} data-testid="count-new">
            {t('newCount')}
          </Button>
        }
      >
        <Flex vertical gap={4}>
          {booked.lines
            .filter((line) => line.difference !== 0)
            .map((line) => (
              <Flex key={line.part?.id} justify="space-between" gap={8} wrap data-testid="count-booked-line">
                <Link to={`/stock/parts/${line.part?.id ?? ''}?warehouse=${warehouseId}`}>
                  {line.part?.partNumber} {line.part?.name}
                </Link>
                <span>
                  {line.bookQuantity} → {line.countedQuantity} (<Difference value={line.difference} />)
                </span>
              </Flex>
            ))}
        </Flex>
      </Result>
    );
  } else if (step === 'review') {
    body = (
      <Flex vertical gap={12}>
        <Alert
          type={summary.differing > 0 ? 'warning' : 'info'}
          showIcon
          data-testid="count-summary"
          title={t('countedSummary', { ...summary })}
          description={summary.differing === 0 ? t('noDifference') : undefined}
        />
        {problems.map((text) => (
          <Alert key={text} type="error" showIcon title={text} data-testid="count-error" />
        ))}
        <Table<CountLine>
          size="small"
          columns={reviewColumns}
          dataSource={lines}
          rowKey="partId"
          pagination={false}
          rowClassName={(line) => (line.difference !== 0 ? 'stock-low' : '')}
          onRow={(line) => ({ 'data-testid': 'count-review-row', 'data-difference': line.difference }) as object}
          scroll={phone ? { x: 'max-content' } : undefined}
        />
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => setStep('count')} disabled={booking}>
            {t('backToCount')}
          </Button>
          <Button type="primary" loading={booking} onClick={book} data-testid="count-book">
            {t('bookCount')}
          </Button>
        </Flex>
      </Flex>
    );
  } else {
    body = (
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('countHint')}</Typography.Text>
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
            rows={shown}
            rowKey={(level) => level.part?.id ?? ''}
            empty={t('emptyWarehouse')}
            render={(level) => (
              <Card size="small" data-testid="count-row">
                <Typography.Text strong>{level.part?.partNumber}</Typography.Text> {level.part?.name}
                <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
                  <span>
                    {t('book')} <b>{level.onHand}</b>
                  </span>
                  {countInput(level)}
                  <span>{differenceOf(level)}</span>
                </Flex>
              </Card>
            )}
          />
        ) : (
          <Table<StockRowFragment>
            size="small"
            columns={countColumns}
            dataSource={shown}
            rowKey={(level) => level.part?.id ?? ''}
            loading={fetching && !data}
            pagination={false}
            locale={{ emptyText: <Empty description={t('emptyWarehouse')} /> }}
            onRow={() => ({ 'data-testid': 'count-row' }) as object}
          />
        )}
        <Flex gap={8} justify="space-between" align="center" wrap>
          <Typography.Text data-testid="count-progress">
            {lines.length > 0 ? t('countedSummary', { ...summary }) : t('noCounts')}
          </Typography.Text>
          <Button type="primary" disabled={lines.length === 0} onClick={() => setStep('review')} data-testid="count-review">
            {t('review')}
          </Button>
        </Flex>
      </Flex>
    );
  }

  return (
    <Card title={t('stocktakeTitle')} styles={{ body: { padding: phone ? 12 : undefined } }}>
      <Flex vertical gap={12}>
        {header}
        {body}
      </Flex>
    </Card>
  );
}
