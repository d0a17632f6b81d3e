// The totals over the board's filter: old parts, what head office does not
// have yet, and what is late, with their value; by region on demand.
import { Alert, Card, Col, Collapse, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import type { OldPartBoardTotalsQuery } from '../../../gql/graphql';
import type { CombinedError } from 'urql';
import { boardMessages } from './messages';
import { formatMoney } from './money';
import { byOverdue, summaryOf, type RegionTotals } from './totals';

interface Props {
  groups: OldPartBoardTotalsQuery['oldPartTotals'] | undefined;
  error: CombinedError | undefined;
  phone: boolean;
}

export function BoardTotals({ groups, error, phone }: Props) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const summary = useMemo(() => summaryOf(groups ?? []), [groups]);
  const regions = useMemo(() => byOverdue(groups ?? []), [groups]);
  if (error && !groups) {
    return <Alert type="warning" showIcon title={t('totalsFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')} />;
  }
  const money = (value: string) => `¥${formatMoney(value, locale)}`;
  return (
    <Card size="small" data-testid="board-totals" styles={{ body: { padding: phone ? 8 : 12 } }}>
      <Row gutter={[12, 8]}>
        <Col xs={8} md={8}>
          <Statistic title={t('totalsParts')} value={summary.parts} loading={!groups} />
        </Col>
        <Col xs={8} md={8}>
          <Statistic
            title={t('totalsOutstanding')}
            value={summary.outstandingCount}
            suffix={phone ? undefined : <span style={{ fontSize: 14, color: 'rgba(0,0,0,0.45)' }}>{money(summary.outstandingValue)}</span>}
            loading={!groups}
          />
        </Col>
        <Col xs={8} md={8}>
          <Statistic
            title={t('totalsOverdue')}
            value={summary.overdueCount}
            styles={{ content: { color: summary.overdueCount > 0 ? '#cf1322' : undefined } }}
            suffix={phone ? undefined : <span style={{ fontSize: 14, color: 'rgba(0,0,0,0.45)' }}>{money(summary.overdueValue)}</span>}
            loading={!groups}
            data-testid="totals-overdue"
          />
        </Col>
      </Row>
      {regions.length > 0 && (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'regions',
              label: t('totalsByRegion'),
              children: (
                <Table<RegionTotals>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={regions}
                  scroll={{ x: 520 }}
                  columns={[
                    { key: 'key', title: t('region'), dataIndex: 'key' },
                    { key: 'parts', title: t('totalsParts'), dataIndex: 'parts', align: 'right' },
                    {
                      key: 'outstanding',
                      title: t('totalsOutstanding'),
                      align: 'right',
                      render: (_, g) => `${g.outstandingCount} · ${money(g.outstandingValue)}`,
                    },
                    {
                      key: 'overdue',
                      title: t('totalsOverdue'),
                      align: 'right',
                      render: (_, g) => (
                        <span style={{ color: g.overdueCount > 0 ? '#cf1322' : undefined }}>
                          {g.overdueCount} · {money(g.overdueValue)}
                        </span>
                      ),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
