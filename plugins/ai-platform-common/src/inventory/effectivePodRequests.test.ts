import { effectivePodRequests } from './effectivePodRequests';

const gpu = (n: number) => ({ requests: { 'nvidia.com/gpu': String(n) } });
const onlyGpus = (name: string) => name.includes('/');

describe('effectivePodRequests', () => {
  it('sums app containers', () => {
    expect(
      effectivePodRequests(
        { containers: [gpu(2), gpu(1), { requests: { cpu: '8' } }] },
        onlyGpus,
      ),
    ).toEqual({ 'nvidia.com/gpu': 3 });
  });

  it('takes the larger of the containers and the biggest init container (max rule)', () => {
    expect(
      effectivePodRequests({
        containers: [gpu(1)],
        initContainers: [gpu(4), gpu(2)],
      }),
    ).toEqual({ 'nvidia.com/gpu': 4 });
    expect(
      effectivePodRequests({
        containers: [gpu(2), gpu(2)],
        initContainers: [gpu(3)],
      }),
    ).toEqual({ 'nvidia.com/gpu': 4 });
  });

  it('keeps sidecars running: they add to later init steps and to the app containers', () => {
    const sidecar = { ...gpu(1), restartPolicy: 'Always' };
    expect(
      effectivePodRequests({
        containers: [gpu(2)],
        initContainers: [sidecar, gpu(2)],
      }),
    ).toEqual({ 'nvidia.com/gpu': 3 });
    expect(
      effectivePodRequests({
        containers: [gpu(1)],
        initContainers: [gpu(3), sidecar],
      }),
    ).toEqual({ 'nvidia.com/gpu': 3 });
  });

  it('adds pod overhead and leaves out zero requests', () => {
    expect(
      effectivePodRequests({
        containers: [
          { requests: { 'example.com/npu': '1', 'nvidia.com/gpu': '0' } },
        ],
        overhead: { 'example.com/npu': '1' },
      }),
    ).toEqual({ 'example.com/npu': 2 });
  });
});
