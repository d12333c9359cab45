/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last one a check
 * character over the first 17 (REGISTRY.md `统一社会信用代码`: "18 characters, GB 32100 check
 * digit valid"). Pure module: no I/O, no Node built-ins (the UI reuses it for forms).
 */

/** The code's character set, in value order: `0`→0 … `9`→9, `A`→10 … `Y`→30 (no I, O, S, V, Z). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (3^(i-1) mod 31). */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const CREDIT_CODE_LENGTH = 18;

/**
 * The check character for the first 17 characters of a code, or null when `body` is not 17
 * characters of the set: check = 31 − (Σ value × weight mod 31), where 31 becomes 0.
 */
export function creditCodeCheckChar(body: string): string | null {
  if (body.length !== CREDIT_CODE_LENGTH - 1) return null;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(body.charAt(i));
    const weight = CREDIT_CODE_WEIGHTS[i];
    if (value < 0 || weight === undefined) return null;
    sum += value * weight;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

/** True when `code` is a well-formed 统一社会信用代码 with the right check character. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** What is wrong with a code, in Chinese, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  const chars = [...code];
  if (chars.length !== CREDIT_CODE_LENGTH) {
    return `应为 ${CREDIT_CODE_LENGTH} 位，实际为 ${chars.length} 位`;
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (!CREDIT_CODE_CHARSET.includes(c)) {
      const hint = /[a-z]/.test(c) ? '（字母应为大写）' : /[IOSVZ]/.test(c) ? '（代码中不使用字母 I、O、S、V、Z）' : '';
      return `第 ${i + 1} 位「${c}」不是有效字符${hint}，只能是数字或大写字母（不含 I、O、S、V、Z）`;
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, CREDIT_CODE_LENGTH - 1));
  const actual = code.charAt(CREDIT_CODE_LENGTH - 1);
  if (expected !== actual) {
    return `校验码错误：按前 17 位计算，第 18 位应为「${expected ?? '?'}」，实际为「${actual}」`;
  }
  return null;
}
