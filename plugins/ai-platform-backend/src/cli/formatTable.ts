import { GpuCounts } from '@ai-platform/plugin-ai-platform-common';
import { ScanReport } from './scanReport';

/** Aligns rows into columns; numbers are right-aligned. */
export function renderTable(rows: (string | number)[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, String(cell).length);
    });
  }
  return rows
    .map(row =>
      row
        .map((cell, i) =>
          typeof cell === 'number'
            ? String(cell).padStart(widths[i])
            : String(cell).padEnd(widths[i]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function memory(mib?: number): string {
  return mib === undefined
    ? '-'
    : `${(mib / 1024).toFixed(mib % 1024 === 0 ? 0 : 1)} GiB`;
}

function counts(c: GpuCounts): number[] {
  return [c.physical, c.allocatable, c.allocated, c.free];
}

/** The scan report for people. */
export function formatScanTable(report: ScanReport): string {
  const { cluster, inventory } = report;
  const lines: string[] = [];
  lines.push(
    `Cluster ${cluster.name}${
      cluster.url ? ` (${cluster.url})` : ''
    }, Kubernetes ${cluster.kubernetesVersion ?? 'unknown'}`,
    `Collected ${cluster.collectedAt} in ${cluster.durationMs} ms: ${inventory.nodes} nodes, ${inventory.gpuNodes} with GPUs`,
    '',
  );

  lines.push(
    renderTable([
      ['GPUS', 'PHYSICAL', 'ALLOCATABLE', 'ALLOCATED', 'FREE'],
      ['total', ...counts(inventory.gpus)],
    ]),
    '',
  );

  if (inventory.gpus.byProduct.length > 0) {
    lines.push(
      renderTable([
        [
          'VENDOR',
          'PRODUCT',
          'MEMORY',
          'NODES',
          'PHYSICAL',
          'ALLOCATABLE',
          'ALLOCATED',
          'FREE',
        ],
        ...inventory.gpus.byProduct.map(p => [
          p.vendor,
          p.product,
          memory(p.memoryMiB),
          p.nodes,
          ...counts(p),
        ]),
      ]),
      '',
    );
  }

  if (inventory.partitions.length > 0) {
    lines.push(
      renderTable([
        [
          'PARTITION',
          'KIND',
          'PRODUCT',
          'MEMORY',
          'GPUS',
          'ALLOCATABLE',
          'ALLOCATED',
          'FREE',
        ],
        ...inventory.partitions.map(p => [
          p.resourceName,
          p.replicas ? `${p.kind} x${p.replicas}` : p.kind,
          p.product,
          memory(p.memoryMiB),
          p.physicalGpus,
          p.allocatable,
          p.allocated,
          p.free,
        ]),
      ]),
      '',
    );
  }

  const drivers = Object.entries(inventory.dra.byDriver);
  if (drivers.length > 0) {
    lines.push(
      renderTable([
        ['DRA DRIVER', 'POOLS', 'COMPLETE', 'DEVICES', 'ALLOCATED'],
        ...drivers.map(([driver, d]) => [
          driver,
          d.pools,
          d.completePools,
          d.devices,
          d.allocated,
        ]),
      ]),
      '',
    );
  }

  const { summary } = report;
  lines.push(
    `AI conformance, checklist ${report.checklistVersion}: MUST ${summary.must.pass}/${summary.must.total} pass, SHOULD ${summary.should.pass}/${summary.should.total} pass`,
  );
  if (report.checklistNote) lines.push(report.checklistNote);
  lines.push(
    renderTable([
      ['REQUIREMENT', 'KAR', 'LEVEL', 'VERDICT', 'REASON'],
      ...report.requirements.map(r => [
        r.id,
        r.kar ?? '-',
        r.level,
        r.verdict,
        r.reason,
      ]),
    ]),
    `Readiness: ${summary.readiness}. ${summary.readinessReason}`,
    '',
  );

  if (report.errors.length === 0) {
    lines.push('Every part of the cluster was read.');
  } else {
    lines.push(
      `Could not read ${report.errors.length} part(s); the numbers above may be incomplete:`,
    );
    for (const e of report.errors) {
      lines.push(
        `  ${e.resource}: ${e.reason}${
          e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''
        }: ${e.message}`,
      );
    }
  }
  return lines.join('\n');
}
