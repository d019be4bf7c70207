/**
 * `curl -X POST …/api/windows/w1/open` sends no body and no content type. A command with nothing required in its
 * body must accept that (it used to answer "body must be object"); one that needs fields still names what is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestHub, type TestHub } from '../support/hub';

describe('a POST without a body', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it('opens a window when nothing is sent', async () => {
    const token = await login(hub, 'clerk1');
    const answer = await fetch(`${hub.url}/api/windows/w1/open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(answer.status, await answer.clone().text()).toBe(200);
  });

  it('still refuses a command whose body needs fields, with a sentence', async () => {
    const answer = await api<{ error: string; message: string }>(hub, 'POST', '/api/auth/login');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid-request');
    expect(answer.body.message).toMatch(/username|password/);
  });
});
