import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import {
  ClusterSnapshot,
  EvidenceItem,
  SnapshotPartName,
  WorkloadSummary,
} from '@ai-platform/plugin-ai-platform-common';
import {
  crdsOfGroup,
  describeWorkload,
  evidence,
  isReadable,
  isRunning,
  nsName,
  ref,
  result,
  unreadable,
  workloadRef,
  workloadsBehindService,
} from './helpers';

interface SuccessfulResource {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  how: string;
}

interface OperatorProfile {
  name: string;
  group: string;
  isController: (w: WorkloadSummary) => boolean;
  isWebhook: (name: string) => boolean;
  /** The operator ships a validating webhook by default. */
  webhookRequired: boolean;
  /** Parts its custom resources are read from. */
  resourceParts: SnapshotPartName[];
  successful: (s: ClusterSnapshot) => SuccessfulResource[];
}

const SUCCESS_CONDITIONS = new Set([
  'Ready',
  'Succeeded',
  'Complete',
  'Completed',
  'Available',
  'RayClusterProvisioned',
]);
const SUCCESS_STATES =
  /^(ready|running|complete|completed|succeeded|healthy)$/i;

function reconciledOperatorResources(
  s: ClusterSnapshot,
  group: string,
): SuccessfulResource[] {
  return s.operatorResources
    .filter(r => r.apiVersion.split('/')[0] === group)
    .flatMap(r => {
      const condition = r.conditions.find(
        c => SUCCESS_CONDITIONS.has(c.type) && c.status === 'True',
      );
      let how: string | undefined;
      if (condition) how = `${condition.type}=True`;
      else if (r.state && SUCCESS_STATES.test(r.state))
        how = `state ${r.state}`;
      return how
        ? [
            {
              apiVersion: r.apiVersion,
              kind: r.kind,
              namespace: r.namespace,
              name: r.name,
              how,
            },
          ]
        : [];
    });
}

const OPERATORS: OperatorProfile[] = [
  {
    name: 'Kubeflow Trainer',
    group: 'trainer.kubeflow.org',
    isController: w =>
      w.labels['app.kubernetes.io/name'] === 'kubeflow-trainer' ||
      w.templateLabels['app.kubernetes.io/name'] === 'kubeflow-trainer' ||
      w.name.includes('kubeflow-trainer'),
    isWebhook: n =>
      n === 'validator.trainer.kubeflow.org' ||
      n.includes('trainer.kubeflow.org'),
    webhookRequired: true,
    resourceParts: ['operatorResources'],
    successful: s => reconciledOperatorResources(s, 'trainer.kubeflow.org'),
  },
  {
    name: 'KubeRay',
    group: 'ray.io',
    isController: w =>
      w.name === 'kuberay-operator' ||
      w.templateLabels['app.kubernetes.io/name'] === 'kuberay-operator',
    isWebhook: n => n.includes('kuberay') || n.includes('ray.io'),
    webhookRequired: false,
    resourceParts: ['operatorResources'],
    successful: s => reconciledOperatorResources(s, 'ray.io'),
  },
  {
    name: 'KServe',
    group: 'serving.kserve.io',
    isController: w => w.name === 'kserve-controller-manager',
    isWebhook: n => n.endsWith('serving.kserve.io'),
    webhookRequired: true,
    resourceParts: ['inferenceServices', 'llmInferenceServices'],
    successful: s => [
      ...s.serving.inferenceServices
        .filter(i => i.ready === true)
        .map(i => ({
          apiVersion: i.apiVersion,
          kind: 'InferenceService',
          namespace: i.namespace,
          name: i.name,
          how: 'Ready=True',
        })),
      ...s.serving.llmInferenceServices
        .filter(i => i.ready === true)
        .map(i => ({
          apiVersion: i.apiVersion,
          kind: 'LLMInferenceService',
          namespace: i.namespace,
          name: i.name,
          how: 'Ready=True',
        })),
      ...reconciledOperatorResources(s, 'serving.kserve.io'),
    ],
  },
  {
    name: 'Kubeflow Training Operator',
    group: 'kubeflow.org',
    isController: w =>
      w.name === 'training-operator' || w.name.includes('training-operator'),
    isWebhook: n =>
      n.includes('training-operator') || n.endsWith('kubeflow.org'),
    webhookRequired: true,
    resourceParts: ['operatorResources'],
    successful: s => reconciledOperatorResources(s, 'kubeflow.org'),
  },
];

const CANNOT_PROVE =
  'That the webhook denies an invalid custom resource and a new valid one reaches success needs the active test (TestRobustCRDControllerOperation).';

/**
 * KAR-0063. Pass: a known AI operator (Kubeflow Trainer, KubeRay, KServe,
 * Kubeflow Training Operator) has its CRDs Established, its controller
 * ready, its validating webhook with rules, a caBundle and a running backing
 * Service (where it ships one), and at least one custom resource in a
 * success state. Partial: some of that is missing (e.g. CRDs without a ready
 * controller). Fail: none of these operators is installed.
 */
