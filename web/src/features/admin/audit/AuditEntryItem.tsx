// One recorded change: when, what, on which record, by whom, and the
// before/after as a table of the fields that changed (unchanged ones fold
// away).
import { Collapse, Flex, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import type { AuditRowFragment } from '../../../gql/graphql';
import { changedCount, diff, type DiffRow } from './diff';
import { auditMessages } from './messages';
import './audit.css';

interface Props {
  entry: AuditRowFragment;
  /** Actor names by user id. */
  actors: ReadonlyMap<string, string>;
  live?: boolean;
}

const CHANGE_CLASS: Record<DiffRow['change'], string> = {
  added: 'audit-added',
  removed: 'audit-removed',
  changed: 'audit-changed',
  same: '',
};

/** Which sides a change has: a creation has no before, a deletion no after. */
type Sides = 'both' | 'after' | 'before';

function DiffTable({ rows, sides }: { rows: DiffRow[]; sides: Sides }) {
  const t = useT(auditMessages);
  const value = (text?: string) => <span className="audit-value">{text ?? ''}</span>;
  return (
    <Table<DiffRow>
      size="small"
      pagination={false}
      rowKey="path"
      dataSource={rows}
      rowClassName={(row) => CHANGE_CLASS[row.change]}
      tableLayout="fixed"
      columns={[
        { title: t('field'), dataIndex: 'path', width: '30%', render: (path: string) => <code className="audit-path">{path}</code> },
        ...(sides !== 'after' ? [{ title: t('before'), dataIndex: 'before', className: 'audit-before', render: value }] : []),
        ...(sides !== 'before' ? [{ title: t('after'), dataIndex: 'after', className: 'audit-after', render: value }] : []),
      ]}
    />
  );
}

export function AuditEntryItem({ entry, actors, live }: Props) {
  const t = useT(auditMessages);
  const { locale } = useLocale();
  const rows = useMemo(() => diff(entry.before, entry.after), [entry.before, entry.after]);
  const changed = rows.filter((row) => row.change !== 'same');
  const same = rows.filter((row) => row.change === 'same');
  const actor = entry.actorId ? (actors.get(entry.actorId) ?? t('unknownActor', { id: entry.actorId })) : t('system');
  const sides: Sides = entry.before == null ? 'after' : entry.after == null ? 'before' : 'both';
  const kind = entry.before == null ? t('created') : entry.after == null ? t('deleted') : t('fields', { count: changedCount(rows) });
  const when = new Date(entry.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB');

  return (
    <div className={live ? 'audit-entry audit-live' : 'audit-entry'} data-testid="audit-entry" data-action={entry.action}>
      <Flex wrap gap={8} align="baseline" justify="space-between">
        <Flex wrap gap={8} align="baseline">
          <Tag color="blue" data-testid="audit-action">
            {entry.action}
          </Tag>
          <Typography.Text strong>
            {entry.entityType}
            {entry.entityId ? ` #${entry.entityId}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary">{kind}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary" className="audit-meta">
          {actor} · {when}
        </Typography.Text>
      </Flex>
      {changed.length > 0 && <DiffTable rows={changed} sides={sides} />}
      {same.length > 0 && (
        <Collapse
          ghost
          size="small"
          items={[{ key: 'same', label: t('unchanged', { count: same.length }), children: <DiffTable rows={same} sides={sides} /> }]}
        />
      )}
      {entry.requestId && (
        <Typography.Text type="secondary" className="audit-meta">
          {t('request', { id: entry.requestId })}
        </Typography.Text>
      )}
    </div>
  );
}
