// A record's history in a drawer, for any admin screen: every recorded
// change to it, oldest first, with the before/after of each, following new
// changes live. Open it with the record's type as the audit names it
// (`user`, `part`, `dealer` …) and the record's id (the API's opaque id or
// the recorded one).
import { Alert, Button, Drawer, Empty, Flex, Grid, Typography } from 'antd';
import { Link } from 'react-router';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { AuditEntryItem } from './AuditEntryItem';
import { auditMessages } from './messages';
import { useActors } from './useActors';
import { useRecordHistory } from './useRecordHistory';
import { auditHref, recordKey } from './view';

export interface HistoryDrawerProps {
  open: boolean;
  onClose: () => void;
  /** The audit's entity type, e.g. `user`. */
  entityType: string;
  /** The record's id: the API's opaque id or the recorded one. */
  entityId: string;
  /** How the record is called on the screen, for the title. */
  name?: string;
}

/** The entries found so far and the search's progress. */
export function RecordEntries({ entityType, entityId, followLive }: { entityType: string; entityId: string; followLive: boolean }) {
  const t = useT(auditMessages);
  const { locale } = useLocale();
  const history = useRecordHistory(entityType, entityId, followLive);
  const actors = useActors();
  return (
    <Flex vertical gap={12} data-testid="record-entries">
      {history.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed') + problemsOf(history.error).map((p) => sentence(p, locale)).join(' ')}
          action={<Button onClick={history.more}>{t('retry')}</Button>}
        />
      )}
      {history.entries.map((entry) => (
        <AuditEntryItem key={entry.id} entry={entry} actors={actors} />
      ))}
      {history.done && history.entries.length === 0 && <Empty description={t('empty')} />}
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">
          {history.loading
            ? t('scanning')
            : t('scanned', { scanned: history.scanned, total: history.total, type: entityType })}
        </Typography.Text>
        {!history.done && !history.loading && !history.error && (
          <Button size="small" onClick={history.more}>
            {t('scanMore')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

export function HistoryDrawer({ open, onClose, entityType, entityId, name }: HistoryDrawerProps) {
  const t = useT(auditMessages);
  const phone = Grid.useBreakpoint().md === false;
  const key = recordKey(entityId);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={name ? t('historyOf', { name }) : t('history')}
      size={phone ? '100%' : 720}
      destroyOnHidden
      extra={
        <Link to={auditHref(entityType, key)} onClick={onClose}>
          {t('openPage')}
        </Link>
      }
    >
      <Flex vertical gap={12} data-testid="history-drawer">
        <Typography.Text type="secondary">{t('recordGap')}</Typography.Text>
        {open && <RecordEntries key={`${entityType}:${key}`} entityType={entityType} entityId={key} followLive />}
      </Flex>
    </Drawer>
  );
}
