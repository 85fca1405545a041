import {
  ServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * The test backend's scheduler, kept at hand so a test can run a task when it
 * wants to (the mock scheduler does run tasks, on request). Its type is not
 * exported, so the two methods used are declared here.
 */
export interface TestScheduler extends SchedulerService {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
}

export function createTestScheduler(): TestScheduler {
  return mockServices.scheduler() as TestScheduler;
}
