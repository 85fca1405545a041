import {
  normalizeGateway,
  normalizeGatewayClass,
  normalizeHttpRoute,
  normalizeInferencePool,
} from './networking';
import {
  gateway,
  gatewayClass,
  httpRoute,
  inferencePoolV1,
} from '../__testUtils__/objects';

describe('Gateway API normalizers', () => {
  it('reads a GatewayClass and its acceptance', () => {
    expect(normalizeGatewayClass(gatewayClass)).toEqual({
      name: 'istio',
      controllerName: 'istio.io/gateway-controller',
      accepted: true,
      acceptedReason: 'Accepted',
    });
  });

  it('reads a Gateway accepted but not programmed', () => {
    expect(normalizeGateway(gateway)).toEqual({
      namespace: 'llm',
      name: 'inference-gateway',
      gatewayClassName: 'istio',
      accepted: true,
      programmed: false,
    });
  });

  it('reads an HTTPRoute: parents, backends, weights and header matches', () => {
    expect(normalizeHttpRoute(httpRoute)).toEqual({
      namespace: 'llm',
      name: 'llm-route',
      parents: [{ name: 'inference-gateway', accepted: true }],
      backendRefs: [
        {
          group: 'inference.networking.k8s.io',
          kind: 'InferencePool',
          name: 'vllm-qwen3-32b',
          weight: 90,
        },
        {
          group: 'inference.networking.k8s.io',
          kind: 'InferencePool',
          name: 'vllm-qwen3-32b-canary',
          weight: 10,
        },
      ],
      hasWeightedBackends: true,
      hasHeaderMatches: true,
    });
  });

  it('lists spec parents not yet in the status as unknown', () => {
    const route = normalizeHttpRoute({
      metadata: { name: 'r', namespace: 'n' },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'infra' }],
        rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }],
      },
    });
    expect(route.parents).toEqual([
      { name: 'gw', namespace: 'infra', accepted: 'unknown' },
    ]);
    expect(route.hasWeightedBackends).toBe(false);
    expect(route.hasHeaderMatches).toBe(false);
  });
});

describe('normalizeInferencePool', () => {
  it('reads a GA (v1) pool', () => {
    expect(
      normalizeInferencePool(inferencePoolV1, 'inference.networking.k8s.io/v1'),
    ).toEqual({
      apiVersion: 'inference.networking.k8s.io/v1',
      namespace: 'llm',
      name: 'vllm-qwen3-32b',
      selector: { app: 'vllm-qwen3-32b' },
      targetPorts: [8000],
      endpointPicker: { name: 'vllm-qwen3-32b-epp', port: 9002 },
      parents: [{ name: 'inference-gateway', accepted: true }],
    });
  });

  it('reads an x-k8s.io v1alpha2 pool (selector map, targetPortNumber, extensionRef, status.parent)', () => {
    expect(
      normalizeInferencePool(
        {
          metadata: { name: 'llama', namespace: 'serving' },
          spec: {
            selector: { app: 'llama' },
            targetPortNumber: 8000,
            extensionRef: { name: 'llama-epp', portNumber: 9002 },
          },
          status: {
            parent: [
              {
                parentRef: { kind: 'Gateway', name: 'gw' },
                conditions: [{ type: 'Accepted', status: 'False' }],
              },
            ],
          },
        },
        'inference.networking.x-k8s.io/v1alpha2',
      ),
    ).toEqual({
      apiVersion: 'inference.networking.x-k8s.io/v1alpha2',
      namespace: 'serving',
      name: 'llama',
      selector: { app: 'llama' },
      targetPorts: [8000],
      endpointPicker: { name: 'llama-epp', port: 9002 },
      parents: [{ name: 'gw', accepted: false }],
    });
  });
});
