import { ClusterSnapshot } from '@ai-platform/plugin-ai-platform-common';
import { advancedInferenceIngressCheck } from './advanced_inference_ingress';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
  service,
  workload,
} from '../__testUtils__/snapshots';

function gaie(
  options: { epp?: boolean; accepted?: boolean; routed?: boolean } = {},
): ClusterSnapshot {
  const { epp = true, accepted = true, routed = true } = options;
  const s = crd(
    cluster(36),
    'inferencepools',
    'inference.networking.k8s.io',
    'InferencePool',
  );
  s.networking.inferencePools.push({
    apiVersion: 'inference.networking.k8s.io/v1',
    namespace: 'llm-serving',
    name: 'qwen3-32b',
    selector: { app: 'vllm-qwen3-32b' },
    targetPorts: [8000],
    endpointPicker: { name: 'qwen3-32b-epp', port: 9002 },
    parents: [
      { name: 'inference-gateway', namespace: 'llm-gateway', accepted },
    ],
  });
  if (routed) {
    s.networking.httpRoutes.push({
      namespace: 'llm-serving',
      name: 'model-router',
      parents: [
        { name: 'inference-gateway', namespace: 'llm-gateway', accepted: true },
      ],
      backendRefs: [
        {
          group: 'inference.networking.k8s.io',
          kind: 'InferencePool',
          name: 'qwen3-32b',
        },
      ],
      hasWeightedBackends: false,
      hasHeaderMatches: true,
    });
  }
  workload(s, 'Deployment', 'llm-serving', 'qwen3-32b-epp', {
    templateLabels: { app: 'qwen3-32b-epp' },
    ready: epp ? 1 : 0,
  });
  service(s, 'llm-serving', 'qwen3-32b-epp', { app: 'qwen3-32b-epp' }, [9002]);
  return s;
}

describe('advanced_inference_ingress', () => {
  it('passes with a routed, accepted InferencePool and a running endpoint picker', () => {
    const e = run(advancedInferenceIngressCheck, gaie());
    expect(e.verdict).toBe('pass');
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        strength: 'strong',
        summary:
          'InferencePool llm-serving/qwen3-32b, routed by llm-serving/model-router, accepted by inference-gateway, endpoint picker qwen3-32b-epp running',
      }),
    );
    expectWellFormed(e);
  });

  it('is partial when the endpoint picker is not running', () => {
    const e = run(advancedInferenceIngressCheck, gaie({ epp: false }));
    expect(e.verdict).toBe('partial');
    expect(e.evidence[1].summary).toMatch(
      /endpoint picker qwen3-32b-epp not running/,
    );
  });

  it('is partial when no route sends traffic to the pool', () => {
    expect(
      run(advancedInferenceIngressCheck, gaie({ routed: false })).verdict,
    ).toBe('partial');
  });

  it('is partial with only the alpha x-k8s.io kinds', () => {
    const s = crd(
      cluster(36),
      'inferenceobjectives',
      'inference.networking.x-k8s.io',
      'InferenceObjective',
      { versions: ['v1alpha2'] },
    );
    expect(run(advancedInferenceIngressCheck, s).verdict).toBe('partial');
  });

  it('fails with the InferencePool CRD and no pool', () => {
    const s = crd(
      cluster(36),
      'inferencepools',
      'inference.networking.k8s.io',
      'InferencePool',
    );
    const e = run(advancedInferenceIngressCheck, s);
    expect(e.verdict).toBe('fail');
    expect(e.reason).toBe(
      'The InferencePool API is installed but no InferencePool exists',
    );
  });

  it('fails without the inference extension', () => {
    const e = run(advancedInferenceIngressCheck, cluster(36));
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(/InferencePool is not served/);
  });

  it('is unknown when the InferencePools cannot be read', () => {
    expect(
      run(advancedInferenceIngressCheck, forbid(gaie(), 'inferencePools'))
        .verdict,
    ).toBe('unknown');
  });
});

describe('advanced_inference_ingress when Deployments are unreadable', () => {
  it('is unknown rather than partial when the endpoint picker cannot be seen', () => {
    const s = forbid(gaie(), 'deployments');
    s.workloads.deployments = [];
    expect(run(advancedInferenceIngressCheck, s).verdict).toBe('unknown');
  });
});
