// The provinces (the short Chinese name the API takes, e.g. 江苏) with their
// English names: the lot form's select and every page that shows a lot.
import type { Locale } from '../app/i18n';

export const PROVINCES: readonly [zh: string, en: string][] = [
  ['北京', 'Beijing'], ['天津', 'Tianjin'], ['河北', 'Hebei'], ['山西', 'Shanxi'], ['内蒙古', 'Inner Mongolia'],
  ['辽宁', 'Liaoning'], ['吉林', 'Jilin'], ['黑龙江', 'Heilongjiang'], ['上海', 'Shanghai'], ['江苏', 'Jiangsu'],
  ['浙江', 'Zhejiang'], ['安徽', 'Anhui'], ['福建', 'Fujian'], ['江西', 'Jiangxi'], ['山东', 'Shandong'],
  ['河南', 'Henan'], ['湖北', 'Hubei'], ['湖南', 'Hunan'], ['广东', 'Guangdong'], ['广西', 'Guangxi'],
  ['海南', 'Hainan'], ['重庆', 'Chongqing'], ['四川', 'Sichuan'], ['贵州', 'Guizhou'], ['云南', 'Yunnan'],
  ['西藏', 'Tibet'], ['陕西', 'Shaanxi'], ['甘肃', 'Gansu'], ['青海', 'Qinghai'], ['宁夏', 'Ningxia'],
  ['新疆', 'Xinjiang'],
];

export function provinceName(value: string, locale: Locale): string {
  const found = PROVINCES.find(([zh]) => zh === value);
  return found && locale === 'en' ? found[1] : value;
}

export function provinceOptions(locale: Locale) {
  return PROVINCES.map(([zh, en]) => ({ value: zh, label: locale === 'en' ? en : zh }));
}
