// One chart: ECharts from its core with only the parts the dashboards use
// (bars, lines, axes, legend, tooltip, title, target lines; SVG renderer),
// so this feature's chunk stays small and the console's first load carries
// none of it. The chart follows its box's size (window, drawer, rotation).
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { getInstanceByDom, init, use as register, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from './charts';

register([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

declare global {
  interface Window {
    /** The option a chart shows, by its element: the browser checks read the chart through it. */
    chartOptionOf?: (element: Element) => unknown;
  }
}
window.chartOptionOf = (element) => getInstanceByDom(element as HTMLElement)?.getOption();

interface Props {
  option: ChartOption;
  height: number;
  testId: string;
  /** A bar or point was clicked: its index in the category axis. */
  onPick?: (index: number) => void;
  ariaLabel: string;
}

export function EChart({ option, height, testId, onPick, ariaLabel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') pick.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }}
    />
  );
}
