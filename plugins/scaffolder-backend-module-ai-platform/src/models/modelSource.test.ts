import { parseModelSource, toDnsLabel } from './modelSource';

describe('parseModelSource', () => {
  it('takes apart each scheme', () => {
    expect(parseModelSource('hf://Qwen/Qwen3-32B@main')).toMatchObject({
      scheme: 'hf',
      hfRepo: 'Qwen/Qwen3-32B',
      hfRevision: 'main',
      baseName: 'Qwen3-32B',
    });
    expect(
      parseModelSource(
        'oci://registry.example.com:5000/models/llama-3.1-8b-instruct:fp8',
      ),
    ).toMatchObject({
      scheme: 'oci',
      imageReference:
        'registry.example.com:5000/models/llama-3.1-8b-instruct:fp8',
      baseName: 'llama-3.1-8b-instruct',
    });
    expect(parseModelSource('pvc://models-cache/qwen/qwen3-8b')).toMatchObject({
      scheme: 'pvc',
      pvcClaim: 'models-cache',
      pvcPath: 'qwen/qwen3-8b',
      baseName: 'qwen3-8b',
    });
    expect(parseModelSource('s3://bucket/models/mistral-7b/')).toMatchObject({
      scheme: 's3',
      baseName: 'mistral-7b',
    });
  });

  it('says what is wrong with a bad source', () => {
    expect(() => parseModelSource('ftp://example.com/x')).toThrow(
      /must be a URI with one of the schemes oci:\/\/, hf:\/\/, s3:\/\/, gs:\/\/, pvc:\/\/, https:\/\//,
    );
    expect(() => parseModelSource('hf://just-a-name')).toThrow(
      /not a Hugging Face repository like hf:\/\/Qwen\/Qwen3-32B/,
    );
    expect(() => parseModelSource('oci://no-registry')).toThrow(
      /not an OCI reference/,
    );
    expect(() => parseModelSource('pvc://Bad_Claim/x')).toThrow(
      /must name a PersistentVolumeClaim/,
    );
  });
});

describe('toDnsLabel', () => {
  it('makes names Kubernetes and the catalog accept', () => {
    expect(toDnsLabel('Qwen3-32B-Instruct')).toBe('qwen3-32b-instruct');
    expect(toDnsLabel('llama_3.1 8B')).toBe('llama-3-1-8b');
    expect(toDnsLabel('---')).toBe('model');
    expect(toDnsLabel('a'.repeat(80))).toHaveLength(40);
  });
});
