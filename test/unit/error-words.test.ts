import { describe, expect, it } from 'vitest';
import { errorText } from '../../server/protocol/error-words';
import { ERROR_STATUS } from '../../server/protocol/errors';

describe('refusals on zh-CN pages', () => {
  it('has Chinese words for every code of the vocabulary', () => {
    for (const code of Object.keys(ERROR_STATUS)) {
      const text = errorText({ code, message: 'English sentence' }, 'zh-CN');
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      if (code !== 'invalid-request' && code !== 'config-invalid') expect(text, code).not.toContain('English');
    }
  });

  it('keeps the hub sentence where it names what to fix, in English pages, and for codes it does not know', () => {
    expect(errorText({ code: 'config-invalid', message: 'windows[2].services: unknown service "Z"' }, 'zh-CN')).toBe('配置有误：windows[2].services: unknown service "Z"');
    expect(errorText({ code: 'window-paused', message: 'Window 3 is paused. Resume it first.' }, 'en')).toBe('Window 3 is paused. Resume it first.');
    expect(errorText({ code: 'some-newer-code', message: 'From a newer hub.' }, 'zh-CN')).toBe('From a newer hub.');
    expect(errorText({ code: 'window-paused', message: 'Window 3 is paused.' }, 'zh-CN')).toBe('窗口已暂停，请先恢复');
  });

  it('tells a clerk still signed in at another window which one, not that a colleague holds this one', () => {
    const elsewhere = { code: 'signed-in-elsewhere', message: 'You are still signed in at window 5. Close it before opening window 3.' };
    expect(errorText(elsewhere, 'zh-CN')).toBe('您仍在5号窗口登录，请先在该窗口关窗');
    expect(errorText({ ...elsewhere, message: 'Still signed in elsewhere.' }, 'zh-CN')).toBe('您仍在其他窗口登录，请先在该窗口关窗');
    expect(errorText(elsewhere, 'en')).toBe(elsewhere.message);
    expect(errorText({ code: 'window-taken', message: 'Window 3 is already open with another clerk.' }, 'zh-CN')).toBe('该窗口已由其他工作人员登录');
  });
});
