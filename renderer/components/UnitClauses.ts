/**
 * The clauses of 临应急发〔2023〕50号 in words, for the unit detail and the dashboard: why a tier
 * changed (R16, R17.x, R18.1–3, D6, R19) and why a re-assessment is due (R18.4–10).
 */
import { DIRECT_D_CLAUSES, EVENT_NAMES, isDirectDClause, type EventType } from '../../src/domain/rules';
import { chineseDate } from '../../src/domain/dates';

/** R18.4–10: why a re-scoring or re-assessment is due. */
export const DUE_WORDS: Record<string, string> = {
  'R18.4': '取得或提升安全生产标准化等级，应重新评分定级',
  'R18.5': '引进机械化、信息化、自动化、智能化装备，应重新评分定级',
  'R18.6': '升级后满一年未再升级，应重新评分定级',
  'R18.7': '露天矿山停产6个月以上，应重新评估',
  'R18.8': '发生生产安全事故（未亡人），应重新评估',
  'R18.9': '周边环境发生明显变化，应重新评估',
  'R18.10': '法律法规、标准发生重大变化（含评分表新版本），应重新评估',
};

export function dueWords(clause: string): string {
  return DUE_WORDS[clause] ?? clause;
}

/** A tier change's clause in words: R16 评分定级, R17.x 直接判定D级…, R18.1…, D6 人工定级. */
export function clauseWords(clause: string): string {
  if (clause === 'R16') return '评分定级';
  if (isDirectDClause(clause)) return `直接判定D级：${DIRECT_D_CLAUSES[clause].label}`;
  if (clause === 'R18.1') return '发生生产安全亡人事故或列入安全生产“黑名单”，直接判定D级';
  if (clause === 'R18.2') return '一个自然年内累计发现2处重大事故隐患，上调1级';
  if (clause === 'R18.3') return '一个自然年内累计发现3处及以上重大事故隐患，上调2级（4处及以上直接判定D级）';
  if (clause === 'D6') return '人工定级（无评分表的单位）';
  return clause;
}

export interface SourceEvent {
  ref: string;
  date: string;
  type: EventType;
  count: number | null;
  grade: string | null;
}

export interface SourceAssessment {
  ref: string;
  score: number | null;
  manualBasis: string | null;
}

/** What a history entry came from: an assessment (by ref) or `event:N`; `pond/…` for a concentrator (R19). */
export function sourceWords(source: string, events: SourceEvent[], assessments: SourceAssessment[]): string {
  const slash = source.indexOf('/');
  if (slash > 0 && !source.startsWith('event:')) {
    return `配套尾矿库「${source.slice(0, slash)}」的等级（R19），来源：${source.slice(slash + 1)}`;
  }
  if (source.startsWith('event:')) {
    const e = events.find((x) => x.ref === source);
    if (!e) return '事件';
    const extra = e.type === 'major-hazard' && e.count !== null ? `（${e.count} 处）` : e.type === 'standardization' && e.grade ? `（${e.grade}）` : '';
    return `${chineseDate(e.date)} ${EVENT_NAMES[e.type]}${extra}`;
  }
  const a = assessments.find((x) => x.ref === source);
  if (!a) return `评估「${source}」`;
  if (a.manualBasis) return `评估「${source}」，依据：${a.manualBasis}`;
  return a.score !== null ? `评估「${source}」，得分 ${a.score}` : `评估「${source}」`;
}

/** `2025-Q2` → 2025年第2季度, `2025-H1` → 2025年上半年. */
export function periodWords(period: string): string {
  const m = /^(\d{4})-([QH])(\d)$/.exec(period);
  if (!m) return period;
  return m[2] === 'Q' ? `${m[1]}年第${m[3]}季度` : `${m[1]}年${m[3] === '1' ? '上' : '下'}半年`;
}

/** A date as 2024年3月20日, or a dash. */
export function dateText(d: string | null | undefined): string {
  return d ? chineseDate(d) : '—';
}
