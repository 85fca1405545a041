import { useId } from 'react';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';

export interface GpuBar {
  label: string;
  physical: number;
  allocated: number;
  free: number;
}

/**
 * Physical, allocated and free GPUs as horizontal bars. The chart is an
 * image for screen readers (title + description); the numbers are also in
 * the data table the caller renders next to it.
 */
export function GpuBarChart(props: {
  title: string;
  bars: GpuBar[];
  /** Bars beyond this are left to the table. */
  maxBars?: number;
}) {
  const theme = useTheme();
  const captionId = useId();
  const max = props.maxBars ?? 20;
  const bars = props.bars.slice(0, max);
  const desc = bars
    .map(
      b =>
        `${b.label}: ${b.physical} physical, ${b.allocated} allocated, ${b.free} free`,
    )
    .join('; ');
  const longest = Math.max(...bars.map(b => b.label.length), 4);
  return (
    <figure style={{ margin: 0 }} role="figure" aria-labelledby={captionId}>
      <BarChart
        title={props.title}
        desc={desc}
        height={Math.max(140, 64 + bars.length * 44)}
        layout="horizontal"
        yAxis={[
          {
            scaleType: 'band',
            data: bars.map(b => b.label),
            width: Math.min(260, 16 + longest * 7),
          },
        ]}
        series={[
          {
            data: bars.map(b => b.physical),
            label: 'Physical',
            color: theme.palette.primary.main,
          },
          {
            data: bars.map(b => b.allocated),
            label: 'Allocated',
            color: theme.palette.warning.main,
          },
          {
            data: bars.map(b => b.free),
            label: 'Free',
            color: theme.palette.success.main,
          },
        ]}
        margin={{ left: 8, right: 16 }}
      />
      <Typography
        id={captionId}
        component="figcaption"
        variant="caption"
        color="text.secondary"
      >
        {props.title}
        {props.bars.length > max
          ? ` (the ${max} largest of ${props.bars.length}; all are in the table)`
          : ''}
        . Allocated and free count schedulable units: MIG instances and shared
        replicas count one each.
      </Typography>
    </figure>
  );
}
