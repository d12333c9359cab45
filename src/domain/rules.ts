/**
 * The fixed vocabulary of 临应急发〔2023〕50号 (DOMAIN.md): kinds of unit (R4), tiers (R7),
 * the direct-D clauses (R17) and the event types of dynamic rating (R18).
 * What may change with a revised scoring table (points, thresholds, initial scores) is NOT here:
 * it is read from the table set (D8).
 */

/** R4: every kind of unit. */
export const KIND_IDS = [
  'underground',
  'openpit',
  'tailings',
  'quarry',
  'exploration',
  'contractor',
  'concentrator',
  'other',
] as const;
export type KindId = (typeof KIND_IDS)[number];

/** R4: the kinds that have a scoring table (附表1–6). */
export const TABLE_KIND_IDS = ['underground', 'openpit', 'tailings', 'quarry', 'exploration', 'contractor'] as const;
export type TableKindId = (typeof TABLE_KIND_IDS)[number];

export const KIND_NAMES: Record<KindId, string> = {
  underground: '金属非金属地下矿山',
  openpit: '金属非金属露天矿山',
  tailings: '尾矿库',
  quarry: '小型露天采石场、砖瓦用粘土开采企业',
  exploration: '地质勘探单位',
  contractor: '采掘施工企业',
  concentrator: '尾矿库配套的选矿厂',
  other: '地热、矿泉水等',
};

export function isKindId(v: unknown): v is KindId {
  return typeof v === 'string' && (KIND_IDS as readonly string[]).includes(v);
}
export function isTableKind(v: unknown): v is TableKindId {
  return typeof v === 'string' && (TABLE_KIND_IDS as readonly string[]).includes(v);
}

/** R7: tiers from lowest to highest risk. */
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_NAMES: Record<Tier, string> = {
  A: '低风险',
  B: '一般风险',
  C: '较大风险',
  D: '重大风险',
};

export function tierRank(t: Tier): number {
  return TIERS.indexOf(t);
}

/** R18: moves `t` up `steps` tiers toward D; never past D. */
export function raiseTier(t: Tier, steps: number): Tier {
  return TIERS[Math.min(TIERS.length - 1, tierRank(t) + steps)] as Tier;
}

/** The riskier of two tiers (null = no tier). */
export function riskier(a: Tier | null, b: Tier | null): Tier | null {
  if (a === null) return b;
  if (b === null) return a;
  return tierRank(a) >= tierRank(b) ? a : b;
}

/** R17: the direct-D clauses, and the kinds each applies to (SCORING-TABLES.md `directD`). */
export const DIRECT_D_CLAUSES = {
  'R17.1': { label: '本年度或上一年度发生负有责任的生产安全亡人事故或重大涉险事故', kinds: TABLE_KIND_IDS },
  'R17.2': { label: '本年度发生尾矿库溃坝或尾砂泄漏事故', kinds: ['tailings'] },
  'R17.3': { label: '本年度或上一年度存在重大事故隐患未按要求整改销号', kinds: TABLE_KIND_IDS },
  'R17.4': { label: '金属非金属矿山、尾矿库处于基建、改扩建期间', kinds: ['underground', 'openpit', 'tailings', 'quarry'] },
  'R17.5': { label: '与相邻矿山擅自贯通，或同一主体相邻独立生产系统擅自贯通', kinds: ['underground', 'openpit', 'quarry'] },
  'R17.6': { label: '地下矿山停产停建超过6个月', kinds: ['underground'] },
  'R17.7': { label: '尾矿库无生产经营主体，或停用超过6个月', kinds: ['tailings'] },
  'R17.8': { label: '被列入安全生产“黑名单”', kinds: TABLE_KIND_IDS },
} as const satisfies Record<string, { label: string; kinds: readonly TableKindId[] }>;
export type DirectDClause = keyof typeof DIRECT_D_CLAUSES;

export function isDirectDClause(v: unknown): v is DirectDClause {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(DIRECT_D_CLAUSES, v);
}

/** CLI.md `timeline`: the event types of dynamic rating (R18). */
export const EVENT_TYPES = [
  'fatal-accident',
  'blacklist',
  'major-hazard',
  'nonfatal-accident',
  'standardization',
  'advanced-equipment',
  'stopped',
  'resumed',
  'surroundings-changed',
  'rules-changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_NAMES: Record<EventType, string> = {
  'fatal-accident': '生产安全亡人事故',
  blacklist: '列入安全生产“黑名单”',
  'major-hazard': '执法或专项检查发现重大事故隐患',
  'nonfatal-accident': '生产安全事故（未亡人）',
  standardization: '取得或提升安全生产标准化等级',
  'advanced-equipment': '引进机械化、信息化、自动化、智能化装备',
  stopped: '停产',
  resumed: '复产',
  'surroundings-changed': '周边环境发生明显变化',
  'rules-changed': '法律法规、标准发生重大变化',
};

/** R18.4: 三级 < 二级 < 一级. */
export const STANDARDIZATION_GRADES = ['三级', '二级', '一级'] as const;
export type StandardizationGrade = (typeof STANDARDIZATION_GRADES)[number];

/** The clauses a tier change or a due re-assessment can name. */
export type TierClause = 'R16' | DirectDClause | 'R18.1' | 'R18.2' | 'R18.3' | 'D6';
export type DueClause = 'R18.4' | 'R18.5' | 'R18.6' | 'R18.7' | 'R18.8' | 'R18.9' | 'R18.10';

export const UPGRADE_CLAUSES: readonly string[] = ['R18.1', 'R18.2', 'R18.3'];

/** `R18.10` → [18, 10], for ordering clauses by number (R18.4 before R18.10). */
export function clauseNumbers(clause: string): number[] {
  return clause
    .replace(/^[A-Z]+/, '')
    .split('.')
    .map((n) => Number(n));
}

const clauseNumberCache = new Map<string, number[]>();

export function compareClauses(a: string, b: string): number {
  if (a === b) return 0;
  const numbers = (c: string): number[] => {
    let n = clauseNumberCache.get(c);
    if (n === undefined) clauseNumberCache.set(c, (n = clauseNumbers(c)));
    return n;
  };
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Plain code-point comparison of ids (CLI.md `plan`: `B-1` sorts before `a-1`). */
export function compareIds(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}
