import { ReactNode } from 'react';
import Box from '@mui/material/Box';
import { AiPlatformThemeProvider } from './AiPlatformThemeProvider';

/** The body of an AI Platform tab; the app renders the header and tabs. */
export function PageContent(props: { children: ReactNode }) {
  return (
    <AiPlatformThemeProvider>
      <Box sx={{ p: { xs: 2, md: 3 } }}>{props.children}</Box>
    </AiPlatformThemeProvider>
  );
}
