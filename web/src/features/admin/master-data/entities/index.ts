// Every master-data entity, in the menu's order: what a unit is made of
// first, then people, then rules and calendars.
import type { EntityEntry } from '../scaffold/define';
import { customers } from './customers';
import { dealers } from './dealers';
import { engineers } from './engineers';
import { faultCauses } from './faultCauses';
import { holidays } from './holidays';
import { parts } from './parts';
import { productModels } from './productModels';
import { serviceContracts } from './serviceContracts';
import { tariffs } from './tariffs';
import { units } from './units';
import { warehouses } from './warehouses';
import { warrantyPolicies } from './warrantyPolicies';

export const ENTITIES: readonly EntityEntry[] = [
  customers,
  dealers,
  productModels,
  units,
  parts,
  warehouses,
  engineers,
  warrantyPolicies,
  serviceContracts,
  tariffs,
  holidays,
  faultCauses,
];
