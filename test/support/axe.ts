/**
 * axe-core in a Playwright page: injects the installed axe.min.js, runs the WCAG 2 A/AA rules and returns
 * the violations that matter (impact serious or critical), formatted so a failing test says what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;
const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];
const OPTIONS: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };

interface AxeWindow {
  axe?: { run(context: Document, options: RunOptions): Promise<AxeResults> };
}

/** Runs axe on the page as it is now; answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Result[]> {
  const hasAxe = await page.evaluate(() => (window as unknown as AxeWindow).axe !== undefined);
  // Evaluated, not added as a <script>: the hub's Content-Security-Policy (script-src 'self') blocks inline scripts.
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  if (!hasAxe) await page.evaluate(axeSource);
  const results = await page.evaluate((options) => {
    const axe = (window as unknown as AxeWindow).axe;
    if (!axe) throw new Error('axe-core did not load');
    return axe.run(document, options);
  }, OPTIONS);
  return results.violations.filter((v) => v.impact !== undefined && v.impact !== null && BLOCKING.includes(v.impact));
}

/** One readable paragraph per violation: rule, impact, help, and the first few offending elements. */
export function describeViolations(where: string, violations: readonly Result[]): string {
  if (violations.length === 0) return `${where}: no serious violations`;
  const lines = violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
    const more = v.nodes.length > 5 ? `\n    …and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}${more}`;
  });
  return `${where}: ${violations.length} serious/critical axe violation(s)\n${lines.join('\n')}`;
}
