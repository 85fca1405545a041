import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import { detectAccelerators, requireAccelerators } from './accelerators';
import {
  conditionText,
  crdNamed,
  describeWorkload,
  evidence,
  isReadable,
  isRunning,
  nsName,
  ref,
  result,
  servedVersions,
  unreadable,
  workloadRef,
} from './helpers';

/** Metrics that matter for scaling AI workloads (GPU use, inference queues). */
const AI_METRIC =
  /DCGM_FI_|gpu|vllm:|sglang:|tgi_|nv_inference|num_requests|queue|kv_cache|tokens/i;

const CANNOT_PROVE =
  'That an HPA scales a GPU Deployment up and back down on the metric needs an active test.';

/**
 * KAR-0057, conditional on HPA support and accelerators. Pass: the custom
 * metrics API is Available and lists GPU or inference metrics, or the
 * external metrics API is Available. Partial: the custom metrics API without
 * such metrics, an APIService that is not Available, or only medium signs
 * (prometheus-adapter, KEDA, HPAs on custom metrics of GPU workloads).
 * Fail: only metrics.k8s.io (CPU and memory) or nothing.
 */
export const podAutoscalingCheck: ConformanceCheck = {
  requirementId: 'pod_autoscaling',
  evaluate(s) {
    const skip = requireAccelerators(s, detectAccelerators(s));
    if (skip) {
      return skip.verdict === 'not-applicable'
        ? {
            ...skip,
            reason: `${skip.reason} (the requirement is HPA on accelerator workloads)`,
          }
        : skip;
    }
    if (!isReadable(s, 'discovery')) {
      return unreadable(s, ['discovery'], [], 'API discovery');
    }
    if (!servedVersions(s, 'autoscaling').includes('v2')) {
      return result(
        'not-applicable',
        'Not applicable: autoscaling/v2 (HorizontalPodAutoscaler) is not served',
        [evidence('strong', false, 'autoscaling/v2 not served')],
      );
    }
    if (!isReadable(s, 'apiServices')) {
      return unreadable(s, ['apiServices'], [], 'the APIServices');
    }

    const strong: EvidenceItem[] = [];
    const medium: EvidenceItem[] = [];
    const hints: EvidenceItem[] = [];
    const gaps: string[] = [];
    const apiService = (name: string) =>
      s.apiServices.find(a => a.name === name);
    const describe = (a: NonNullable<ReturnType<typeof apiService>>) =>
      `APIService ${a.name} Available=${conditionText(a.available)}${
        a.service ? ` (${a.service.namespace}/${a.service.name})` : ''
      }`;

    for (const version of ['v1beta1', 'v1beta2']) {
      const a = apiService(`${version}.custom.metrics.k8s.io`);
      if (!a) continue;
      const listed =
        s.discovery.resources[`custom.metrics.k8s.io/${version}`] ?? [];
      const ai = listed.filter(m => AI_METRIC.test(m));
      const object = ref('apiregistration.k8s.io/v1', 'APIService', a.name);
      if (a.available === true && ai.length) {
        strong.push(
          evidence(
            'strong',
            true,
            `${describe(a)} lists ${ai.slice(0, 4).join(', ')}${
              ai.length > 4 ? ` and ${ai.length - 4} more` : ''
            }`,
            object,
          ),
        );
      } else if (a.available === true) {
        medium.push(
          evidence(
            'medium',
            true,
            `${describe(a)}, no GPU or inference metric listed`,
            object,
          ),
        );
        gaps.push(`${a.name} lists no GPU or inference metric`);
      } else {
        medium.push(evidence('medium', false, describe(a), object));
        gaps.push(`${a.name} is not Available`);
      }
    }
    const external = apiService('v1beta1.external.metrics.k8s.io');
    if (external) {
      const object = ref(
        'apiregistration.k8s.io/v1',
        'APIService',
        external.name,
      );
      if (external.available === true) {
        strong.push(evidence('strong', true, describe(external), object));
      } else {
        medium.push(evidence('medium', false, describe(external), object));
        gaps.push(`${external.name} is not Available`);
      }
    }
    for (const d of s.workloads.deployments.filter(
      w =>
        w.labels['app.kubernetes.io/name'] === 'prometheus-adapter' ||
        w.name === 'prometheus-adapter',
    )) {
      medium.push(
        evidence('medium', isRunning(d), describeWorkload(d), workloadRef(d)),
      );
    }
    const keda = crdNamed(s, 'scaledobjects.keda.sh');
    if (keda) {
      medium.push(
        evidence(
          'medium',
          true,
          'KEDA CRD scaledobjects.keda.sh',
          ref('apiextensions.k8s.io/v1', 'CustomResourceDefinition', keda.name),
        ),
      );
    }
    for (const hpa of s.autoscaling.horizontalPodAutoscalers) {
      const custom = hpa.metrics.filter(m =>
        ['Pods', 'Object', 'External'].includes(m.type),
      );
      if (!custom.length) continue;
      const target = s.workloads.deployments.find(
        d =>
          d.namespace === hpa.namespace &&
          d.name === hpa.target.name &&
          hpa.target.kind === 'Deployment',
      );
      const gpu =
        !!target && Object.keys(target.acceleratorRequests).length > 0;
      medium.push(
        evidence(
          'medium',
          hpa.scalingActive === true,
          `HPA ${nsName(hpa)} scales ${hpa.target.kind} ${hpa.target.name}${
            gpu ? ' (GPU workload)' : ''
          } on ${custom
            .map(m => `${m.type} ${m.name ?? ''}`.trim())
            .join(', ')}, ScalingActive=${String(hpa.scalingActive)}`,
          ref(
            'autoscaling/v2',
            'HorizontalPodAutoscaler',
            hpa.name,
            hpa.namespace,
          ),
        ),
      );
    }
    const resourceMetrics = apiService('v1beta1.metrics.k8s.io');
    if (resourceMetrics) {
      hints.push(
        evidence(
          'hint',
          true,
          `${describe(resourceMetrics)} (metrics-server: CPU and memory only)`,
          ref('apiregistration.k8s.io/v1', 'APIService', resourceMetrics.name),
        ),
      );
    }

    if (strong.length) {
      return result(
        'pass',
        `Custom or external metrics for AI workloads are served: ${strong
          .map(e => e.summary)
          .join('; ')}`,
        [...strong, ...medium, ...hints],
        { cannotProve: CANNOT_PROVE },
      );
    }
    // Strong evidence only comes from the APIServices and discovery, both read.
    if (medium.length) {
      return result(
        'partial',
        gaps.length
          ? `Custom metrics autoscaling is incomplete: ${gaps.join('; ')}`
          : 'Only signs of custom-metrics autoscaling (adapter, KEDA or HPAs) without an Available custom or external metrics API',
        [...medium, ...hints],
        { cannotProve: CANNOT_PROVE },
      );
    }
    const needed = ['deployments', 'crds', 'horizontalPodAutoscalers'] as const;
    if (needed.some(p => !isReadable(s, p))) {
      return unreadable(s, [...needed], hints, 'the autoscaling evidence');
    }
    return result(
      'fail',
      resourceMetrics
        ? 'Only v1beta1.metrics.k8s.io (metrics-server: CPU and memory) is served; no custom or external metrics API'
        : 'No metrics APIService at all (no custom.metrics, external.metrics or metrics.k8s.io)',
      hints,
    );
  },
};
