import { ReactNode } from 'react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** Label/value pairs as a description list. */
export function FactList(props: { facts: [string, ReactNode][] }) {
  return (
    <Stack component="dl" sx={{ m: 0 }}>
      {props.facts.map(([label, value]) => (
        <Stack key={label} direction="row" spacing={2} sx={{ py: 0.5 }}>
          <Typography
            variant="body2"
            color="text.secondary"
            component="dt"
            sx={{ minWidth: 140 }}
          >
            {label}
          </Typography>
          <Typography
            variant="body2"
            component="dd"
            sx={{ m: 0, wordBreak: 'break-word' }}
          >
            {value ?? '—'}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
