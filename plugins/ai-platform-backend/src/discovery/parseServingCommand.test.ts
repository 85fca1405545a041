import { ContainerSummary } from '@ai-platform/plugin-ai-platform-common';
import { commandTokens, parseServingCommand } from './parseServingCommand';

function container(overrides: Partial<ContainerSummary>): ContainerSummary {
  return {
    name: 'server',
    image: 'busybox:1.36',
    command: [],
    args: [],
    env: {},
    ports: [],
    ...overrides,
  };
}

describe('parseServingCommand', () => {
  it('reads --model X from the vLLM OpenAI server', () => {
    expect(
      parseServingCommand(
        container({
          image: 'vllm/vllm-openai:v0.15.1',
          command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
          args: ['--model', 'Qwen/Qwen3-32B', '--tensor-parallel-size', '2'],
        }),
      ),
    ).toEqual({
      engine: 'vllm',
      modelId: 'Qwen/Qwen3-32B',
      tensorParallelSize: 2,
    });
  });

  it('reads --model=X', () => {
    expect(
      parseServingCommand(
        container({
          image: 'vllm/vllm-openai:v0.15.1',
          args: ['--port=8000', '--model=meta-llama/Llama-3.1-8B-Instruct'],
        }),
      ),
    ).toEqual({ engine: 'vllm', modelId: 'meta-llama/Llama-3.1-8B-Instruct' });
  });

  it('reads the positional model of vllm serve, split over command and args', () => {
    expect(
      parseServingCommand(
        container({
          image: 'ghcr.io/llm-d/llm-d-cuda:v0.4.0',
          command: ['vllm', 'serve'],
          args: ['Qwen/Qwen3-30B-A3B', '--port', '8000'],
        }),
      ),
    ).toEqual({ engine: 'llm-d', modelId: 'Qwen/Qwen3-30B-A3B' });
  });

  it('reads vllm serve inside sh -c', () => {
    expect(
      parseServingCommand(
        container({
          image: 'vllm/vllm-openai:v0.15.1',
          command: ['/bin/sh', '-c'],
          args: [
            'vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000 --max-model-len 16384',
          ],
        }),
      ),
    ).toEqual({ engine: 'vllm', modelId: 'meta-llama/Llama-3.1-8B-Instruct' });
  });

  it('expands $(VAR) from literal env values', () => {
    expect(
      parseServingCommand(
        container({
          image: 'vllm/vllm-openai:v0.15.1',
          args: ['--model', '$(MODEL_ID)'],
          env: { MODEL_ID: 'BAAI/bge-m3' },
        }),
      ),
    ).toEqual({ engine: 'vllm', modelId: 'BAAI/bge-m3' });
  });

  it('keeps a URI model as modelUri and derives the id of hf:// URIs', () => {
    expect(
      parseServingCommand(
        container({
          image: 'vllm/vllm-openai:v0.15.1',
          args: ['--model', 'hf://Qwen/Qwen3-8B'],
        }),
      ),
    ).toEqual({
      engine: 'vllm',
      modelUri: 'hf://Qwen/Qwen3-8B',
      modelId: 'Qwen/Qwen3-8B',
    });
  });

  it('prefers --served-model-name over a local path', () => {
    expect(
      parseServingCommand(
        container({
          image: 'vllm/vllm-openai:v0.15.1',
          args: [
            '--model',
            '/models/llama',
            '--served-model-name',
            'llama-3.1-8b',
          ],
        }),
      ),
    ).toEqual({ engine: 'vllm', modelId: 'llama-3.1-8b' });
  });

  it.each<[string, Partial<ContainerSummary>, object]>([
    [
      'SGLang --model-path',
      {
        image: 'lmsysorg/sglang:v0.5.2',
        command: ['python3', '-m', 'sglang.launch_server'],
        args: ['--model-path', 'Qwen/Qwen3-8B'],
      },
      { engine: 'sglang', modelId: 'Qwen/Qwen3-8B' },
    ],
    [
      'TGI MODEL_ID env',
      {
        image: 'ghcr.io/huggingface/text-generation-inference:3.3.4',
        env: { MODEL_ID: 'mistralai/Mistral-7B-Instruct-v0.3' },
      },
      { engine: 'tgi', modelId: 'mistralai/Mistral-7B-Instruct-v0.3' },
    ],
    [
      'TGI --model-id',
      {
        image: 'ghcr.io/huggingface/text-generation-inference:3.3.4',
        args: ['--model-id', 'google/gemma-3-4b-it'],
      },
      { engine: 'tgi', modelId: 'google/gemma-3-4b-it' },
    ],
    [
      'Triton model repository',
      {
        image: 'nvcr.io/nvidia/tritonserver:25.08-py3',
        command: ['tritonserver'],
        args: ['--model-repository=s3://models/triton'],
      },
      { engine: 'triton', modelUri: 's3://models/triton' },
    ],
  ])('recognises %s', (_name, overrides, expected) => {
    expect(parseServingCommand(container(overrides))).toEqual(expected);
  });

  it('ignores containers that serve no model', () => {
    expect(
      parseServingCommand(
        container({ image: 'nginx:1.27', args: ['--model', 'x'] }),
      ),
    ).toBeUndefined();
    expect(
      parseServingCommand(
        container({ image: 'python:3.12', command: ['python', 'train.py'] }),
      ),
    ).toBeUndefined();
  });

  it('does not take the llm-d scheduler for a model server', () => {
    expect(
      parseServingCommand(
        container({
          image: 'ghcr.io/llm-d/llm-d-inference-scheduler:v0.4.0',
          args: ['--pool-name', 'qwen3-30b-a3b'],
        }),
      ),
    ).toBeUndefined();
  });

  it('recognises vllm from the command even with a custom image', () => {
    expect(
      parseServingCommand(
        container({
          image: 'registry.example.com/inference/server:1.2',
          command: ['vllm', 'serve', 'Qwen/Qwen3-8B'],
        }),
      ),
    ).toEqual({ engine: 'vllm', modelId: 'Qwen/Qwen3-8B' });
  });
});

describe('commandTokens', () => {
  it('splits shell strings and strips quotes', () => {
    expect(
      commandTokens(
        container({
          command: ['sh', '-c'],
          args: ["vllm serve 'Qwen/Qwen3-8B' --port 8000"],
        }),
      ),
    ).toEqual(['sh', '-c', 'vllm', 'serve', 'Qwen/Qwen3-8B', '--port', '8000']);
  });
});
