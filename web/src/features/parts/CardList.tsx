// A phone's list: one card a row, an empty note, and pages of `pageSize`
// when the rows are many.
import { Empty, Flex, Pagination, Spin } from 'antd';
import type { Key, ReactNode } from 'react';

interface Props<T> {
  rows: readonly T[];
  rowKey: (row: T) => Key;
  render: (row: T) => ReactNode;
  loading: boolean;
  empty: string;
  page?: number;
  pageSize?: number;
  onPage?: (page: number) => void;
}

export function CardList<T>({ rows, rowKey, render, loading, empty, page = 1, pageSize, onPage }: Props<T>) {
  if (rows.length === 0) return loading ? <Spin style={{ display: 'block', margin: 24 }} /> : <Empty description={empty} />;
  const paged = pageSize !== undefined && rows.length > pageSize;
  const shown = paged ? rows.slice((page - 1) * pageSize, page * pageSize) : rows;
  return (
    <Flex vertical gap={8}>
      {shown.map((row) => (
        <div key={rowKey(row)}>{render(row)}</div>
      ))}
      {paged && (
        <Pagination size="small" align="end" current={page} pageSize={pageSize} total={rows.length} onChange={onPage} showSizeChanger={false} />
      )}
    </Flex>
  );
}
