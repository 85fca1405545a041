import {
  FaultEngine,
  FaultRuleError,
  parseFaultFile,
  parseFaultRules,
  validateFaultRule,
} from './faults';

describe('fault rule parsing', () => {
  it('parses a YAML list and {faults: [...]}', () => {
    const yaml = `
- cluster: gpu-east
  resource: pods
  verb: list
  kind: status
  status: 403
- kind: latency
  latencyMs: 250
`;
    expect(parseFaultFile(yaml)).toEqual([
      {
        cluster: 'gpu-east',
        resource: 'pods',
        verb: 'list',
        kind: 'status',
        status: 403,
      },
      { kind: 'latency', latencyMs: 250 },
    ]);
    expect(parseFaultFile('{"faults":[{"kind":"hang","times":2}]}')).toEqual([
      { kind: 'hang', times: 2 },
    ]);
    expect(parseFaultRules({ kind: 'refuse', cluster: 'x' })).toEqual([
      { kind: 'refuse', cluster: 'x' },
    ]);
    expect(parseFaultFile('')).toEqual([]);
  });

  it.each([
    [{ kind: 'explode' }, /faults\[0\]\.kind: must be one of/],
    [{ kind: 'latency' }, /needs latencyMs/],
    [{ kind: 'status' }, /needs status/],
    [
      { kind: 'status', status: 42 },
      /status: must be an integer between 100 and 599/,
    ],
    [{ kind: 'hang', times: 0 }, /times: must be an integer/],
    [
      { kind: 'hang', probability: 2 },
      /probability: must be a number between 0 and 1/,
    ],
    [{ kind: 'hang', verb: 'explode' }, /verb: must be one of/],
    [{ kind: 'hang', colour: 'red' }, /unknown field "colour"/],
  ])('rejects %j', (rule, message) => {
    expect(() => parseFaultRules([rule])).toThrow(FaultRuleError);
    expect(() => parseFaultRules([rule])).toThrow(message);
  });

  it('rejects malformed files with the file name', () => {
    expect(() => parseFaultFile('- kind: [', 'faults.yaml')).toThrow(
      /faults\.yaml: invalid YAML/,
    );
    expect(() => parseFaultFile('just a string', 'faults.yaml')).toThrow(
      /expected a list/,
    );
    expect(() => validateFaultRule('x', 'rule')).toThrow(
      /rule: expected an object/,
    );
  });
});

describe('FaultEngine', () => {
  const req = { cluster: 'east', resource: 'pods', verb: 'list' as const };

  it('matches cluster, resource and verb (absent or * = any)', () => {
    const engine = new FaultEngine([
      { cluster: 'west', kind: 'hang' },
      { resource: 'nodes', kind: 'hang' },
      { verb: 'get', kind: 'hang' },
    ]);
    expect(engine.evaluate(req).action).toBeUndefined();
    engine.add({ cluster: '*', resource: '*', verb: '*', kind: 'truncate' });
    expect(engine.evaluate(req).action?.kind).toBe('truncate');
    expect(engine.evaluate({ cluster: 'west', verb: 'get' }).action?.kind).toBe(
      'hang',
    );
  });

  it('adds up latency and lets the first other rule decide', () => {
    const engine = new FaultEngine([
      { kind: 'latency', latencyMs: 100 },
      { kind: 'status', status: 500 },
      { kind: 'latency', latencyMs: 50 },
      { kind: 'status', status: 403 },
    ]);
    const d = engine.evaluate(req);
    expect(d.latencyMs).toBe(150);
    expect(d.action?.status).toBe(500);
  });

  it('uses up times and drops exhausted rules', () => {
    const engine = new FaultEngine([{ kind: 'status', status: 500, times: 2 }]);
    expect(engine.evaluate(req).action?.status).toBe(500);
    expect(engine.list()).toEqual([{ kind: 'status', status: 500, times: 1 }]);
    expect(engine.evaluate(req).action?.status).toBe(500);
    expect(engine.evaluate(req).action).toBeUndefined();
    expect(engine.list()).toEqual([]);
  });

  it('applies probability with the given random source', () => {
    const values = [0.9, 0.1];
    const engine = new FaultEngine(
      [{ kind: 'status', status: 503, probability: 0.5 }],
      () => values.shift()!,
    );
    expect(engine.evaluate(req).action).toBeUndefined();
    expect(engine.evaluate(req).action?.status).toBe(503);
  });

  it('reports refusing clusters and notifies on changes', () => {
    const engine = new FaultEngine();
    let changes = 0;
    engine.onChange(() => changes++);
    engine.add({ kind: 'refuse', cluster: 'east' });
    expect(engine.refuses('east')).toBe(true);
    expect(engine.refuses('west')).toBe(false);
    // refuse is connection-level and never decides a request.
    expect(engine.evaluate(req).action).toBeUndefined();
    engine.clear();
    expect(engine.refuses('east')).toBe(false);
    expect(changes).toBe(2);
  });
});
