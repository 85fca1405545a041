import { ReactElement } from 'react';
import {
  darken,
  getContrastRatio,
  lighten,
  styled,
  Theme,
} from '@mui/material/styles';

export type Tone = 'success' | 'warning' | 'error' | 'info' | 'neutral';

/**
 * A tone's color, darkened (light theme) or lightened (dark theme) until it
 * reaches 4.5:1 against the paper it sits on, whatever palette the app uses.
 */
export function readableToneColor(theme: Theme, tone: Tone): string {
  const dark = theme.palette.mode === 'dark';
  const background = theme.palette.background.paper;
  let color: string;
  if (tone === 'neutral') color = theme.palette.text.secondary;
  else color = dark ? theme.palette[tone].light : theme.palette[tone].dark;
  for (
    let step = 0;
    step < 10 && getContrastRatio(color, background) < 4.5;
    step++
  ) {
    color = dark ? lighten(color, 0.2) : darken(color, 0.2);
  }
  return color;
}

const Badge = styled('span', {
  shouldForwardProp: prop => prop !== 'tone',
})<{ tone: Tone }>(({ theme, tone }) => {
  const color = readableToneColor(theme, tone);
  return {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 4,
    padding: '1px 8px 1px 6px',
    borderRadius: 12,
    border: `1px solid ${color}`,
    color,
    fontSize: '0.8125rem',
    fontWeight: 500,
    lineHeight: 1.5,
    whiteSpace: 'nowrap',
    '& svg': { fontSize: '1rem' },
  };
});

/**
 * A status shown with color, an icon and a word, so it never depends on
 * color alone.
 */
export function StatusBadge(props: {
  tone: Tone;
  icon: ReactElement;
  label: string;
  title?: string;
}) {
  return (
    <Badge tone={props.tone} title={props.title} data-tone={props.tone}>
      <span aria-hidden style={{ display: 'inline-flex' }}>
        {props.icon}
      </span>
      {props.label}
    </Badge>
  );
}
