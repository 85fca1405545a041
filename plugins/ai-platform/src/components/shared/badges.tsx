import {
  CertificationReadiness,
  ClusterStatus,
  Verdict,
} from '@ai-platform/plugin-ai-platform-common';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutline';
import HighlightOff from '@mui/icons-material/HighlightOff';
import HelpOutline from '@mui/icons-material/HelpOutline';
import Block from '@mui/icons-material/Block';
import Schedule from '@mui/icons-material/Schedule';
import HourglassEmpty from '@mui/icons-material/HourglassEmpty';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import Science from '@mui/icons-material/Science';
import { ReactElement } from 'react';
import { StatusBadge, Tone } from './StatusBadge';

type Look = { tone: Tone; icon: ReactElement; label: string };

const verdictLooks: Record<Verdict, Look> = {
  pass: { tone: 'success', icon: <CheckCircleOutline />, label: 'Pass' },
  partial: { tone: 'warning', icon: <RemoveCircleOutline />, label: 'Partial' },
  fail: { tone: 'error', icon: <HighlightOff />, label: 'Fail' },
  unknown: { tone: 'neutral', icon: <HelpOutline />, label: 'Unknown' },
  'not-applicable': { tone: 'info', icon: <Block />, label: 'N/A' },
};

export const verdictLabels: Record<Verdict, string> = {
  pass: 'Pass',
  partial: 'Partial',
  fail: 'Fail',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

export function VerdictBadge(props: { verdict: Verdict; title?: string }) {
  const look = verdictLooks[props.verdict] ?? verdictLooks.unknown;
  return (
    <StatusBadge
      {...look}
      title={props.title ?? verdictLabels[props.verdict]}
    />
  );
}

const stateLooks: Record<ClusterStatus['state'], Look> = {
  fresh: { tone: 'success', icon: <CheckCircleOutline />, label: 'Fresh' },
  stale: { tone: 'warning', icon: <Schedule />, label: 'Stale' },
  pending: { tone: 'info', icon: <HourglassEmpty />, label: 'Pending' },
  failed: { tone: 'error', icon: <ErrorOutline />, label: 'Failed' },
};

export function ClusterStateBadge(props: {
  state: ClusterStatus['state'];
  title?: string;
}) {
  const look = stateLooks[props.state] ?? stateLooks.pending;
  return <StatusBadge {...look} title={props.title} />;
}

/** Stale data is marked wherever it is shown. */
export function StaleBadge(props: { title?: string }) {
  return <StatusBadge {...stateLooks.stale} title={props.title} />;
}

const readinessLooks: Record<CertificationReadiness, Look> = {
  ready: { tone: 'success', icon: <CheckCircleOutline />, label: 'Ready' },
  'needs-active-tests': {
    tone: 'info',
    icon: <Science />,
    label: 'Needs active tests',
  },
  'not-ready': { tone: 'error', icon: <HighlightOff />, label: 'Not ready' },
  unknown: { tone: 'neutral', icon: <HelpOutline />, label: 'Unknown' },
};

export function ReadinessBadge(props: {
  readiness: CertificationReadiness;
  title?: string;
}) {
  const look = readinessLooks[props.readiness] ?? readinessLooks.unknown;
  return <StatusBadge {...look} title={props.title} />;
}
