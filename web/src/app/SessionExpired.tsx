import { Alert, Modal } from 'antd';
import { SignInForm } from './SignInForm';
import { useT } from './i18n';
import { appMessages } from './messages';
import type { Session } from './session';

/**
 * Opens over the current screen when the token expires, so that what the
 * user typed stays where it is. Signing in as the same user goes on; as
 * someone else starts over at their home page.
 */
export function SessionExpired({ session }: { session: Session }) {
  const t = useT(appMessages);
  return (
    <Modal open closable={false} footer={null} title={t('signInTitle')} mask={{ closable: false }}>
      <div data-testid="session-expired">
        <Alert type="warning" showIcon title={t('sessionExpired')} style={{ marginBottom: 16 }} />
        <SignInForm
          username={session.user.username}
          onSignedIn={(user) => {
            if (user.id !== session.user.id) window.location.assign('/');
          }}
        />
      </div>
    </Modal>
  );
}
