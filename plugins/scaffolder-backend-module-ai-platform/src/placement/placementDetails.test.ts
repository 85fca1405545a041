import { Placement } from '@ai-platform/plugin-ai-platform-common';
import {
  deviceClassFor,
  describeOption,
  nodeSelectorFor,
  tolerationsFor,
} from './placementDetails';

const base: Placement = {
  cluster: 'h100-prod',
  node: 'gpu-h100-03',
  vendor: 'nvidia',
  product: 'NVIDIA-H100-80GB-HBM3',
  resourceName: 'nvidia.com/gpu',
  kind: 'whole',
  dra: false,
  memoryMiB: 81559,
  freeUnits: 4,
  units: 4,
  stale: false,
  score: 1,
  reasons: ['4 free NVIDIA-H100-80GB-HBM3, 4 needed'],
  taints: ['nvidia.com/gpu=present:NoSchedule', 'dedicated=ml:NoSchedule'],
};

describe('placement details', () => {
  it('pins whole GPUs by their product label, per vendor', () => {
    expect(nodeSelectorFor(base)).toEqual({
      'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
    });
    expect(
      nodeSelectorFor({
        ...base,
        vendor: 'amd',
        product: 'AMD_Instinct_MI300X_OAM',
      }),
    ).toEqual({ 'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM' });
    expect(
      nodeSelectorFor({
        ...base,
        kind: 'mig',
        resourceName: 'nvidia.com/mig-3g.40gb',
      }),
    ).toEqual({});
    expect(
      nodeSelectorFor({
        ...base,
        dra: true,
        resourceName: 'dra:gpu.nvidia.com',
      }),
    ).toEqual({});
    expect(nodeSelectorFor({ ...base, vendor: 'other' })).toEqual({});
  });

  it('tolerates accelerator taints only', () => {
    expect(tolerationsFor(base)).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(
      tolerationsFor({
        ...base,
        vendor: 'amd',
        taints: ['amd.com/gpu:NoExecute'],
      }),
    ).toEqual([
      { key: 'amd.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'amd.com/gpu', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });

  it('names the DeviceClass of DRA placements', () => {
    expect(deviceClassFor(base)).toBeUndefined();
    expect(
      deviceClassFor({
        ...base,
        dra: true,
        resourceName: 'dra:gpu.nvidia.com',
      }),
    ).toBe('gpu.nvidia.com');
    expect(
      deviceClassFor({
        ...base,
        dra: true,
        kind: 'mig',
        resourceName: 'dra:gpu.nvidia.com',
      }),
    ).toBe('mig.nvidia.com');
    expect(
      deviceClassFor({ ...base, dra: true, resourceName: 'dra:gpu.amd.com' }),
    ).toBe('gpu.amd.com');
  });

  it('describes a near miss with what it lacks', () => {
    expect(describeOption({ ...base, reasons: ['4 free of 8 needed'] })).toBe(
      'h100-prod/gpu-h100-03: 4 free NVIDIA-H100-80GB-HBM3 (79.6 GiB each); 4 free of 8 needed',
    );
  });
});
