import {
  normalizeInferenceService,
  normalizeLlmInferenceService,
  normalizeServingRuntime,
} from './serving';
import {
  clusterServingRuntime,
  inferenceService,
  llmInferenceService,
} from '../__testUtils__/objects';

describe('KServe normalizers', () => {
  it('reads an InferenceService with the model spec', () => {
    expect(
      normalizeInferenceService(inferenceService, 'serving.kserve.io/v1beta1'),
    ).toEqual({
      apiVersion: 'serving.kserve.io/v1beta1',
      namespace: 'kserve-demo',
      name: 'huggingface-llama2',
      modelFormat: 'huggingface',
      runtime: 'kserve-huggingfaceserver',
      storageUri: 'hf://meta-llama/Llama-2-7b-chat-hf',
      args: ['--model_name=llama2', '--model_dir=/mnt/models'],
      deploymentMode: 'Standard',
      ready: true,
      url: 'http://huggingface-llama2.kserve-demo.example.com',
      acceleratorRequests: { 'nvidia.com/gpu': 1 },
      labels: {},
    });
  });

  it('reads the older framework-keyed predictor', () => {
    const isvc = normalizeInferenceService(
      {
        metadata: { name: 'sklearn-iris', namespace: 'default' },
        spec: {
          predictor: {
            sklearn: {
              storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model',
            },
          },
        },
        status: {
          conditions: [{ type: 'Ready', status: 'Unknown' }],
          deploymentMode: 'Serverless',
        },
      },
      'serving.kserve.io/v1beta1',
    );
    expect(isvc).toMatchObject({
      modelFormat: 'sklearn',
      storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model',
      deploymentMode: 'Serverless',
      ready: 'unknown',
      acceleratorRequests: {},
    });
  });

  it('reads an LLMInferenceService with prefill/decode disaggregation', () => {
    expect(
      normalizeLlmInferenceService(
        llmInferenceService,
        'serving.kserve.io/v1alpha2',
      ),
    ).toEqual({
      apiVersion: 'serving.kserve.io/v1alpha2',
      namespace: 'kserve-demo',
      name: 'qwen3-coder',
      modelUri: 'hf://Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
      modelName: 'Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8',
      replicas: 2,
      disaggregated: true,
      ready: false,
      url: 'http://qwen3-coder.kserve-demo.svc',
      acceleratorRequests: { 'nvidia.com/gpu': 2 },
      labels: {},
    });
  });

  it('reads serving runtimes, cluster-scoped and namespaced', () => {
    expect(normalizeServingRuntime(clusterServingRuntime, true)).toEqual({
      name: 'kserve-huggingfaceserver',
      clusterScoped: true,
      modelFormats: ['huggingface'],
      images: ['kserve/huggingfaceserver:v0.15.0'],
    });
    expect(
      normalizeServingRuntime(
        {
          metadata: { name: 'vllm-runtime', namespace: 'models' },
          spec: {
            supportedModelFormats: [{ name: 'vLLM' }],
            containers: [{ image: 'vllm/vllm-openai:v0.15.1' }],
          },
        },
        false,
      ),
    ).toEqual({
      name: 'vllm-runtime',
      namespace: 'models',
      clusterScoped: false,
      modelFormats: ['vLLM'],
      images: ['vllm/vllm-openai:v0.15.1'],
    });
  });
});
