import { ClusterSnapshot } from '@ai-platform/plugin-ai-platform-common';
import { robustControllerCheck } from './robust_controller';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
  service,
  workload,
} from '../__testUtils__/snapshots';

function kuberay(
  options: {
    controllerReady?: number;
    caBundle?: boolean;
    raycluster?: boolean;
  } = {},
): ClusterSnapshot {
  const { controllerReady = 1, caBundle = true, raycluster = true } = options;
  const s = cluster(33);
  crd(s, 'rayclusters', 'ray.io', 'RayCluster');
  crd(s, 'rayjobs', 'ray.io', 'RayJob');
  crd(s, 'rayservices', 'ray.io', 'RayService');
  workload(s, 'Deployment', 'ray-system', 'kuberay-operator', {
    templateLabels: { 'app.kubernetes.io/name': 'kuberay-operator' },
    ready: controllerReady,
  });
  service(
    s,
    'ray-system',
    'kuberay-webhook-service',
    { 'app.kubernetes.io/name': 'kuberay-operator' },
    [443],
  );
  s.security.validatingWebhooks.push({
    name: 'kuberay-validating-webhook-configuration',
    webhooks: [
      {
        name: 'vraycluster.kb.io',
        rules: 1,
        hasCaBundle: caBundle,
        service: { namespace: 'ray-system', name: 'kuberay-webhook-service' },
      },
    ],
  });
  if (raycluster) {
    s.operatorResources.push({
      apiVersion: 'ray.io/v1',
      kind: 'RayCluster',
      namespace: 'research',
      name: 'ray-batch-inference',
      state: 'ready',
      conditions: [{ type: 'RayClusterProvisioned', status: 'True' }],
    });
  }
  return s;
}

describe('robust_controller', () => {
  it('passes with KubeRay: CRDs Established, operator Ready, webhook complete, a RayCluster provisioned', () => {
    const e = run(robustControllerCheck, kuberay(), '1.33');
    expect(e.verdict).toBe('pass');
    expect(e.reason).toBe(
      'KubeRay installed and working: CRDs Established, controller ready, webhook complete, resources reconciled',
    );
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        summary:
          'KubeRay: ValidatingWebhookConfiguration kuberay-validating-webhook-configuration: 1/1 webhooks with rules, 1/1 with caBundle, 1/1 backed by a running Service (ray-system/kuberay-webhook-service)',
      }),
    );
    expectWellFormed(e);
  });

  it('passes with KServe and a Ready InferenceService', () => {
    const s = cluster(35);
    crd(s, 'inferenceservices', 'serving.kserve.io', 'InferenceService', {
      versions: ['v1beta1'],
    });
    workload(s, 'Deployment', 'kserve', 'kserve-controller-manager', {
      templateLabels: { 'control-plane': 'kserve-controller-manager' },
    });
    service(
      s,
      'kserve',
      'kserve-webhook-server-service',
      { 'control-plane': 'kserve-controller-manager' },
      [443],
    );
    s.security.validatingWebhooks.push({
      name: 'inferenceservice.serving.kserve.io',
      webhooks: [
        {
          name: 'inferenceservice.kserve-webhook-server.validator',
          rules: 1,
          hasCaBundle: true,
          service: {
            namespace: 'kserve',
            name: 'kserve-webhook-server-service',
          },
        },
      ],
    });
    s.serving.inferenceServices.push({
      apiVersion: 'serving.kserve.io/v1beta1',
      namespace: 'models',
      name: 'mistral-7b-instruct',
      args: [],
      ready: true,
      acceleratorRequests: { 'nvidia.com/gpu': 1 },
      labels: {},
    });
    expect(run(robustControllerCheck, s).verdict).toBe('pass');
  });

  it('is partial when the CRDs have no ready controller', () => {
    const e = run(
      robustControllerCheck,
      kuberay({ controllerReady: 0 }),
      '1.33',
    );
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'AI operator installed but not fully working: KubeRay: no ready controller, validating webhook incomplete',
    );
  });

  it('is partial when the webhook has no caBundle', () => {
    expect(
      run(robustControllerCheck, kuberay({ caBundle: false }), '1.33').reason,
    ).toMatch(/validating webhook incomplete/);
  });

  it('is partial when no custom resource reached success', () => {
    expect(
      run(robustControllerCheck, kuberay({ raycluster: false }), '1.33').reason,
    ).toMatch(/no custom resource in a success state/);
  });

  it('fails when only infrastructure operators (GPU Operator ClusterPolicy) are installed', () => {
    const s = crd(
      cluster(34),
      'clusterpolicies',
      'nvidia.com',
      'ClusterPolicy',
      { scope: 'Cluster' },
    );
    const e = run(robustControllerCheck, s, '1.34');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(/^No AI operator CRDs/);
  });

  it('passes on what it saw even if other webhooks could not all be read', () => {
    expect(
      run(
        robustControllerCheck,
        forbid(kuberay(), 'validatingWebhooks'),
        '1.33',
      ).verdict,
    ).toBe('pass');
  });

  it('is unknown when the CRDs cannot be read', () => {
    expect(
      run(robustControllerCheck, forbid(kuberay(), 'crds'), '1.33').verdict,
    ).toBe('unknown');
  });

  it('is unknown when the webhooks cannot be read and nothing else passes', () => {
    const s = forbid(
      kuberay(),
      'validatingWebhooks',
      'validatingwebhookconfigurations',
    );
    s.security.validatingWebhooks = [];
    const e = run(robustControllerCheck, s, '1.33');
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(/validatingWebhooks \(forbidden 403/);
  });
});
