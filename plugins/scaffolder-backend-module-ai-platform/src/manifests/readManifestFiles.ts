import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { ManifestDocument, ManifestProblem } from './types';

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

async function walk(dir: string, out: string[]) {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full, out);
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
      out.push(full);
    }
  }
}

/**
 * Finds the YAML files under the given workspace-relative paths (files or
 * folders, searched recursively) and parses every document in them.
 * Paths outside the workspace are refused; a YAML syntax error is a
 * problem with its line, not an exception.
 */
export async function readManifestFiles(
  workspacePath: string,
  paths: string[],
): Promise<{
  documents: ManifestDocument[];
  files: string[];
  problems: ManifestProblem[];
}> {
  const files: string[] = [];
  for (const relative of paths) {
    const target = resolveSafeChildPath(workspacePath, relative);
    let stat;
    try {
      stat = await fs.stat(target);
    } catch {
      throw new InputError(
        `Nothing to validate at ${relative}: no such file or folder in the workspace`,
      );
    }
    if (stat.isDirectory()) await walk(target, files);
    else files.push(target);
  }
  const unique = [...new Set(files)];

  const documents: ManifestDocument[] = [];
  const problems: ManifestProblem[] = [];
  for (const file of unique) {
    const relative = path
      .relative(workspacePath, file)
      .split(path.sep)
      .join('/');
    const text = await fs.readFile(file, 'utf8');
    const lineCounter = new LineCounter();
    const parsed = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
    });
    const docs = Array.isArray(parsed) ? parsed : [parsed];
    docs.forEach((doc, index) => {
      if (doc.errors.length) {
        for (const error of doc.errors) {
          const { line, col } = lineCounter.linePos(error.pos[0]);
          problems.push({
            file: relative,
            documentIndex: index,
            path: '',
            message: `YAML syntax error at line ${line}, column ${col}: ${
              error.message.split('\n')[0]
            }`,
          });
        }
        return;
      }
      const value = doc.toJS({ maxAliasCount: 100 });
      // An empty document (a trailing `---`, or a template branch that was not taken) is not an object to check.
      if (value === null || value === undefined) return;
      documents.push({ file: relative, index, value });
    });
  }
  return {
    documents,
    files: unique.map(f =>
      path.relative(workspacePath, f).split(path.sep).join('/'),
    ),
    problems,
  };
}
