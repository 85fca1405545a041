import {
  CliArgError,
  parseClusterArg,
  parsePort,
  parseRestrictedTokenArg,
  parseSyntheticSpec,
  parseTokenArg,
} from './args';

describe('CLI argument parsers', () => {
  it('parses folder and synthetic clusters', () => {
    expect(parseClusterArg('gpu-east=./clusters/gpu-east')).toEqual({
      name: 'gpu-east',
      dir: './clusters/gpu-east',
    });
    expect(
      parseClusterArg(
        'big=synthetic:nodes=5000,podsPerNode=30,seed=1,draFraction=0.25',
      ),
    ).toEqual({
      name: 'big',
      synthetic: { nodes: 5000, podsPerNode: 30, seed: 1, draFraction: 0.25 },
    });
  });

  it.each([
    ['noequals', /expects NAME=VALUE/],
    ['=dir', /expects NAME=VALUE/],
    ['bad name=dir', /invalid cluster name/],
    ['x=synthetic:podsPerNode=3', /nodes=N is required/],
    ['x=synthetic:nodes=1,colour=red', /unknown option "colour"/],
    ['x=synthetic:nodes=1.5', /nodes must be a non-negative integer/],
    ['x=synthetic:nodes=1,draFraction=3', /between 0 and 1/],
  ])('rejects --cluster %s', (arg, message) => {
    expect(() => parseClusterArg(arg)).toThrow(CliArgError);
    expect(() => parseClusterArg(arg)).toThrow(message);
  });

  it('parses synthetic specs with whitespace and every known option', () => {
    expect(
      parseSyntheticSpec(
        ' nodes=10 , gpusPerNode=4,kubernetesMinor=33,pendingPods=2,namespaces=3 ',
      ),
    ).toEqual({
      nodes: 10,
      gpusPerNode: 4,
      kubernetesMinor: 33,
      pendingPods: 2,
      namespaces: 3,
    });
    expect(() => parseSyntheticSpec('nodes=')).toThrow(
      /nodes must be a non-negative integer/,
    );
  });

  it('parses tokens, restricted tokens and ports', () => {
    expect(parseTokenArg('a=s3cr3t')).toEqual({ name: 'a', token: 's3cr3t' });
    expect(
      parseRestrictedTokenArg('a=tok:pods,resourceslices.resource.k8s.io'),
    ).toEqual({
      name: 'a',
      restricted: {
        token: 'tok',
        forbid: ['pods', 'resourceslices.resource.k8s.io'],
      },
    });
    expect(() => parseRestrictedTokenArg('a=tok')).toThrow(
      /NAME=TOKEN:RESOURCE/,
    );
    expect(parsePort('6443')).toBe(6443);
    expect(() => parsePort('70000')).toThrow(/between 0 and 65535/);
    expect(() => parsePort('x')).toThrow(CliArgError);
  });
});
