import { makeValidator } from '@backstage/catalog-model';
import {
  discoveredObjectName,
  modelEntityName,
  NameAllocator,
  toEntityName,
} from './entityNames';

const { isValidEntityName } = makeValidator();

describe('entity names', () => {
  it('derives model names from model ids and URIs', () => {
    expect(modelEntityName('Qwen/Qwen3-32B')).toBe('qwen-qwen3-32b');
    expect(modelEntityName('meta-llama/Llama-3.1-8B-Instruct')).toBe(
      'meta-llama-llama-3.1-8b-instruct',
    );
    expect(modelEntityName('s3://models/llama-3.1-8b/')).toBe(
      'models-llama-3.1-8b',
    );
    expect(modelEntityName('/models/llama')).toBe('models-llama');
  });

  it('joins cluster, namespace and name', () => {
    expect(
      discoveredObjectName('h100-prod', 'llm-serving', 'vllm-qwen3-32b'),
    ).toBe('h100-prod-llm-serving-vllm-qwen3-32b');
    expect(
      discoveredObjectName('h100-prod', 'llm-d', 'qwen3-30b-a3b', 'pool'),
    ).toBe('h100-prod-llm-d-qwen3-30b-a3b-pool');
  });

  it('cleans characters the catalog does not allow', () => {
    expect(toEntityName('Prod_EU..West//ns--x')).toBe('prod_eu-west-ns-x');
    expect(toEntityName('--a--')).toBe('a');
    expect(toEntityName('///')).toBe('x');
  });

  it('cuts long names to 63 characters with a stable hash', () => {
    const long = `cluster-${'a'.repeat(40)}-namespace-${'b'.repeat(40)}`;
    const other = `${long}-2`;
    const name = toEntityName(long);
    expect(name).toHaveLength(63);
    expect(isValidEntityName(name)).toBe(true);
    expect(toEntityName(long)).toBe(name);
    expect(toEntityName(other)).not.toBe(name);
  });

  it('always produces valid names', () => {
    for (const raw of [
      'A',
      'x'.repeat(200),
      'a.-_b',
      'hf://Org/Model--Name__v1.0',
      `${'-'.repeat(70)}z`,
    ]) {
      expect({ raw, valid: isValidEntityName(toEntityName(raw)) }).toEqual({
        raw,
        valid: true,
      });
    }
  });

  it('gives later duplicates a hash of their identity', () => {
    const names = new NameAllocator();
    expect(names.allocate('same', 'Deployment/a')).toBe('same');
    const second = names.allocate('same', 'InferencePool/a');
    expect(second).toMatch(/^same-[0-9a-f]{8}$/);
    const third = names.allocate('same', 'InferencePool/a');
    expect([third === 'same', third === second]).toEqual([false, false]);
  });
});
