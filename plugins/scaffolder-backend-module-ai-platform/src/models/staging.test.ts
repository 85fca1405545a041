import { parseModelSource } from './modelSource';
import { planStaging } from './staging';

const hf = parseModelSource('hf://Qwen/Qwen3-8B');
const oci = parseModelSource('oci://registry.example.com/models/qwen3-8b:bf16');
const pvc = parseModelSource('pvc://models-cache/qwen3-8b');
const s3 = parseModelSource('s3://bucket/qwen3-8b');
const opts = { newClaimName: 'chat-models' };

describe('planStaging', () => {
  it('mounts an OCI image as an ImageVolume, for vLLM and KServe', () => {
    expect(planStaging(oci, 'image-volume', 'vllm', opts)).toEqual({
      mode: 'image-volume',
      imageReference: 'registry.example.com/models/qwen3-8b:bf16',
      storageUri: undefined,
      modelPath: '/mnt/models',
      createPvc: false,
      downloadJob: false,
    });
    expect(planStaging(oci, 'image-volume', 'kserve', opts).storageUri).toBe(
      'oci+native://registry.example.com/models/qwen3-8b:bf16',
    );
  });

  it('uses a Modelcar only with KServe and an OCI source', () => {
    expect(planStaging(oci, 'modelcar', 'kserve', opts).storageUri).toBe(
      'oci://registry.example.com/models/qwen3-8b:bf16',
    );
    expect(() => planStaging(oci, 'modelcar', 'vllm', opts)).toThrow(
      /Modelcar is a KServe feature; use image-volume for a vLLM Deployment. Modes that work for this source: image-volume$/,
    );
    expect(() => planStaging(hf, 'modelcar', 'kserve', opts)).toThrow(
      /the source must be oci:\/\/. Modes that work for this source: pvc, download$/,
    );
  });

  it('fills a new claim from Hugging Face, or mounts an existing pvc:// source', () => {
    expect(planStaging(hf, 'pvc', 'vllm', opts)).toMatchObject({
      pvcClaim: 'chat-models',
      modelPath: '/mnt/models/Qwen/Qwen3-8B',
      createPvc: true,
      downloadJob: true,
    });
    expect(planStaging(hf, 'pvc', 'kserve', opts).storageUri).toBe(
      'pvc://chat-models/Qwen/Qwen3-8B',
    );
    expect(planStaging(pvc, 'pvc', 'vllm', opts)).toMatchObject({
      pvcClaim: 'models-cache',
      modelPath: '/mnt/models/qwen3-8b',
      createPvc: false,
    });
    expect(() => planStaging(s3, 'pvc', 'vllm', opts)).toThrow(
      /fetches from Hugging Face/,
    );
  });

  it('downloads at start what each stack can download', () => {
    expect(planStaging(hf, 'download', 'vllm', opts).modelPath).toBe(
      'Qwen/Qwen3-8B',
    );
    expect(planStaging(s3, 'download', 'kserve', opts).storageUri).toBe(
      's3://bucket/qwen3-8b',
    );
    expect(() => planStaging(s3, 'download', 'vllm', opts)).toThrow(
      /vLLM downloads from Hugging Face only/,
    );
    expect(() => planStaging(oci, 'download', 'kserve', opts)).toThrow(
      /storage initializer downloads hf:\/\/, s3:\/\/, gs:\/\/ and https:\/\/ sources. Modes that work for this source: image-volume, modelcar$/,
    );
  });
});
