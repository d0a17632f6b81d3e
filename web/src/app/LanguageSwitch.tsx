import { Button } from 'antd';
import { useLocale, useT } from './i18n';
import { appMessages } from './messages';

/** 中文 ⇄ English. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useT(appMessages);
  return (
    <Button size="small" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')} data-testid="language-switch">
      {t('language')}
    </Button>
  );
}
