// The report's filter in the URL: application dates from–to and a region,
// the same parameters `oldPartReturnReport` and the export take.

export interface ReportFilter {
  from: string | null;
  to: string | null;
  region: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function reportParamsOf(params: URLSearchParams): ReportFilter {
  const dayOf = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : null;
  };
  return { from: dayOf('from'), to: dayOf('to'), region: params.get('region') || null };
}

export function reportSearch(filter: ReportFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.region) params.set('region', filter.region);
  return params;
}
