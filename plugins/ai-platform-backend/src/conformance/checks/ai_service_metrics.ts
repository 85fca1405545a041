import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterSnapshot,
  EvidenceItem,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  allWorkloads,
  crdsOfGroup,
  describeWorkload,
  evidence,
  isReadable,
  isRunning,
  labelsMatch,
  nsName,
  ref,
  result,
  servedVersions,
  unreadable,
  workloadRef,
} from './helpers';

const OPERATOR_GROUP = 'monitoring.coreos.com';
const GMP_GROUP = 'monitoring.googleapis.com';
const AZURE_GROUP = 'azmonitoring.coreos.com';

/** A Prometheus server run without the operator (e.g. the prometheus Helm chart). */
function isPlainPrometheus(w: WorkloadSummary): boolean {
  if (/adapter|operator|exporter|pushgateway|alertmanager/.test(w.name))
    return false;
  return (
    /^prometheus(-server)?$|-prometheus-server$|^prometheus-server/.test(
      w.name,
    ) || w.images.some(i => /(^|\/)prom(etheus)?\/prometheus(:|@|$)/.test(i))
  );
}

function isOtelCollector(w: WorkloadSummary): boolean {
  return (
    /otel-collector|opentelemetry-collector/.test(w.name) ||
    w.images.some(i => /opentelemetry-collector/.test(i))
  );
}

/** Monitors that select model servers (vLLM, KServe, Triton, SGLang, TGI, llm-d). */
function aiMonitors(s: ClusterSnapshot) {
  const servers = [
    ...s.workloads.deployments.filter(
      d => d.containers?.length || Object.keys(d.acceleratorRequests).length,
    ),
  ];
  return s.observability.monitors.filter(m => {
    const text = `${m.name} ${Object.entries(m.selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`;
    if (/vllm|kserve|triton|sglang|tgi|llm-d|inference|model/i.test(text))
      return true;
    return servers.some(
      d =>
        labelsMatch(m.selector, d.templateLabels) ||
        s.services.some(
          sv =>
            sv.namespace === d.namespace &&
            labelsMatch(sv.selector, d.templateLabels) &&
            labelsMatch(m.selector, sv.labels),
        ),
    );
  });
}

const CANNOT_PROVE =
  'That a new workload is discovered, scraped and its request, latency and queue series queried needs the active test (TestAIServiceMetrics).';

/**
 * KAR-0061. Pass: a discovery API (Prometheus Operator ServiceMonitor/
 * PodMonitor, GKE Managed Prometheus, Azure) with a running Prometheus.
 * Partial: the discovery CRDs without a running Prometheus, or a running
 * Prometheus (or OpenTelemetry collector) without discovery CRDs - a
 * monitoring system that is there but not the one the program's test
 * drives. Fail: no monitoring stack.
 */
export const aiServiceMetricsCheck: ConformanceCheck = {
  requirementId: 'ai_service_metrics',
  evaluate(s) {
    if (!isReadable(s, 'discovery') || !isReadable(s, 'crds')) {
      return unreadable(s, ['discovery', 'crds'], [], 'the served APIs');
    }
    const items: EvidenceItem[] = [];
    const hasKinds = (group: string) =>
      servedVersions(s, group).length > 0 &&
      (crdsOfGroup(s, group).length === 0 ||
        crdsOfGroup(s, group).some(c => /Monitor|Monitoring/.test(c.kind)));
    const operator = hasKinds(OPERATOR_GROUP);
    const gmp = hasKinds(GMP_GROUP);
    const azure = hasKinds(AZURE_GROUP);
    for (const [on, group] of [
      [operator, OPERATOR_GROUP],
      [gmp, GMP_GROUP],
      [azure, AZURE_GROUP],
    ] as const) {
      if (on) {
        items.push(
          evidence(
            'strong',
            true,
            `${group} (${servedVersions(s, group).join(
              ', ',
            )}) served with monitor kinds`,
          ),
        );
      }
    }

    if (
      (operator || azure) &&
      (!isReadable(s, 'monitors') || !isReadable(s, 'services'))
    ) {
      return unreadable(
        s,
        ['monitors', 'services'],
        items,
        'the Prometheus instances',
      );
    }
    const running = s.observability.prometheuses.filter(p => p.ready === true);
    for (const p of s.observability.prometheuses) {
      items.push(
        evidence(
          'strong',
          p.ready === true,
          `Prometheus ${nsName(p)} Ready=${String(p.ready)}`,
          ref(`${OPERATOR_GROUP}/v1`, 'Prometheus', p.name, p.namespace),
        ),
      );
    }
    const operated = s.services.filter(sv => sv.name === 'prometheus-operated');
    for (const sv of operated) {
      items.push(
        evidence(
          'strong',
          true,
          `Service ${nsName(sv)}`,
          ref('v1', 'Service', sv.name, sv.namespace),
        ),
      );
    }
    for (const m of aiMonitors(s)) {
      items.push(
        evidence(
          'medium',
          true,
          `${m.kind} ${nsName(m)} selects model servers`,
          ref(`${m.group}/v1`, m.kind, m.name, m.namespace),
        ),
      );
    }
    const plain = allWorkloads(s).filter(isPlainPrometheus);
    const otel = allWorkloads(s).filter(isOtelCollector);
    for (const w of plain) {
      items.push(
        evidence(
          'hint',
          isRunning(w),
          `Prometheus without the operator: ${describeWorkload(w)}`,
          workloadRef(w),
        ),
      );
    }
    for (const w of otel) {
      items.push(
        evidence(
          'medium',
          isRunning(w),
          `OpenTelemetry collector: ${describeWorkload(w)}`,
          workloadRef(w),
        ),
      );
    }

    const managed = gmp;
    if (
      managed ||
      ((operator || azure) && (running.length || operated.length))
    ) {
      return result(
        'pass',
        managed
          ? 'GKE Managed Prometheus discovery API is served'
          : `Prometheus Operator monitors are served and Prometheus is running${
              running.length ? ` (${running.map(nsName).join(', ')})` : ''
            }`,
        items,
        { cannotProve: CANNOT_PROVE },
      );
    }
    if (!isReadable(s, 'deployments') || !isReadable(s, 'daemonSets')) {
      return unreadable(
        s,
        ['deployments', 'daemonSets'],
        items,
        'the monitoring workloads',
      );
    }
    if (operator || azure) {
      return result(
        'partial',
        'Monitor CRDs are installed but no Prometheus is running',
        items,
        {
          cannotProve: CANNOT_PROVE,
        },
      );
    }
    const runningPlain = plain.filter(isRunning);
    const runningOtel = otel.filter(isRunning);
    if (runningPlain.length || runningOtel.length) {
      return result(
        'partial',
        `A monitoring system runs (${[...runningPlain, ...runningOtel]
          .map(nsName)
          .join(
            ', ',
          )}) but there is no ServiceMonitor/PodMonitor discovery API`,
        items,
        { cannotProve: CANNOT_PROVE },
      );
    }
    return result(
      'fail',
      'No monitoring stack: no Prometheus and no monitoring.coreos.com, GKE or Azure monitor API',
      items,
    );
  },
};
