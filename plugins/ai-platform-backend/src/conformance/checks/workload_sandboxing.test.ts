import { workloadSandboxingCheck } from './workload_sandboxing';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
} from '../__testUtils__/snapshots';

describe('workload_sandboxing', () => {
  it('is partial, as far as read-only goes, with a gVisor RuntimeClass', () => {
    const s = cluster(37);
    s.scheduling.runtimeClasses.push({ name: 'gvisor', handler: 'runsc' });
    const e = run(workloadSandboxingCheck, s, '1.37');
    expect(e.verdict).toBe('partial');
    expect(e.limitedByReadOnly).toBe(true);
    expect(e.cannotProve).toMatch(/TestWorkloadSandboxing/);
    expectWellFormed(e);
  });

  it('is partial, as far as read-only goes, with the agents.x-k8s.io sandbox API', () => {
    const s = crd(cluster(37), 'sandboxes', 'agents.x-k8s.io', 'Sandbox', {
      versions: ['v1alpha1'],
    });
    expect(run(workloadSandboxingCheck, s, '1.37').verdict).toBe('partial');
  });

  it('fails with only the nvidia RuntimeClass', () => {
    const s = cluster(37);
    s.scheduling.runtimeClasses.push({ name: 'nvidia', handler: 'nvidia' });
    const e = run(workloadSandboxingCheck, s, '1.37');
    expect(e.verdict).toBe('fail');
    expect(e.reason).toMatch(/^No sandbox runtime/);
  });

  it('is unknown when the RuntimeClasses cannot be read', () => {
    expect(
      run(
        workloadSandboxingCheck,
        forbid(cluster(37), 'runtimeClasses'),
        '1.37',
      ).verdict,
    ).toBe('unknown');
  });
});
