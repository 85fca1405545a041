import {
  GpuUnitGroup,
  GpuVendor,
} from '@ai-platform/plugin-ai-platform-common';

const dash = '—';

/** Memory as the backend reports it (MiB), shown in GiB. */
export function formatGiB(mib: number | undefined): string {
  if (mib === undefined || mib === null || Number.isNaN(mib)) return dash;
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "5 minutes ago"; a dash when there is no time. */
export function formatAge(iso: string | undefined, now = Date.now()): string {
  if (!iso) return dash;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return dash;
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return rtf.format(Math.round(seconds / size), unit);
    }
  }
  return dash;
}

/** A timestamp in the reader's locale, with the exact ISO time as fallback. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return dash;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

export const vendorLabels: Record<GpuVendor, string> = {
  nvidia: 'NVIDIA',
  amd: 'AMD',
  intel: 'Intel',
  other: 'Other',
};

export function vendorLabel(vendor: GpuVendor | undefined): string {
  return vendor ? vendorLabels[vendor] ?? vendor : dash;
}

/** How a group of schedulable units maps to hardware, in words. */
export function unitKindLabel(
  group: Pick<GpuUnitGroup, 'kind' | 'dra'> &
    Partial<Pick<GpuUnitGroup, 'profile' | 'replicas'>>,
): string {
  let label: string;
  switch (group.kind) {
    case 'mig':
      label = `MIG ${group.profile ?? 'instance'}`;
      break;
    case 'time-slicing':
      label = `Time-sliced${group.replicas ? ` ×${group.replicas}` : ''}`;
      break;
    case 'mps':
      label = `MPS${group.replicas ? ` ×${group.replicas}` : ''}`;
      break;
    default:
      label = 'Whole GPU';
  }
  return group.dra ? `${label} (DRA)` : label;
}

export function orDash(value: string | number | undefined | null): string {
  return value === undefined || value === null || value === ''
    ? dash
    : String(value);
}
