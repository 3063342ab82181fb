// The ECharts build of the 区域统计 page: only the charts and components it draws, rendered as SVG (crisp at any
// zoom, and the browser tests can read the drawn geometry). Imported lazily by EChart.tsx, in the browser only.
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export { echarts }
