// The floor of a local sale of scrap (DOMAIN "Local sale price"): 85 % of the
// market price, 75 % in the remote provinces. Shared by the lot form (which
// shows it before submitting) and the approvals inbox (which shows what a
// lot is measured against).
import { cents, divide, multiply } from './decimal';

/** Provinces that may sell up to 10 % further below the market price. */
export const REMOTE_PROVINCES: readonly string[] = [
  '宁夏', '青海', '甘肃', '辽宁', '云南', '重庆', '广西', '四川', '内蒙古', '河北', '湖北', '贵州', '吉林', '黑龙江', '新疆',
];

/** `新疆维吾尔自治区` → `新疆`, `湖北省` → `湖北`: the server compares provinces without suffixes. */
function core(province: string): string {
  const trimmed = province.trim();
  const suffix = ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '省', '市'].find((s) => trimmed.endsWith(s));
  return suffix ? trimmed.slice(0, -suffix.length) : trimmed;
}

export function isRemote(province: string): boolean {
  return REMOTE_PROVINCES.includes(core(province));
}

/** The lowest sale price as percent of the base price in `province`. */
export function floorPercent(province: string): string {
  return isRemote(province) ? '75' : '85';
}

/** The lowest sale price for a base price in `province`, in cents. */
export function floorPrice(basePrice: string, province: string): string {
  return cents(divide(multiply(basePrice, floorPercent(province)), '100', 4));
}
