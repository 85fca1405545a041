import { InputError } from '@backstage/errors';
import { isValidClusterName, MAX_CLUSTER_NAME_LENGTH } from './types';

/** Validates a cluster name from a request; the error names the parameter and what is wrong. */
export function parseClusterName(value: unknown, parameter = 'name'): string {
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`Invalid ${parameter}: a cluster name is required`);
  }
  if (value.length > MAX_CLUSTER_NAME_LENGTH) {
    throw new InputError(
      `Invalid ${parameter}: cluster names have at most ${MAX_CLUSTER_NAME_LENGTH} characters, got ${value.length}`,
    );
  }
  if (!isValidClusterName(value)) {
    throw new InputError(
      `Invalid ${parameter} "${value}": cluster names use letters, digits, '-', '_' and '.', and start and end with a letter or digit`,
    );
  }
  return value;
}
