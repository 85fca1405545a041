import {
  normalizeMonitor,
  normalizeOperatorResource,
  normalizePrometheus,
  normalizeValidatingWebhookConfiguration,
} from './misc';
import { miscObjects } from '../__testUtils__/objects';

const find = (kind: string) => miscObjects.find(o => o.kind === kind);

describe('observability, security and operator normalizers', () => {
  it('reads a ServiceMonitor', () => {
    expect(
      normalizeMonitor(
        find('ServiceMonitor'),
        'monitoring.coreos.com',
        'ServiceMonitor',
      ),
    ).toEqual({
      group: 'monitoring.coreos.com',
      kind: 'ServiceMonitor',
      namespace: 'gpu-operator',
      name: 'nvidia-dcgm-exporter',
      selector: { app: 'nvidia-dcgm-exporter' },
    });
  });

  it('reads a GKE ClusterPodMonitoring without namespace', () => {
    expect(
      normalizeMonitor(
        {
          metadata: { name: 'dcgm' },
          spec: {
            selector: {
              matchLabels: { 'app.kubernetes.io/name': 'dcgm-exporter' },
            },
          },
        },
        'monitoring.googleapis.com',
        'ClusterPodMonitoring',
      ),
    ).toEqual({
      group: 'monitoring.googleapis.com',
      kind: 'ClusterPodMonitoring',
      name: 'dcgm',
      selector: { 'app.kubernetes.io/name': 'dcgm-exporter' },
    });
  });

  it('reads Prometheus readiness from Available, else Reconciled', () => {
    expect(normalizePrometheus(find('Prometheus'))).toEqual({
      namespace: 'monitoring',
      name: 'k8s',
      ready: true,
    });
    expect(
      normalizePrometheus({
        metadata: { name: 'p', namespace: 'm' },
        status: { conditions: [{ type: 'Reconciled', status: 'False' }] },
      }).ready,
    ).toBe(false);
  });

  it('reads validating webhooks without their CA bundle', () => {
    const config = normalizeValidatingWebhookConfiguration(
      find('ValidatingWebhookConfiguration'),
    );
    expect(config).toEqual({
      name: 'kueue-validating-webhook-configuration',
      webhooks: [
        {
          name: 'vclusterqueue.kb.io',
          rules: 1,
          hasCaBundle: true,
          service: { namespace: 'kueue-system', name: 'kueue-webhook-service' },
        },
      ],
    });
  });

  it('reads a KubeRay RayCluster with its state and conditions', () => {
    expect(
      normalizeOperatorResource(find('RayCluster'), 'ray.io/v1', 'RayCluster'),
    ).toEqual({
      apiVersion: 'ray.io/v1',
      kind: 'RayCluster',
      namespace: 'ray',
      name: 'raycluster-kuberay',
      conditions: [
        {
          type: 'RayClusterProvisioned',
          status: 'True',
          reason: 'AllPodRunningAndReadyFirstTime',
        },
      ],
      state: 'ready',
    });
  });

  it('reads a RayJob state from jobDeploymentStatus and a PyTorchJob from conditions', () => {
    expect(
      normalizeOperatorResource(
        {
          metadata: { name: 'j', namespace: 'r' },
          status: { jobDeploymentStatus: 'Running', jobStatus: 'RUNNING' },
        },
        'ray.io/v1',
        'RayJob',
      ),
    ).toMatchObject({ kind: 'RayJob', state: 'Running' });
    expect(
      normalizeOperatorResource(
        {
          apiVersion: 'kubeflow.org/v1',
          kind: 'PyTorchJob',
          metadata: { name: 'ddp', namespace: 'r' },
          status: { conditions: [{ type: 'Succeeded', status: 'True' }] },
        },
        'kubeflow.org/v1',
        'PyTorchJob',
      ),
    ).toEqual({
      apiVersion: 'kubeflow.org/v1',
      kind: 'PyTorchJob',
      namespace: 'r',
      name: 'ddp',
      conditions: [{ type: 'Succeeded', status: 'True' }],
    });
  });
});
