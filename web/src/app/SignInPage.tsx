import { Card, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { SignInForm } from './SignInForm';
import { useT } from './i18n';
import { appMessages } from './messages';
import { homeFor } from './navigation';

/** The page a visitor without a session sees, whatever the address. */
export function SignInPage() {
  const t = useT(appMessages);
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <div className="sign-in">
      <Card title={t('signInTitle')} extra={<LanguageSwitch />} style={{ width: 'min(400px, calc(100vw - 32px))' }}>
        <SignInForm
          onSignedIn={(user) => {
            // A deep link opened without a session goes on to where it pointed.
            const deep = location.pathname !== '/' && location.pathname !== '/sign-in';
            navigate(deep ? location.pathname + location.search : homeFor(user), { replace: true });
          }}
        />
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16 }}>
        aftersales
      </Typography.Text>
    </div>
  );
}
