import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_OWNER, readProviderConfig } from './readProviderConfig';

const read = (aiPlatform?: object) =>
  readProviderConfig(
    mockServices.rootConfig({
      data: aiPlatform ? { catalog: { providers: { aiPlatform } } } : {},
    }),
  );

describe('readProviderConfig', () => {
  it('has defaults', () => {
    expect(read()).toEqual({
      schedule: {
        frequency: { minutes: 2 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 20 },
        scope: 'global',
      },
      defaultOwner: DEFAULT_OWNER,
      defaultSystem: undefined,
    });
  });

  it('reads durations, ISO durations and cron expressions', () => {
    expect(read({ frequency: { seconds: 30 } }).schedule.frequency).toEqual({
      seconds: 30,
    });
    expect(read({ frequency: 'PT1H30M' }).schedule.frequency).toEqual({
      hours: 1,
      minutes: 30,
    });
    expect(read({ frequency: '*/5 * * * *' }).schedule.frequency).toEqual({
      cron: '*/5 * * * *',
    });
    expect(
      read({ frequency: { cron: '0 * * * *' } }).schedule.frequency,
    ).toEqual({ cron: '0 * * * *' });
    expect(
      read({
        defaultOwner: 'group:default/ml-research',
        defaultSystem: 'gpu-fleet',
      }),
    ).toMatchObject({
      defaultOwner: 'group:default/ml-research',
      defaultSystem: 'gpu-fleet',
    });
  });

  it.each([
    { frequency: 'often' },
    { frequency: { fortnights: 1 } },
    { timeout: 'P' },
  ])('rejects %j with the key in the message', bad => {
    expect(() => read(bad)).toThrow(/Invalid config at (frequency|timeout)/);
  });
});
