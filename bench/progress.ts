/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every tenth otherwise (CI logs).
 */
export class ProgressBar {
  private lastDecile = -1;
  private readonly started = performance.now();
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, extra = ''): void {
    const fraction = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const text = `${this.label} ${bar(fraction)} ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${this.total} · ${rate.toFixed(0)}/s · ${seconds.toFixed(1)} s${extra ? ` · ${extra}` : ''}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${text}\x1b[K`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(`${text}\n`);
      }
    }
  }

  finish(extra = ''): void {
    this.update(this.total, extra);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

function bar(fraction: number, width = 28): string {
  const full = Math.round(fraction * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}]`;
}
