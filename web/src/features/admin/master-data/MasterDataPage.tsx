// Master data: a menu of the entities the user may edit (left on a desk, a
// select on a phone) and the chosen entity's list at /admin/data/<entity>.
import { Flex, Grid, Menu, Select } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../../app/i18n';
import { getSession, hasAnyRole } from '../../../app/session';
import { ENTITIES } from './entities';

export default function MasterDataPage() {
  const { entity } = useParams();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const user = getSession()?.user;
  const allowed = ENTITIES.filter((e) => hasAnyRole(user, e.roles));
  const chosen = allowed.find((e) => e.key === entity);
  if (!chosen) {
    const first = allowed[0];
    return first ? <Navigate to={`/admin/data/${first.key}`} replace /> : <Navigate to="/" replace />;
  }
  const items = allowed.map((e) => ({ key: e.key, label: e.label(locale) }));
  const go = (key: string) => navigate(`/admin/data/${key}`);
  const Screen = chosen.Screen;

  return (
    <Flex vertical={phone} gap={phone ? 8 : 16} align="flex-start">
      {phone ? (
        <Select
          value={chosen.key}
          options={items.map((i) => ({ value: i.key, label: i.label }))}
          onChange={go}
          style={{ width: '100%' }}
          data-testid="entity-select"
        />
      ) : (
        <Menu
          mode="inline"
          selectedKeys={[chosen.key]}
          items={items}
          onClick={({ key }) => go(key)}
          style={{ width: 180, flex: 'none', borderRadius: 8 }}
          data-testid="entity-menu"
        />
      )}
      <div style={{ flex: 1, minWidth: 0, width: phone ? '100%' : undefined }}>
        {/* A new entity is a new screen: its filters, page and drawer start afresh. */}
        <Screen key={chosen.key} />
      </div>
    </Flex>
  );
}
