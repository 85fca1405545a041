import { InputError } from '@backstage/errors';
import { parseWorkloadsQuery } from './workloadsQuery';

describe('parseWorkloadsQuery', () => {
  it('accepts no parameters or one cluster name', () => {
    expect(parseWorkloadsQuery({})).toEqual({});
    expect(parseWorkloadsQuery({ cluster: 'h100-prod' })).toEqual({
      cluster: 'h100-prod',
    });
  });

  it.each([
    [{ cluster: ['a', 'b'] }, /given once/],
    [{ cluster: '../etc' }, /must be a cluster name/],
    [{ cluster: '' }, /must be a cluster name/],
    [{ cluster: 'a'.repeat(300) }, /must be a cluster name/],
    [{ clusters: 'a' }, /Unknown query parameter 'clusters'/],
  ])('rejects %j', (query, message) => {
    expect(() => parseWorkloadsQuery(query)).toThrow(InputError);
    expect(() => parseWorkloadsQuery(query)).toThrow(message);
  });
});
