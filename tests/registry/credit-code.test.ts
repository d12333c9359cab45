import { describe, it, expect } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
} from '../../src/registry/credit-code';

/** The check character computed here independently, by the GB 32100-2015 formula. */
function withCheck(body: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(body.charAt(i)) * weights[i]!;
  const c = 31 - (sum % 31);
  return body + CREDIT_CODE_CHARSET.charAt(c === 31 ? 0 : c);
}

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts a published code', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });

  it('accepts codes whose check character is computed by the formula, including letters and 0', () => {
    const bodies = ['91141000MA0K12345', '12141000012345678', '52141002MJY000001', '93141021MA0GXYT0W', '91141000111111111'];
    for (const b of bodies) {
      const code = withCheck(b);
      expect(code).toHaveLength(18);
      expect(creditCodeCheckChar(b)).toBe(code.charAt(17));
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('finds a body whose check value is 31 → 0', () => {
    // Search for a body whose check character is "0", to cover the 31 → 0 rule.
    let found: string | null = null;
    for (let n = 0; n < 200 && found === null; n++) {
      const body = `9114100${String(n).padStart(10, '0')}`;
      if (creditCodeCheckChar(body) === '0') found = body;
    }
    expect(found).not.toBeNull();
    expect(isValidCreditCode(`${found!}0`)).toBe(true);
    expect(withCheck(found!)).toBe(`${found!}0`);
  });

  it('rejects a wrong check character and says which one is expected', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(creditCodeProblem('91350100M000100Y44')).toBe('校验码错误：按前 17 位计算，第 18 位应为「3」，实际为「4」');
    // One changed body character changes the expected check character.
    expect(isValidCreditCode('91350100M000200Y43')).toBe(false);
    expect(creditCodeProblem('91350100M000200Y43')).toMatch(/^校验码错误：按前 17 位计算，第 18 位应为「.」，实际为「3」$/);
    // Two swapped neighbours are caught too.
    expect(isValidCreditCode('93150100M000100Y43')).toBe(false);
  });

  it('rejects a wrong length', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('应为 18 位，实际为 17 位');
    expect(creditCodeProblem('91350100M000100Y431')).toBe('应为 18 位，实际为 19 位');
    expect(creditCodeProblem('')).toBe('应为 18 位，实际为 0 位');
  });

  it('rejects characters outside the set, naming the position', () => {
    expect(creditCodeProblem('91350100I000100Y43')).toMatch(/^第 9 位「I」不是有效字符/);
    expect(creditCodeProblem('91350100m000100Y43')).toMatch(/^第 9 位「m」不是有效字符（字母应为大写）/);
    expect(creditCodeProblem('91350100M000100Y4-')).toMatch(/^第 18 位「-」不是有效字符/);
    expect(isValidCreditCode('91350100M000100Z43')).toBe(false);
  });
});
