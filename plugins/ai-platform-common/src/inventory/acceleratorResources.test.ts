import {
  isAcceleratorResourceName,
  isOtherAcceleratorResourceName,
} from './acceleratorResources';

describe('isOtherAcceleratorResourceName', () => {
  it.each([
    ['example.ai/npu', true],
    ['example.com/accelerator', true],
    ['acme.com/inference-accelerator', true],
    ['google.com/tpu', true],
    ['habana.ai/gaudi', true],
    ['aws.amazon.com/neuroncore', true],
    ['vendor.io/GPU-slice', true],
    ['example.com/xpu', true],
    ['nvidia.com/gpu', false],
    ['amd.com/gpu', false],
    ['gpu.intel.com/millicores', false],
    ['vpc.amazonaws.com/efa', false],
    ['devices.kubevirt.io/kvm', false],
    ['kubernetes.io/gpu', false],
    ['example.ai/cpu', false],
    ['cpu', false],
    ['hugepages-2Mi', false],
    ['npu', false],
  ])('%s → %s', (name, expected) => {
    expect(isOtherAcceleratorResourceName(name)).toBe(expected);
  });
});

describe('isAcceleratorResourceName', () => {
  it.each([
    ['nvidia.com/gpu', true],
    ['nvidia.com/gpu.shared', true],
    ['nvidia.com/mig-3g.40gb', true],
    ['amd.com/gpu', true],
    ['amd.com/cpx_nps4', true],
    ['gpu.intel.com/i915', true],
    ['gpu.intel.com/xe', true],
    ['example.com/accelerator', true],
    ['gpu.intel.com/tiles', false],
    ['gpu.intel.com/memory.max', false],
    ['nvidia.com/hostdev', false],
    ['rdma/rdma_shared_device_a', false],
    ['memory', false],
  ])('%s → %s', (name, expected) => {
    expect(isAcceleratorResourceName(name)).toBe(expected);
  });
});
