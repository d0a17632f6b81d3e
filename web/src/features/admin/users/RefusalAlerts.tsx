// What the server refused, above an account form; a CONFLICT offers a reload.
import { Alert, Button, Flex } from 'antd';
import { useT } from '../../../app/i18n';
import { usersMessages } from './messages';
import type { Refusal } from './problems';

export function RefusalAlerts({ refusal, onReload }: { refusal: Refusal; onReload: () => void }) {
  const t = useT(usersMessages);
  if (!refusal.conflict && refusal.general.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {refusal.conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="conflict"
          title={t('conflict')}
          description={t('conflictHint')}
          action={
            <Button size="small" data-testid="conflict-reload" onClick={onReload}>
              {t('reload')}
            </Button>
          }
        />
      )}
      {refusal.general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} data-testid="form-error" />
      ))}
    </Flex>
  );
}
