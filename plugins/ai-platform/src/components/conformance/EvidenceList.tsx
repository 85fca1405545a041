import {
  EvidenceItem,
  RequirementResult,
} from '@ai-platform/plugin-ai-platform-common';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ThumbUpOffAlt from '@mui/icons-material/ThumbUpOffAlt';
import ThumbDownOffAlt from '@mui/icons-material/ThumbDownOffAlt';
import { SimpleTable } from '../shared/SimpleTable';
import { StatusBadge } from '../shared/StatusBadge';
import { VerdictBadge } from '../shared/badges';

function objectLabel(object: EvidenceItem['object']): string {
  if (!object) return '—';
  const name = object.namespace
    ? `${object.namespace}/${object.name}`
    : object.name;
  return `${object.kind} ${name} (${object.apiVersion})`;
}

// Evidence against a requirement must not look like evidence for it.
const toneFor = { strong: 'success', medium: 'info', hint: 'neutral' } as const;
const toneAgainst = {
  strong: 'error',
  medium: 'warning',
  hint: 'neutral',
} as const;

/** One requirement's verdict for one cluster, with the evidence behind it. */
export function RequirementEvidence(props: {
  result: RequirementResult;
  label: string;
}) {
  const { result } = props;
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} alignItems="center">
        <VerdictBadge verdict={result.verdict} />
        <Typography variant="body2">{result.reason}</Typography>
      </Stack>
      {result.lastKnownVerdict && (
        <Stack direction="row" spacing={1} alignItems="center">
          <Typography variant="body2">
            The snapshot is stale; the last good one gave
          </Typography>
          <VerdictBadge verdict={result.lastKnownVerdict} />
        </Stack>
      )}
      {result.limitedByReadOnly && (
        <Typography variant="body2">
          No gap was seen: partial is as far as read-only evidence goes. Only
          the program's active test can settle the rest.
        </Typography>
      )}
      {result.extension && (
        <Typography variant="body2" color="text.secondary">
          Added by a conformance extension; not part of the program's checklist
          and left out of the tallies.
        </Typography>
      )}
      <SimpleTable
        label={props.label}
        rows={result.evidence}
        rowKey={(e, i) => `${i}-${e.summary}`}
        emptyMessage="No evidence was found either way."
        columns={[
          {
            title: 'Strength',
            render: e => (
              <StatusBadge
                tone={(e.supports ? toneFor : toneAgainst)[e.strength]}
                icon={e.supports ? <ThumbUpOffAlt /> : <ThumbDownOffAlt />}
                label={`${e.strength}, ${e.supports ? 'for' : 'against'}`}
              />
            ),
          },
          { title: 'Evidence', rowHeader: true, render: e => e.summary },
          { title: 'Object', render: e => objectLabel(e.object) },
        ]}
      />
      {result.cannotProve && (
        <Typography variant="body2">
          <strong>Read-only evidence cannot prove:</strong> {result.cannotProve}
        </Typography>
      )}
    </Stack>
  );
}
