import { modelEnv, normalizeWorkload } from './workloads';
import {
  devicePluginDaemonSet,
  vllmDeployment,
  webDeployment,
} from '../__testUtils__/objects';

describe('normalizeWorkload', () => {
  it('keeps container details of a model server, with only model settings from env', () => {
    expect(normalizeWorkload(vllmDeployment, 'Deployment')).toEqual({
      kind: 'Deployment',
      namespace: 'llm',
      name: 'vllm-qwen3-32b',
      labels: { app: 'vllm-qwen3-32b' },
      desired: 3,
      ready: 2,
      available: 2,
      selector: { app: 'vllm-qwen3-32b' },
      templateLabels: {
        app: 'vllm-qwen3-32b',
        'inference.networking.k8s.io/engine-type': 'vllm',
      },
      images: ['vllm/vllm-openai:v0.15.1'],
      acceleratorRequests: { 'nvidia.com/gpu': 1 },
      containers: [
        {
          name: 'vllm',
          image: 'vllm/vllm-openai:v0.15.1',
          command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
          args: [
            '--model',
            'Qwen/Qwen3-32B',
            '--tensor-parallel-size',
            '1',
            '--port',
            '8000',
          ],
          env: { VLLM_ADDITIONAL_ARGS: '--enable-auto-tool-choice' },
          ports: [8000],
        },
      ],
    });
  });

  it('summarizes other workloads without container details', () => {
    const web = normalizeWorkload(webDeployment, 'Deployment');
    expect(web).toMatchObject({
      desired: 2,
      ready: 2,
      images: ['nginx:1.27'],
      acceleratorRequests: {},
    });
    expect(web.containers).toBeUndefined();
  });

  it('reads DaemonSet counts from its status', () => {
    expect(normalizeWorkload(devicePluginDaemonSet, 'DaemonSet')).toMatchObject(
      {
        kind: 'DaemonSet',
        desired: 2,
        ready: 2,
        available: 2,
        selector: { name: 'nvidia-device-plugin-ds' },
        images: ['nvcr.io/nvidia/k8s-device-plugin:v0.17.1'],
      },
    );
  });

  it('recognizes serving images even without GPU requests', () => {
    const ollama = normalizeWorkload(
      {
        metadata: { name: 'ollama', namespace: 'ai' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'ollama',
                  image: 'ollama/ollama:0.6.2',
                  args: ['serve'],
                },
              ],
            },
          },
        },
      },
      'Deployment',
    );
    expect(ollama.containers).toHaveLength(1);
    expect(ollama.desired).toBe(1);
  });
});

describe('modelEnv', () => {
  it('never keeps secret references or credential-looking values', () => {
    expect(
      modelEnv([
        { name: 'MODEL_ID', value: 'meta-llama/Llama-3.1-8B-Instruct' },
        { name: 'SERVED_MODEL_NAME', value: 'llama' },
        { name: 'HF_TOKEN', value: 'hf_abc' },
        { name: 'MODEL_API_KEY', value: 'sk-123' },
        {
          name: 'MODEL_NAME',
          valueFrom: { configMapKeyRef: { name: 'cm', key: 'model' } },
        },
        {
          name: 'HUGGING_FACE_HUB_TOKEN',
          valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } },
        },
        { name: 'PATH', value: '/usr/bin' },
        { name: 'TENSOR_PARALLEL_SIZE', value: '4' },
      ]),
    ).toEqual({
      MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct',
      SERVED_MODEL_NAME: 'llama',
      TENSOR_PARALLEL_SIZE: '4',
    });
  });
});
