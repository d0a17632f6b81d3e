// The quality policy's limits (DOMAIN.md §8) as the server is configured:
// the dashboards draw them as lines and name them in flags and sentences,
// while the verdicts themselves (`tooFrequent`, `tooManyParts`, `level`)
// come with each report.
import { useQuery } from 'urql';
import { QualityThresholdsDocument, type QualityThresholdsQuery } from '../../gql/graphql';

export type Thresholds = QualityThresholdsQuery['qualityThresholds'];

/** The configured limits (undefined until they arrive). */
export function useThresholds() {
  const [{ data, error }, refetch] = useQuery({ query: QualityThresholdsDocument });
  return { thresholds: data?.qualityThresholds, error, refetch };
}

/** An amount as a rule names it: thousands separated, cents only when there are any. */
export function amountText(decimal: string): string {
  const n = Number(decimal);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : decimal;
}
