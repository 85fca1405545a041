import { ConformanceCheck } from '@ai-platform/plugin-ai-platform-node';
import { EvidenceItem } from '@ai-platform/plugin-ai-platform-common';
import {
  crdsOfGroup,
  evidence,
  isReadable,
  ref,
  result,
  servedVersions,
  unreadable,
} from './helpers';

/** The auto-detect rule of the program's test. */
const SANDBOX = /gvisor|runsc|kata|sandboxed|quark|krun/i;

/**
 * KAR-0020 (1.37 draft). Only medium signals exist read-only: a sandbox
 * RuntimeClass (name or handler gvisor, runsc, kata, sandboxed, quark, krun)
 * or the agents.x-k8s.io sandbox API. Best verdict partial, limited by
 * read-only evidence; fail when neither is there.
 */
export const workloadSandboxingCheck: ConformanceCheck = {
  requirementId: 'workload_sandboxing',
  evaluate(s) {
    const items: EvidenceItem[] = [];
    for (const rc of s.scheduling.runtimeClasses.filter(
      r => SANDBOX.test(r.name) || SANDBOX.test(r.handler),
    )) {
      items.push(
        evidence(
          'medium',
          true,
          `RuntimeClass ${rc.name} (handler ${rc.handler})`,
          ref('node.k8s.io/v1', 'RuntimeClass', rc.name),
        ),
      );
    }
    const agents = servedVersions(s, 'agents.x-k8s.io');
    if (agents.length || crdsOfGroup(s, 'agents.x-k8s.io').length) {
      items.push(
        evidence(
          'medium',
          true,
          `agents.x-k8s.io sandbox API ${
            agents.length ? `served (${agents.join(', ')})` : 'CRDs installed'
          }`,
        ),
      );
    }
    const cannotProve =
      'That the sandbox kernel differs from the host and isolates processes, /dev/mem, files and network needs the active test (TestWorkloadSandboxing).';
    if (items.length) {
      return result(
        'partial',
        'A sandbox runtime is available; read-only evidence cannot show the isolation',
        items,
        {
          cannotProve,
          limitedByReadOnly: true,
        },
      );
    }
    if (!isReadable(s, 'runtimeClasses') || !isReadable(s, 'discovery')) {
      return unreadable(
        s,
        ['runtimeClasses', 'discovery'],
        [],
        'the RuntimeClasses',
      );
    }
    return result(
      'fail',
      'No sandbox runtime: no RuntimeClass for gVisor, Kata, quark or krun, no agents.x-k8s.io sandbox API',
      [
        evidence(
          'medium',
          false,
          `${s.scheduling.runtimeClasses.length} RuntimeClass(es), none a sandbox`,
        ),
      ],
    );
  },
};
