import {
  Checklist,
  ChecklistVersion,
  ConformanceMatrix,
  Verdict,
} from '@ai-platform/plugin-ai-platform-common';
import { Link } from '@backstage/core-components';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMore from '@mui/icons-material/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import { Loadable } from '../shared/Loadable';
import { StaleBadge, VerdictBadge } from '../shared/badges';
import { formatAge } from '../shared/format';
import { RequirementEvidence } from './EvidenceList';
import { categoryLabel } from './groupRequirements';
import { useScorecardLoader } from './ScorecardCache';

type Requirement = Checklist['requirements'][number];

function ClusterEvidence(props: {
  cluster: string;
  requirementId: string;
  version: ChecklistVersion;
}) {
  const load = useScorecardLoader();
  const state = useAsync(
    () => load(props.cluster, props.version),
    [load, props.cluster, props.version],
  );
  return (
    <Loadable
      state={state}
      errorTitle={`Could not load the scorecard of ${props.cluster}`}
    >
      {scorecard => {
        const result = scorecard.requirements.find(
          r => r.id === props.requirementId,
        );
        if (!result) {
          return (
            <Typography>
              This requirement is not part of the scorecard of {props.cluster}.
            </Typography>
          );
        }
        return (
          <>
            {scorecard.stale && (
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                Evaluated on the last good snapshot, collected{' '}
                {formatAge(scorecard.snapshotCollectedAt)}.
              </Typography>
            )}
            <RequirementEvidence
              result={result}
              label={`Evidence from ${props.cluster}`}
            />
          </>
        );
      }}
    </Loadable>
  );
}

/**
 * A requirement: what it asks, what we look for, what read-only evidence
 * cannot prove, and the evidence found in each cluster (loaded when opened).
 */
export function RequirementDialog(props: {
  requirement: Requirement;
  matrix: ConformanceMatrix;
  onClose: () => void;
}) {
  const { requirement: r, matrix } = props;
  const titleId = `requirement-${r.id}-title`;
  const openByDefault = matrix.clusters.length <= 5;
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>
        {r.kar ? `${r.kar}: ` : ''}
        {r.title}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            <code>{r.id}</code> · {r.level} in checklist{' '}
            {matrix.checklistVersion} · {categoryLabel(r.category)}
            {r.officialTest ? ` · official test: ${r.officialTest}` : ''}
          </Typography>
          <Typography>{r.description}</Typography>
          {r.condition && (
            <Typography variant="body2">
              <strong>Applies when:</strong> {r.condition}
            </Typography>
          )}
          <div>
            <Typography variant="subtitle1" component="h3">
              What read-only evidence cannot prove
            </Typography>
            <Typography variant="body2">
              {r.readOnlyLimit ??
                'The portal reads cluster objects only; it never runs workloads. Behaviour the program checks with active tests is not proven by what is read here.'}
            </Typography>
          </div>
          {r.signals.length > 0 && (
            <div>
              <Typography variant="subtitle1" component="h3">
                What we look for
              </Typography>
              <ul style={{ marginTop: 4 }}>
                {r.signals.map((s, i) => (
                  <li key={i}>
                    <Typography variant="body2">
                      {s.description} ({s.strength})
                    </Typography>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {r.sources.length > 0 && (
            <Typography variant="body2">
              Sources:{' '}
              {r.sources.map((s, i) => (
                <span key={s.url}>
                  {i > 0 && ', '}
                  <Link to={s.url}>{s.title}</Link>
                </span>
              ))}
            </Typography>
          )}
          <div>
            <Typography variant="subtitle1" component="h3" sx={{ mb: 1 }}>
              Evidence per cluster
            </Typography>
            {matrix.clusters.map(c => {
              const verdict: Verdict = c.verdicts[r.id] ?? 'unknown';
              return (
                <Accordion
                  key={c.cluster}
                  defaultExpanded={openByDefault}
                  disableGutters
                  slotProps={{ transition: { unmountOnExit: true } }}
                >
                  <AccordionSummary expandIcon={<ExpandMore />}>
                    <Stack direction="row" spacing={1} alignItems="center">
                      <Typography component="span" sx={{ fontWeight: 500 }}>
                        {c.cluster}
                      </Typography>
                      <VerdictBadge verdict={verdict} />
                      {c.stale && <StaleBadge />}
                    </Stack>
                  </AccordionSummary>
                  <AccordionDetails>
                    <ClusterEvidence
                      cluster={c.cluster}
                      requirementId={r.id}
                      version={matrix.checklistVersion}
                    />
                  </AccordionDetails>
                </Accordion>
              );
            })}
          </div>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
