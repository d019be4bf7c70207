/**
 * The process-level handlers of server/main.ts (`installProcessGuards`), in a real child process: an
 * unhandled rejection is logged and the process keeps running; an uncaught exception is logged and the
 * process exits 70 for a clean restart (see docs/reliability.md, "Full disk", for why each).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function run(body: string): { status: number | null; out: string } {
  const script = `
    import { installProcessGuards } from ${JSON.stringify(join(ROOT, 'server', 'main.ts'))};
    const line = (level) => (obj, msg) => process.stdout.write(JSON.stringify({ level, msg, err: obj.err?.message }) + '\\n');
    installProcessGuards({ error: line('error'), fatal: line('fatal') });
    ${body}`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, out: result.stdout };
}

describe('process guards', () => {
  it('log an unhandled rejection and keep running', () => {
    const { status, out } = run(`Promise.reject(new Error('lost write')); setTimeout(() => { process.stdout.write('still running\\n'); process.exit(0); }, 100);`);
    expect(out).toContain('"level":"error"');
    expect(out).toContain('lost write');
    expect(out).toContain('still running');
    expect(status).toBe(0);
  });

  it('log an uncaught exception and exit 70, so systemd restarts a clean process', () => {
    const { status, out } = run(`setTimeout(() => { throw new Error('half-way'); }, 10); setTimeout(() => process.stdout.write('should not run\\n'), 2000);`);
    expect(out).toContain('"level":"fatal"');
    expect(out).toContain('half-way');
    expect(out).not.toContain('should not run');
    expect(status).toBe(70);
  });
});
