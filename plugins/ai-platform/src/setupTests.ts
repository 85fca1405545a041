import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machine is shared; lazily loaded extensions can take over a second to
// appear on a cold module cache.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
