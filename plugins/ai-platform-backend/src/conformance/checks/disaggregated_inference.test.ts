import { disaggregatedInferenceCheck } from './disaggregated_inference';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
} from '../__testUtils__/snapshots';

function llmd(decodeReady = true) {
  const s = cluster(36);
  const labels = {
    'llm-d.ai/inference-serving': 'true',
    'llm-d.ai/model': 'qwen3-30b-a3b',
  };
  s.pods.inferencePods.push(
    {
      namespace: 'llm-d',
      name: 'qwen3-30b-a3b-prefill-0',
      nodeName: 'gpu-1',
      ready: true,
      labels: { ...labels, 'llm-d.ai/role': 'prefill' },
    },
    {
      namespace: 'llm-d',
      name: 'qwen3-30b-a3b-decode-0',
      nodeName: 'gpu-2',
      ready: decodeReady,
      labels: { ...labels, 'llm-d.ai/role': 'decode' },
    },
  );
  s.networking.inferencePools.push({
    apiVersion: 'inference.networking.k8s.io/v1',
    namespace: 'llm-d',
    name: 'qwen3-30b-a3b',
    selector: { 'llm-d.ai/inference-serving': 'true' },
    targetPorts: [8000],
    parents: [],
  });
  return s;
}

describe('disaggregated_inference', () => {
  it('is partial (as far as read-only goes) with Ready llm-d prefill and decode pods behind an InferencePool', () => {
    const e = run(disaggregatedInferenceCheck, llmd());
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBe(true);
    expect(e.evidence[0]).toMatchObject({
      strength: 'medium',
      supports: true,
      summary:
        'llm-d in llm-d: 1/1 prefill and 1/1 decode pods Ready, behind InferencePool llm-d/qwen3-30b-a3b',
    });
    expect(e.cannotProve).toMatch(/same request id/);
    expectWellFormed(e);
  });

  it('is partial with a KServe LLMInferenceService with prefill', () => {
    const s = cluster(36);
    s.serving.llmInferenceServices.push({
      apiVersion: 'serving.kserve.io/v1alpha2',
      namespace: 'models',
      name: 'qwen3-pd',
      disaggregated: true,
      ready: true,
      acceleratorRequests: { 'nvidia.com/gpu': 1 },
      labels: {},
    });
    expect(run(disaggregatedInferenceCheck, s).verdict).toBe('partial');
  });

  it('never passes, even with every medium signal', () => {
    const s = llmd();
    s.operatorResources.push({
      apiVersion: 'nvidia.com/v1alpha1',
      kind: 'DynamoGraphDeployment',
      namespace: 'dynamo',
      name: 'vllm-disagg',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(run(disaggregatedInferenceCheck, s).verdict).toBe('partial');
  });

  it('fails when only the Dynamo CRDs are installed', () => {
    const s = crd(
      cluster(36),
      'dynamographdeployments',
      'nvidia.com',
      'DynamoGraphDeployment',
      { versions: ['v1alpha1'] },
    );
    const e = run(disaggregatedInferenceCheck, s);
    expect(e.verdict).toBe('fail');
    expect(e.evidence[0].strength).toBe('hint');
  });

  it('fails with no disaggregated serving', () => {
    expect(run(disaggregatedInferenceCheck, cluster(36)).reason).toBe(
      'No llm-d prefill/decode pods, Dynamo, LLMInferenceService with prefill or LeaderWorkerSet',
    );
  });

  it('is unknown when pods cannot be read and nothing else shows it', () => {
    expect(
      run(disaggregatedInferenceCheck, forbid(cluster(36), 'pods')).verdict,
    ).toBe('unknown');
  });
});
