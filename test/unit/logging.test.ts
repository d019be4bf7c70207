import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from '../../server/logging';

describe('the hub logger', () => {
  it('is readable on a terminal and JSON under systemd or a pipe', () => {
    const onTerminal = loggerOptions('', {}, true);
    const piped = loggerOptions('', {}, false);
    expect(typeof onTerminal === 'object' && 'transport' in onTerminal && onTerminal.transport).toMatchObject({ target: 'pino-pretty' });
    expect(typeof piped === 'object' && 'transport' in piped).toBe(false);
    expect(loggerOptions('', { HALLQ_LOG_FORMAT: 'json' }, true)).not.toHaveProperty('transport');
    expect(loggerOptions('', { HALLQ_LOG_FORMAT: 'pretty' }, false)).toHaveProperty('transport');
    expect(loggerOptions('', { HALLQ_LOG_LEVEL: 'debug' }, false)).toMatchObject({ level: 'debug' });
  });

  it('keeps tokens out of logged URLs', () => {
    expect(redactUrl('/t/abc123')).toBe('/t/[token]');
    expect(redactUrl('/api/track/abc123/rating')).toBe('/api/track/[token]/rating');
    expect(redactUrl('/kiosk?token=demo-kiosk-token&lang=en')).toBe('/kiosk?token=[token]&lang=en');
    expect(redactUrl('/rate?kiosk=k1&padToken=secret')).toBe('/rate?kiosk=k1&padToken=[token]');
    expect(redactUrl('/api/windows/w1/open')).toBe('/api/windows/w1/open');
  });
});
