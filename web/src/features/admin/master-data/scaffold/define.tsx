// An entity's config becomes an entry of the master-data menu: its key, who
// may open it, its word and its screen (the generic one, typed by the config).
import type { ComponentType } from 'react';
import type { AnyVariables } from 'urql';
import type { Locale } from '../../../../app/i18n';
import type { Role } from '../../../../gql/enums';
import { EntityScreen } from './EntityScreen';
import type { EntityConfig } from './types';

export interface EntityEntry {
  key: string;
  roles: readonly Role[];
  label: (locale: Locale) => string;
  Screen: ComponentType;
}

export function defineEntity<Q, V extends AnyVariables, Row, Values, K extends string>(
  config: EntityConfig<Q, V, Row, Values, K>,
): EntityEntry {
  function Screen() {
    return <EntityScreen config={config} />;
  }
  return { key: config.key, roles: config.roles, label: (locale) => config.messages[locale][config.title], Screen };
}
