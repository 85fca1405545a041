import fs from 'node:fs';
import path from 'node:path';

/**
 * Removes what earlier browser-test runs published in the demo's local
 * publishing folder (the golden path names its repositories `*-e2e-*`), so
 * every run starts from the same catalog; a developer's own demo runs stay.
 */
export default function globalSetup() {
  const published = path.resolve(__dirname, '../.data/published');
  if (!fs.existsSync(published)) return;
  for (const name of fs.readdirSync(published)) {
    if (/-e2e-/.test(name)) {
      fs.rmSync(path.join(published, name), { recursive: true, force: true });
    }
  }
}
