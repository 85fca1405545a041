import { aiInferenceCheck } from './ai_inference';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
  serve,
} from '../__testUtils__/snapshots';

function gatewayApi() {
  const s = cluster(35);
  for (const [plural, kind] of [
    ['gatewayclasses', 'GatewayClass'],
    ['gateways', 'Gateway'],
    ['httproutes', 'HTTPRoute'],
  ]) {
    crd(s, plural, 'gateway.networking.k8s.io', kind, {
      versions: ['v1', 'v1beta1'],
    });
  }
  return s;
}

function envoyGateway(accepted: boolean | 'unknown' = true) {
  const s = gatewayApi();
  s.networking.gatewayClasses.push({
    name: 'envoy-gateway',
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    accepted,
    ...(accepted === true
      ? { acceptedReason: 'Accepted' }
      : { acceptedReason: 'InvalidParameters' }),
  });
  s.networking.gateways.push({
    namespace: 'llm-gateway',
    name: 'inference-gateway',
    gatewayClassName: 'envoy-gateway',
    accepted: true,
    programmed: true,
  });
  s.networking.httpRoutes.push({
    namespace: 'llm-serving',
    name: 'chat-ab-split',
    parents: [
      { name: 'inference-gateway', namespace: 'llm-gateway', accepted: true },
    ],
    backendRefs: [
      { name: 'vllm-qwen3-32b', weight: 80 },
      { name: 'vllm-llama-3-1-8b', weight: 20 },
    ],
    hasWeightedBackends: true,
    hasHeaderMatches: false,
  });
  return s;
}

describe('ai_inference', () => {
  it('passes with Gateway API v1 and an Accepted GatewayClass', () => {
    const e = run(aiInferenceCheck, envoyGateway(), '1.35');
    expect(e.verdict).toBe('pass');
    expect(e.reason).toBe(
      'Gateway API v1 served; GatewayClass envoy-gateway (gateway.envoyproxy.io/gatewayclass-controller) accepted',
    );
    expect(e.evidence).toContainEqual(
      expect.objectContaining({
        strength: 'medium',
        summary:
          'HTTPRoute llm-serving/chat-ab-split with weighted backends, accepted by 1 of 1 parent(s)',
        object: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          namespace: 'llm-serving',
          name: 'chat-ab-split',
        },
      }),
    );
    expectWellFormed(e);
  });

  it('is partial when the GatewayClass is not accepted', () => {
    const e = run(aiInferenceCheck, envoyGateway(false), '1.35');
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'GatewayClass envoy-gateway exists but none is Accepted by its controller',
    );
  });

  it('is partial when only v1beta1 is served', () => {
    const s = serve(cluster(33), 'gateway.networking.k8s.io', ['v1beta1']);
    s.networking.gatewayClasses.push({
      name: 'istio',
      controllerName: 'istio.io/gateway-controller',
      accepted: true,
    });
    expect(run(aiInferenceCheck, s, '1.33').verdict).toBe('partial');
  });

  it('fails when the CRDs are installed without any GatewayClass', () => {
    const e = run(aiInferenceCheck, gatewayApi(), '1.35');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toBe(
      'Gateway API CRDs are installed but no GatewayClass: no implementation',
    );
  });

  it('fails when the Gateway API is not served', () => {
    const e = run(aiInferenceCheck, cluster(33), '1.33');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toBe(
      'gateway.networking.k8s.io is not served: no Gateway API',
    );
  });

  it('is unknown when the GatewayClasses cannot be read', () => {
    const e = run(
      aiInferenceCheck,
      forbid(
        envoyGateway(),
        'gatewayClasses',
        'gatewayclasses.gateway.networking.k8s.io',
      ),
      '1.35',
    );
    expect(e.verdict).toBe('unknown');
    expect(e.reason).toMatch(
      /^Could not read the GatewayClasses: gatewayClasses \(forbidden 403/,
    );
  });

  it('is unknown when discovery cannot be read', () => {
    expect(
      run(aiInferenceCheck, forbid(envoyGateway(), 'discovery'), '1.35')
        .verdict,
    ).toBe('unknown');
  });
});
