// The old parts the engineer still has to hand in (旧件), late ones first,
// with the due date and how many days late each is.
import { Alert, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence } from '../../components/errors';
import { OLD_PART_STATUS, label } from '../../components/labels';
import { MyOldPartsDocument } from '../../gql/graphql';
import { engineerMessages } from './messages';
import { lateFirst } from './oldParts';
import { useField } from './useField';

/** Still with the engineer: not yet collected by the warehouse. */
const OWED = new Set(['PENDING', 'REPLIED']);

export default function MyOldPartsPage() {
  const t = useT(engineerMessages);
  const { locale } = useLocale();
  const colon = locale === 'zh' ? '：' : ': ';
  const { field, snapshot } = useField();
  const [{ data, error, fetching }] = useQuery({ query: MyOldPartsDocument });
  useEffect(() => {
    if (data) void field.saveOldParts(data.oldParts.nodes);
  }, [data, field]);
  // Offline: what was last read.
  const nodes = data?.oldParts.nodes ?? snapshot.oldParts;
  if (!nodes && (fetching || !snapshot.loaded)) return <Spin style={{ display: 'block', margin: 48 }} />;
  const parts = lateFirst((nodes ?? []).filter((p) => OWED.has(p.status) && p.mustReturn));

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('myOldParts')}
      </Typography.Title>
      {error && !data && !nodes && (
        <Alert type="error" showIcon title={problemsOf(error).map((p) => sentence(p, locale)).join(' ')} />
      )}
      {error && !data && nodes && <Alert type="info" showIcon title={t('cachedAt')} style={{ marginBottom: 12 }} />}
      {nodes && parts.length === 0 && <Empty description={t('noOldParts')} />}
      {parts.map((part) => (
        <Card key={part.id} size="small" data-testid="old-part-card" style={{ marginBottom: 12 }}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {part.part?.name ?? '—'}
            </Typography.Text>
            {part.delayDays > 0 || part.overdue ? (
              <Tag color="red">{t('delayDays', { days: part.delayDays })}</Tag>
            ) : (
              <Tag color="green">{t('onTime')}</Tag>
            )}
          </Flex>
          <Flex vertical gap={2} style={{ marginTop: 6 }}>
            <Typography.Text type="secondary">
              {part.part?.partNumber} × {part.quantity}
              {part.unit ? ` · ${part.unit.serialNumber}` : ''}
            </Typography.Text>
            <Typography.Text>
              {t('approvalNumber')}{colon}{part.approvalNumber}
            </Typography.Text>
            <Typography.Text>
              {t('dueOn')}{colon}<strong>{part.dueOn}</strong>
              {part.promisedOn ? ` · ${t('promisedOn')}${colon}${part.promisedOn}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('reason')}{colon}{part.reason}
            </Typography.Text>
            <div>
              <Tag>{label(OLD_PART_STATUS, part.status, locale)}</Tag>
            </div>
          </Flex>
        </Card>
      ))}
    </div>
  );
}