export const robustControllerCheck: ConformanceCheck = {
  requirementId: 'robust_controller',
  evaluate(s) {
    if (!isReadable(s, 'crds')) {
      return unreadable(s, ['crds'], [], 'the CRDs');
    }
    const present = OPERATORS.filter(op => crdsOfGroup(s, op.group).length > 0);
    if (!present.length) {
      return result(
        'fail',
        `No AI operator CRDs (none of ${OPERATORS.map(o => o.group).join(
          ', ',
        )})`,
        [
          evidence(
            'strong',
            false,
            `${s.crds.length} CRDs, none of a known AI operator`,
          ),
        ],
      );
    }

    const items: EvidenceItem[] = [];
    const passing: string[] = [];
    const gaps: string[] = [];
    const unsettled: SnapshotPartName[] = [];
    for (const op of present) {
      const crds = crdsOfGroup(s, op.group);
      const established = crds.filter(c => c.established);
      items.push(
        evidence(
          'strong',
          established.length === crds.length,
          `${op.name}: ${established.length} of ${crds.length} ${op.group} CRDs Established`,
          ref(
            'apiextensions.k8s.io/v1',
            'CustomResourceDefinition',
            crds[0].name,
          ),
        ),
      );
      const missing: string[] = [];
      // Criteria whose parts could not be read: neither met nor missing.
      const undetermined: SnapshotPartName[] = [];
      if (established.length < crds.length)
        missing.push('CRDs not Established');

      const controllers = s.workloads.deployments.filter(op.isController);
      for (const c of controllers) {
        items.push(
          evidence(
            'strong',
            isRunning(c),
            `${op.name}: ${describeWorkload(c)}`,
            workloadRef(c),
          ),
        );
      }
      if (!controllers.some(isRunning)) {
        if (isReadable(s, 'deployments')) missing.push('no ready controller');
        else undetermined.push('deployments');
      }

      const configs = s.security.validatingWebhooks.filter(w =>
        op.isWebhook(w.name),
      );
      let webhookOk = false;
      for (const config of configs) {
        const hooks = config.webhooks;
        const withRules = hooks.filter(h => h.rules > 0);
        const withCa = hooks.filter(h => h.hasCaBundle);
        const backed = hooks.filter(
          h =>
            h.service && workloadsBehindService(s, h.service).some(isRunning),
        );
        const ok =
          hooks.length > 0 &&
          withRules.length === hooks.length &&
          withCa.length === hooks.length &&
          backed.length === hooks.length;
        if (ok) webhookOk = true;
        const service = hooks.find(h => h.service)?.service;
        items.push(
          evidence(
            'strong',
            ok,
            `${op.name}: ValidatingWebhookConfiguration ${config.name}: ${
              withRules.length
            }/${hooks.length} webhooks with rules, ${withCa.length}/${
              hooks.length
            } with caBundle, ${backed.length}/${
              hooks.length
            } backed by a running Service${
              service ? ` (${service.namespace}/${service.name})` : ''
            }`,
            ref(
              'admissionregistration.k8s.io/v1',
              'ValidatingWebhookConfiguration',
              config.name,
            ),
          ),
        );
      }
      if (!webhookOk) {
        const unread = (
          [
            'validatingWebhooks',
            ...(configs.length ? (['services', 'deployments'] as const) : []),
          ] as SnapshotPartName[]
        ).filter(p => !isReadable(s, p));
        if (unread.length) undetermined.push(...unread);
        else if (configs.length) missing.push('validating webhook incomplete');
        else if (op.webhookRequired) missing.push('no validating webhook');
      }

      const successful = op.successful(s);
      for (const r of successful.slice(0, 3)) {
        items.push(
          evidence(
            'strong',
            true,
            `${op.name}: ${r.kind} ${nsName(r)} ${r.how}`,
            ref(r.apiVersion, r.kind, r.name, r.namespace),
          ),
        );
      }
      if (!successful.length) {
        const unread = op.resourceParts.filter(p => !isReadable(s, p));
        if (unread.length) undetermined.push(...unread);
        else missing.push('no custom resource in a success state');
      }

      if (missing.length) gaps.push(`${op.name}: ${missing.join(', ')}`);
      else if (undetermined.length) unsettled.push(...undetermined);
      else passing.push(op.name);
    }

    if (passing.length) {
      return result(
        'pass',
        `${passing.join(
          ', ',
        )} installed and working: CRDs Established, controller ready, webhook complete, resources reconciled`,
        items,
        {
          cannotProve: CANNOT_PROVE,
        },
      );
    }
    // Another operator might pass once its parts can be read.
    if (unsettled.length) {
      return unreadable(
        s,
        [...new Set(unsettled)],
        items,
        'the operator evidence',
      );
    }
    return result(
      'partial',
      `AI operator installed but not fully working: ${gaps.join('; ')}`,
      items,
      {
        cannotProve: CANNOT_PROVE,
      },
    );
  },
};
