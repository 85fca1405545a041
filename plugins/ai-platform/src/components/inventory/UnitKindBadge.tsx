import { GpuUnitKind } from '@ai-platform/plugin-ai-platform-common';
import Memory from '@mui/icons-material/Memory';
import GridView from '@mui/icons-material/GridView';
import Share from '@mui/icons-material/Share';
import { StatusBadge } from '../shared/StatusBadge';

/**
 * Whole GPUs, MIG instances and shared replicas look different, so partitions
 * are never mistaken for physical GPUs.
 */
export function UnitKindBadge(props: {
  kind: GpuUnitKind;
  dra?: boolean;
  label: string;
}) {
  switch (props.kind) {
    case 'mig':
      return (
        <StatusBadge
          tone="info"
          icon={<GridView />}
          label={props.label}
          title="MIG partition of a physical GPU"
        />
      );
    case 'time-slicing':
    case 'mps':
      return (
        <StatusBadge
          tone="warning"
          icon={<Share />}
          label={props.label}
          title="Shared replicas of one GPU, no memory isolation"
        />
      );
    default:
      return (
        <StatusBadge
          tone="neutral"
          icon={<Memory />}
          label={props.label}
          title="Whole physical GPU"
        />
      );
  }
}
