import {
  ClusterStatus,
  FleetInventory,
} from '@ai-platform/plugin-ai-platform-common';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

function Stat(props: {
  label: string;
  value: string | number;
  detail?: string;
}) {
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography variant="overline" component="p" color="text.secondary">
        {props.label}
      </Typography>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      {props.detail && (
        <Typography variant="body2" color="text.secondary">
          {props.detail}
        </Typography>
      )}
    </Paper>
  );
}

/** The fleet in four numbers; each comes straight from the backend. */
export function FleetTotals(props: {
  clusters?: ClusterStatus[];
  fleet?: FleetInventory;
}) {
  const { clusters, fleet } = props;
  const byState = (state: ClusterStatus['state']) =>
    clusters?.filter(c => c.state === state).length ?? 0;
  const ellipsis = '…';
  return (
    <Grid
      container
      spacing={2}
      sx={{ mb: 2 }}
      component="ul"
      aria-label="Fleet totals"
      style={{ listStyle: 'none', paddingLeft: 0 }}
    >
      <Grid size={{ xs: 12, sm: 6, md: 3 }} component="li">
        <Stat
          label="Clusters"
          value={clusters ? clusters.length : ellipsis}
          detail={
            clusters
              ? `${byState('fresh')} fresh, ${byState(
                  'stale',
                )} stale, ${byState('pending')} pending, ${byState(
                  'failed',
                )} failed`
              : undefined
          }
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }} component="li">
        <Stat
          label="Physical GPUs"
          value={fleet ? fleet.gpus.physical : ellipsis}
          detail={
            fleet ? `${fleet.gpus.allocatable} schedulable units` : undefined
          }
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }} component="li">
        <Stat
          label="Allocated units"
          value={fleet ? fleet.gpus.allocated : ellipsis}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }} component="li">
        <Stat label="Free units" value={fleet ? fleet.gpus.free : ellipsis} />
      </Grid>
    </Grid>
  );
}
