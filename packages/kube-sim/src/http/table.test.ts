import { evalJsonPath, humanDuration, wantsTable } from './table';

describe('humanDuration', () => {
  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [5 * 60_000 + 3000, '5m3s'],
    [6 * 60_000, '6m'],
    [90 * 60_000, '90m'],
    [5 * 3600_000 + 60_000 * 7, '5h7m'],
    [30 * 3600_000, '30h'],
    [3 * 86400_000 + 3600_000, '3d1h'],
    [40 * 86400_000, '40d'],
    [3 * 365 * 86400_000 + 10 * 86400_000, '3y10d'],
    [10 * 365 * 86400_000, '10y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('evalJsonPath', () => {
  const obj = {
    spec: { replicas: 3, targetPorts: [{ number: 8000 }, { number: 9000 }] },
    status: {
      conditions: [
        { type: 'Accepted', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
    },
  };
  it.each([
    ['.spec.replicas', [3]],
    ['.spec.targetPorts[0].number', [8000]],
    ['.spec.targetPorts[-1].number', [9000]],
    ['.spec.targetPorts[*].number', [8000, 9000]],
    ['.status.conditions[?(@.type=="Ready")].status', ['False']],
    ["{.status.conditions[?(@.type=='Accepted')].status}", ['True']],
    ['.spec.missing.deeper', []],
  ])('%s', (path, expected) => {
    expect(evalJsonPath(obj, path)).toEqual(expected);
  });
});

describe('wantsTable', () => {
  it('recognizes kubectl Accept headers', () => {
    expect(
      wantsTable(
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      ),
    ).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
    expect(
      wantsTable(
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
      ),
    ).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
  });
});
