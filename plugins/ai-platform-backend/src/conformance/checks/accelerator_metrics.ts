import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  EvidenceItem,
  ServiceSummary,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  AcceleratorNode,
  detectAccelerators,
  isNvidiaNode,
  requireAccelerators,
} from './accelerators';
import {
  evidence,
  isReadable,
  labelsMatch,
  nsName,
  ref,
  result,
  unreadable,
  workloadRef,
} from './helpers';

const DCGM = /dcgm-exporter/;
/** Exporters of other vendors: AMD Device Metrics Exporter, Intel XPU Manager, Habana. */
const OTHER_EXPORTER =
  /device-metrics-exporter|amd.*metrics-exporter|xpumanager|xpu-manager|xpumd|habana.*exporter|metric-exporter/;

function exporterServices(services: ServiceSummary[], ds: WorkloadSummary) {
  return services.filter(
    sv =>
      sv.namespace === ds.namespace &&
      (labelsMatch(sv.selector, ds.templateLabels) || sv.name === ds.name),
  );
}

const CANNOT_PROVE =
  'That per-device utilization and memory series are served and change under load needs a scrape under load (TestAcceleratorPerformanceMetrics).';

/**
 * KAR-0059, for clusters with accelerators. Pass: a metrics exporter
 * (DCGM exporter for NVIDIA; the vendor's exporter for others) is ready on
 * every accelerator node of its vendor, behind a Service. Partial: an
 * exporter missing on some nodes or without a Service, or only a monitor
 * targeting one. Fail: no exporter (a deploy label is a hint only).
 */
export const acceleratorMetricsCheck: ConformanceCheck = {
  requirementId: 'accelerator_metrics',
  evaluate(s) {
    const presence = detectAccelerators(s);
    const skip = requireAccelerators(s, presence);
    if (skip) return skip;
    if (!isReadable(s, 'daemonSets')) {
      return unreadable(s, ['daemonSets'], [], 'the exporter DaemonSets');
    }

    const nvidiaNodes = presence.nodes.filter(isNvidiaNode);
    const otherNodes = presence.nodes.filter(n => !isNvidiaNode(n));
    const items: EvidenceItem[] = [];
    const gaps: string[] = [];
    const covered: string[] = [];
    let unknownService = false;

    const check = (
      vendor: string,
      nodes: AcceleratorNode[],
      pattern: RegExp,
    ) => {
      if (!nodes.length) return;
      const exporters = s.workloads.daemonSets.filter(ds =>
        pattern.test(ds.name),
      );
      if (!exporters.length) {
        gaps.push(`no ${vendor} metrics exporter for ${nodes.length} node(s)`);
        return;
      }
      const best = [...exporters].sort((a, b) => b.ready - a.ready)[0];
      const services = exporterServices(s.services, best);
      const complete = best.ready >= nodes.length;
      items.push(
        evidence(
          'strong',
          complete,
          `DaemonSet ${nsName(best)} ready on ${best.ready} of ${
            nodes.length
          } ${vendor} accelerator node(s)`,
          workloadRef(best),
        ),
      );
      for (const sv of services) {
        items.push(
          evidence(
            'strong',
            true,
            `Service ${nsName(sv)} port ${sv.ports
              .map(p => `${p.port}${p.name ? ` (${p.name})` : ''}`)
              .join(', ')}`,
            ref('v1', 'Service', sv.name, sv.namespace),
          ),
        );
        for (const m of s.observability.monitors.filter(
          mon =>
            labelsMatch(mon.selector, sv.labels) ||
            labelsMatch(mon.selector, best.templateLabels),
        )) {
          items.push(
            evidence(
              'medium',
              true,
              `${m.kind} ${nsName(m)} targets the exporter`,
              ref(`${m.group}/v1`, m.kind, m.name, m.namespace),
            ),
          );
        }
      }
      if (!complete)
        gaps.push(
          `${nsName(best)} is ready on ${best.ready} of ${
            nodes.length
          } ${vendor} accelerator nodes`,
        );
      else if (services.length) covered.push(`${nsName(best)} (${vendor})`);
      else if (isReadable(s, 'services'))
        gaps.push(`no Service exposes ${nsName(best)}`);
      else unknownService = true;
    };
    check('NVIDIA', nvidiaNodes, DCGM);
    check('non-NVIDIA', otherNodes, OTHER_EXPORTER);

    const deployLabel = nvidiaNodes.filter(
      n => n.node?.labels['nvidia.com/gpu.deploy.dcgm-exporter'] === 'true',
    );
    if (deployLabel.length) {
      items.push(
        evidence(
          'hint',
          true,
          `Label nvidia.com/gpu.deploy.dcgm-exporter=true on ${deployLabel.length} node(s)`,
        ),
      );
    }

    if (!gaps.length && !unknownService) {
      return result(
        'pass',
        `Accelerator metrics exporter ready on every accelerator node: ${covered.join(
          ', ',
        )}`,
        items,
        {
          cannotProve: CANNOT_PROVE,
        },
      );
    }
    const exporterSeen = items.some(i => i.strength === 'strong');
    if (exporterSeen && gaps.length) {
      return result(
        'partial',
        `Accelerator metrics are incomplete: ${gaps.join('; ')}`,
        items,
        {
          cannotProve: CANNOT_PROVE,
        },
      );
    }
    if (unknownService) {
      return unreadable(
        s,
        ['services'],
        items,
        'the Service in front of the exporter',
      );
    }
    return result(
      'fail',
      `No accelerator metrics exporter: ${gaps.join('; ')}`,
      items,
    );
  },
};
