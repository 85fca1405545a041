import {
  ObservabilityInfo,
  OperatorResourceSummary,
  SecurityInfo,
} from '@ai-platform/plugin-ai-platform-common';
import {
  apiVersionOf,
  arr,
  conditions,
  conditionState,
  matchLabels,
  meta,
  obj,
  spec,
  status,
  str,
} from './common';

/** A ServiceMonitor, PodMonitor (Prometheus Operator, Azure) or PodMonitoring (GKE). */
export function normalizeMonitor(
  raw: unknown,
  group: string,
  kind: string,
): ObservabilityInfo['monitors'][number] {
  const m = meta(raw);
  const monitor: ObservabilityInfo['monitors'][number] = {
    group,
    kind,
    name: m.name,
    selector: matchLabels(spec(raw).selector),
  };
  if (m.namespace) monitor.namespace = m.namespace;
  return monitor;
}

/** A Prometheus (operator); ready when Available, or Reconciled on versions without it. */
export function normalizePrometheus(
  raw: unknown,
): ObservabilityInfo['prometheuses'][number] {
  const m = meta(raw);
  const conds = conditions(status(raw));
  const available = conditionState(conds, 'Available');
  return {
    namespace: m.namespace ?? '',
    name: m.name,
    ready:
      available === 'unknown' ? conditionState(conds, 'Reconciled') : available,
  };
}

export function normalizeValidatingWebhookConfiguration(
  raw: unknown,
): SecurityInfo['validatingWebhooks'][number] {
  return {
    name: meta(raw).name,
    webhooks: arr(obj(raw).webhooks).map(w => {
      const webhook = obj(w);
      const clientConfig = obj(webhook.clientConfig);
      const service = obj(clientConfig.service);
      const out: SecurityInfo['validatingWebhooks'][number]['webhooks'][number] =
        {
          name: str(webhook.name) ?? '',
          rules: arr(webhook.rules).length,
          hasCaBundle: (str(clientConfig.caBundle) ?? '').length > 0,
        };
      if (str(service.name)) {
        out.service = {
          namespace: str(service.namespace) ?? '',
          name: str(service.name)!,
        };
      }
      return out;
    }),
  };
}

/** Free-form state fields of known operators (KubeRay, Kubeflow), first present wins. */
const STATE_FIELDS = [
  'state',
  'jobDeploymentStatus',
  'jobStatus',
  'serviceStatus',
  'phase',
];

/** A custom resource of a known AI operator (KubeRay, Kubeflow Trainer, PyTorchJob). */
export function normalizeOperatorResource(
  raw: unknown,
  fallbackApiVersion: string,
  kind: string,
): OperatorResourceSummary {
  const m = meta(raw);
  const st = status(raw);
  const summary: OperatorResourceSummary = {
    apiVersion: apiVersionOf(raw, fallbackApiVersion),
    kind: str(obj(raw).kind) ?? kind,
    name: m.name,
    conditions: conditions(st),
  };
  if (m.namespace) summary.namespace = m.namespace;
  for (const field of STATE_FIELDS) {
    if (str(st[field])) {
      summary.state = str(st[field]);
      break;
    }
  }
  return summary;
}
