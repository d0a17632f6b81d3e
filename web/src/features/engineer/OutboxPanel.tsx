// The steps waiting to be sent, on the job list and on the job: the engineer
// sees what has not reached the office yet, and why a step was refused.
import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Typography } from 'antd';
import { useLocale, useT } from '../../app/i18n';
import { sentence } from '../../components/errors';
import { engineerMessages } from './messages';
import { inOrder, type OutboxItem } from './outbox';
import type { Field } from './field';

interface Props {
  field: Field;
  items: readonly OutboxItem[];
  /** Sends what waits now (when online). */
  onSend: () => void;
  /** Reloads the job a refused step was about (a conflict: the job changed). */
  onReload?: (ticketId: string) => void;
}

export function OutboxPanel({ field, items, onSend, onReload }: Props) {
  const t = useT(engineerMessages);
  const { locale } = useLocale();
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      data-testid="outbox"
      title={
        <Space>
          <CloudUploadOutlined />
          {t('outbox', { count: items.length })}
        </Space>
      }
      extra={
        <Button size="small" onClick={onSend}>
          {t('sendNow')}
        </Button>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('outboxHint')}
      </Typography.Text>
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        {inOrder(items).map((item) => (
          <div key={item.id} data-testid="outbox-item" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
            <Space wrap>
              <Typography.Text strong>{item.number}</Typography.Text>
              <Typography.Text>{t(`kind${item.action.kind}`)}</Typography.Text>
            </Space>
            {item.problem && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 6 }}
                title={<span data-testid="outbox-error">{sentence(item.problem, locale)}</span>}
                action={
                  <Space orientation="vertical" size={4}>
                    {item.problem.code === 'CONFLICT' && onReload && (
                      <Button size="small" onClick={() => onReload(item.ticketId)}>
                        {t('reload')}
                      </Button>
                    )}
                    <Button
                      size="small"
                      onClick={async () => {
                        await field.retry(item.id);
                        onSend();
                      }}
                    >
                      {t('retry')}
                    </Button>
                    <Button size="small" danger onClick={() => void field.drop(item.id)}>
                      {t('drop')}
                    </Button>
                  </Space>
                }
              />
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}
