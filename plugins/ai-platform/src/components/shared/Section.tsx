import { ReactNode, useId } from 'react';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** A titled region of a page; the title names the region for screen readers. */
export function Section(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  headingLevel?: 'h2' | 'h3';
}) {
  const id = useId();
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={id}
      sx={{ p: 2, mb: 2 }}
    >
      <Stack
        direction="row"
        alignItems="flex-start"
        justifyContent="space-between"
        spacing={2}
        sx={{ mb: 1 }}
      >
        <div>
          <Typography
            id={id}
            variant="h6"
            component={props.headingLevel ?? 'h2'}
          >
            {props.title}
          </Typography>
          {props.subtitle && (
            <Typography variant="body2" color="text.secondary">
              {props.subtitle}
            </Typography>
          )}
        </div>
        {props.actions && <div>{props.actions}</div>}
      </Stack>
      {props.children}
    </Paper>
  );
}
