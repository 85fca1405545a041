import { ModelResources } from '@ai-platform/plugin-ai-platform-common';
import { InputError } from '@backstage/errors';

export interface GpuNeeds {
  /** Devices per replica. */
  count: number;
  /** Memory each device needs, in GiB (0: any). */
  minMemoryGiBPerDevice: number;
  /** What one replica needs in total, when the model says. */
  totalMemoryGiB?: number;
  /** One sentence on where the numbers come from. */
  explanation: string;
}

function gib(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * What one replica needs, from the Model's `spec.resources` and what the
 * user entered. A GPU count the user gives wins; memory per device is the
 * largest of what the user asked, the model's own minimum, and its total
 * memory spread over the devices (a model that needs 160 GiB on 2 GPUs
 * needs 80 GiB on each).
 */
export function gpuNeeds(
  what: string,
  resources: Partial<ModelResources> | undefined,
  overrides: { gpuCount?: number; minGpuMemoryGiB?: number },
): GpuNeeds {
  const count = overrides.gpuCount ?? resources?.recommendedGpus;
  if (!count) {
    throw new InputError(
      `${what} does not say how many GPUs it needs (spec.resources.recommendedGpus); enter the GPU count in the form`,
    );
  }
  const total = resources?.gpuMemoryGiB;
  const spread = total ? Math.ceil((total / count) * 10) / 10 : 0;
  const candidates: [number, string][] = [
    [overrides.minGpuMemoryGiB ?? 0, 'the memory per GPU you asked for'],
    [
      resources?.minGpuMemoryGiBPerDevice ?? 0,
      `the model's minimum per device`,
    ],
    [
      spread,
      `${gib(total ?? 0)} GiB per replica over ${count} GPU${
        count === 1 ? '' : 's'
      }`,
    ],
  ];
  const [minMemory, reason] = candidates.reduce((best, c) =>
    c[0] > best[0] ? c : best,
  );
  const source =
    overrides.gpuCount !== undefined ? 'as entered' : `as the model recommends`;
  const explanation =
    minMemory > 0
      ? `${count} GPU${
          count === 1 ? '' : 's'
        } per replica (${source}), each with at least ${gib(
          minMemory,
        )} GiB (${reason})`
      : `${count} GPU${
          count === 1 ? '' : 's'
        } per replica (${source}), any memory size (the model does not say how much it needs)`;
  return {
    count,
    minMemoryGiBPerDevice: minMemory,
    ...(total !== undefined ? { totalMemoryGiB: total } : {}),
    explanation,
  };
}
