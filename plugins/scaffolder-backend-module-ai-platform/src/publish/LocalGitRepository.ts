import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import git from 'isomorphic-git';

/** Repository names are one path segment: no traversal, no hidden folders. */
export const REPO_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const TASK_TRAILER = 'Scaffolder-Task:';

export interface PublishedRepository {
  /** Absolute path of the repository. */
  path: string;
  commit: string;
  branch: string;
  /** True when this task had already published it (a recovered task). */
  reused: boolean;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Local git repositories under one folder: the publish target of the
 * embedded demo, where there is no GitHub or GitLab. A repository is
 * written in a hidden temporary folder, committed, then renamed into place,
 * so readers (the catalog's file location) never see half of one. The
 * commit names the scaffolder task, so a recovered task finds its own
 * repository instead of failing on it.
 */
export class LocalGitRepositories {
  constructor(private readonly root: string) {}

  pathOf(name: string): string {
    if (!REPO_NAME_PATTERN.test(name)) {
      throw new InputError(
        `Repository name "${name}" must be 1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit`,
      );
    }
    return resolveSafeChildPath(this.root, name);
  }

  /** The task that published an existing repository, if it is one of ours. */
  async publishedBy(name: string): Promise<string | undefined> {
    const dir = this.pathOf(name);
    if (!(await exists(path.join(dir, '.git')))) return undefined;
    try {
      const [head] = await git.log({ fs, dir, depth: 1 });
      const line = head?.commit.message
        .split('\n')
        .find(l => l.startsWith(TASK_TRAILER));
      return line?.slice(TASK_TRAILER.length).trim();
    } catch {
      return undefined;
    }
  }

  /** Refuses a name that is taken, unless this task took it. */
  async checkAvailable(name: string, taskId: string): Promise<'free' | 'ours'> {
    const dir = this.pathOf(name);
    if (!(await exists(dir))) return 'free';
    if ((await this.publishedBy(name)) === taskId) return 'ours';
    throw new ConflictError(
      `A repository named "${name}" already exists in ${this.root}; choose another name`,
    );
  }

  async publish(options: {
    name: string;
    sourceDir: string;
    taskId: string;
    message: string;
    author: { name: string; email: string };
    defaultBranch?: string;
  }): Promise<PublishedRepository> {
    const { name, sourceDir, taskId } = options;
    const branch = options.defaultBranch ?? 'main';
    const dir = this.pathOf(name);
    if ((await this.checkAvailable(name, taskId)) === 'ours') {
      const [head] = await git.log({ fs, dir, depth: 1 });
      return { path: dir, commit: head.oid, branch, reused: true };
    }

    await fsp.mkdir(this.root, { recursive: true });
    const staging = path.join(
      this.root,
      `.tmp-${name}-${crypto.randomBytes(4).toString('hex')}`,
    );
    try {
      await fsp.cp(sourceDir, staging, {
        recursive: true,
        filter: source => path.basename(source) !== '.git',
      });
      await git.init({ fs, dir: staging, defaultBranch: branch });
      await git.add({ fs, dir: staging, filepath: '.' });
      const commit = await git.commit({
        fs,
        dir: staging,
        message: `${options.message}\n\n${TASK_TRAILER} ${taskId}\n`,
        author: options.author,
      });
      try {
        await fsp.rename(staging, dir);
      } catch (error) {
        // Another task took the name between the check and now.
        if (
          (error as NodeJS.ErrnoException).code === 'ENOTEMPTY' ||
          (error as NodeJS.ErrnoException).code === 'EEXIST'
        ) {
          throw new ConflictError(
            `A repository named "${name}" was created in ${this.root} while this one was being written; choose another name`,
          );
        }
        throw error;
      }
      return { path: dir, commit, branch, reused: false };
    } finally {
      await fsp.rm(staging, { recursive: true, force: true });
    }
  }
}
