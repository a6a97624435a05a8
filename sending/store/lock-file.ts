/** The lock files' one check (the embedded store's and the old file ledger's): is the pid that wrote it alive? */

/** True while a process with this pid runs (one we may not signal counts: it exists). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
