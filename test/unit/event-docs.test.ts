/**
 * The socket.io reference (docs/api/events.md) is generated from the typed event map (server/protocol/event-docs.ts):
 * every event has a description, and the committed document is what the generator writes now.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_COMMAND_DOCS, FACT_DOCS, SERVER_EVENT_DOCS } from '../../server/protocol/event-docs';
import { EVENT_DOCS_FILE, renderEventDocs } from '../../scripts/event-docs';

describe('docs/api/events.md', () => {
  it('describes every fact, server event and client command in a sentence', () => {
    const entries = [...Object.entries(FACT_DOCS), ...Object.entries(SERVER_EVENT_DOCS), ...Object.entries(CLIENT_COMMAND_DOCS)];
    expect(entries.length).toBeGreaterThan(25);
    expect(entries.filter(([, doc]) => doc.description.trim().length < 20).map(([name]) => name), 'events without a description').toEqual([]);
  });

  it('is up to date with the event map (else run `npm run docs:events`)', () => {
    const generated = renderEventDocs();
    for (const name of [...Object.keys(FACT_DOCS), ...Object.keys(SERVER_EVENT_DOCS), ...Object.keys(CLIENT_COMMAND_DOCS)]) expect(generated).toContain(`\`${name}\``);
    expect(generated).toContain('- **TicketView**: `{ id: string;');
    expect(readFileSync(EVENT_DOCS_FILE, 'utf8'), 'docs/api/events.md is stale: run `npm run docs:events`').toBe(generated);
  });
});
