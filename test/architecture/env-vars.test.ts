/** Every environment variable the product reads is in the README's one table (an IT person looks there only). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

describe('environment variables', () => {
  it('each one read by server/, drivers/ or bench/ is documented in the README table', () => {
    const read = new Set<string>();
    for (const file of ['server', 'drivers', 'bench'].flatMap((d) => sources(join(ROOT, d)))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(match[1]!);
    }
    // Node's and npm's own, read to pass through or to find a terminal: not hallq settings.
    for (const external of ['PATH', 'HOME', 'NODE_ENV', 'CI', 'TERM']) read.delete(external);
    expect(read.size).toBeGreaterThan(5);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Environment variables'));
    const missing = [...read].filter((name) => !table.includes(`\`${name}\``));
    expect(missing, 'add these to the README table "Environment variables"').toEqual([]);
  });
});
