// What triage decides (service/src/rules/entitlement.rs): the warranty or a
// contract by the dates, unless the desk finds an exclusion (paid) or the
// customer needs only advice (guidance).
import type { Exclusion, ServiceType } from '../../../gql/enums';

/** The service type triage decides: guidance, else paid with an exclusion, else what the dates say. */
export function triageServiceType(
  byDates: ServiceType | undefined,
  exclusion: Exclusion | null | undefined,
  guidanceOnly: boolean | undefined,
): ServiceType | undefined {
  if (guidanceOnly) return 'OTHER';
  if (exclusion) return 'PAID';
  return byDates;
}
