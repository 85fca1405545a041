import { acceleratorRequestsByNode } from './podAllocations';
import { pod } from './testFixtures';

describe('acceleratorRequestsByNode', () => {
  it('sums the requests of pods bound to each node that have not terminated', () => {
    const byNode = acceleratorRequestsByNode([
      pod('a', 'n1', { 'nvidia.com/gpu': 2 }),
      pod('b', 'n1', { 'nvidia.com/gpu': 1, 'nvidia.com/mig-1g.10gb': 1 }),
      pod('starting', 'n1', { 'nvidia.com/gpu': 1 }, { phase: 'Pending' }),
      pod('unknown-phase', 'n2', { 'amd.com/gpu': 1 }, { phase: 'Unknown' }),
      pod('done', 'n1', { 'nvidia.com/gpu': 4 }, { phase: 'Succeeded' }),
      pod('failed', 'n1', { 'nvidia.com/gpu': 4 }, { phase: 'Failed' }),
      pod(
        'unscheduled',
        undefined,
        { 'nvidia.com/gpu': 8 },
        { phase: 'Pending' },
      ),
      pod('zero', 'n3', { 'nvidia.com/gpu': 0 }),
    ]);
    expect(Object.fromEntries(byNode)).toEqual({
      n1: { 'nvidia.com/gpu': 4, 'nvidia.com/mig-1g.10gb': 1 },
      n2: { 'amd.com/gpu': 1 },
      n3: {},
    });
  });
});
