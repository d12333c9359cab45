/**
 * Scoring tables in words, pure: an item's standard (评分标准), an answer (评估情况), the band a
 * number falls in, and the clauses of tier changes and due re-assessments. The score screen and
 * the printed assessment record both use these, so they always say the same thing.
 */
import type { Answer, ManualAnswer } from '../engine/sheet';
import type { Dimension, Item } from './schema';

export const verb = (d: Pick<Dimension, 'effect'>): string => (d.effect === 'add' ? '加' : '扣');

/** `1.5` → `1.5`, never `1.5000000001` (the engine is exact; this only prints). */
export const num = (x: number): string => String(Math.round(x * 1e9) / 1e9);

/** The range of band `i` in words: 小于300m / 300m至小于500m / 800m及以上. */
export function bandRange(item: Item, i: number): string {
  const r = item.rule;
  if (r.type !== 'bands') return '';
  const u = r.unit ?? '';
  const b = r.bands[i];
  const prev = i > 0 ? r.bands[i - 1]?.below : undefined;
  if (b === undefined) return '';
  if (b.below === undefined) return `${prev ?? 0}${u}及以上`;
  return prev === undefined ? `小于${b.below}${u}` : `${prev}${u}至小于${b.below}${u}`;
}

/** The band a number falls in (the engine's rule: the first band whose `below` the number is under). */
export function bandIndex(item: Item, v: number): number {
  const r = item.rule;
  if (r.type !== 'bands') return -1;
  const i = r.bands.findIndex((b) => b.below === undefined || v < b.below);
  return i < 0 ? r.bands.length - 1 : i;
}

/** The rule of an item in words (评分标准). */
export function standardText(item: Item, dim: Pick<Dimension, 'effect'>): string {
  const r = item.rule;
  const v = verb(dim);
  const lead = r.label ? `${r.label}：` : '';
  switch (r.type) {
    case 'choice':
      return `${lead}${r.options.map((o) => `${o.label}，${v}${num(o.points)}分`).join('；')}（选一项）`;
    case 'multi':
      return `${lead}${r.options.map((o, i) => `${i + 1}. ${o.label}，${v}${num(o.points)}分`).join('；')}（可多项，累计）`;
    case 'count':
      return `${r.label ?? '存在问题'}，每${r.unit ?? '处'}${v}${num(r.per)}分`;
    case 'check':
      return `${r.label ?? item.name}，${v}${num(r.points)}分`;
    case 'bands':
      return `${lead}${r.bands.map((b, i) => `${bandRange(item, i)}，${v}${num(b.points)}分`).join('；')}`;
    case 'manual':
      return `${r.label ?? '按实际情况'}，由评估人员酌情${v}分（须写明理由）`;
  }
  return '';
}

/** An answer in words (评估情况). */
export function answerText(item: Item, answer: Answer | undefined): string {
  if (answer === undefined) return '未填写';
  const r = item.rule;
  switch (r.type) {
    case 'choice':
      return r.options.find((o) => o.id === answer)?.label ?? String(answer);
    case 'multi': {
      const ids = answer as string[];
      if (ids.length === 0) return '无';
      return r.options
        .filter((o) => ids.includes(o.id))
        .map((o) => o.label)
        .join('；');
    }
    case 'count':
      return `${String(answer)}${r.unit ?? '处'}`;
    case 'bands':
      return `${String(answer)}${r.unit ?? ''}（${bandRange(item, bandIndex(item, answer as number))}）`;
    case 'check':
      return answer === true ? '是' : '否';
    case 'manual': {
      const m = answer as ManualAnswer;
      return `${num(m.points)}分：${m.note}`;
    }
  }
  return '';
}

/** What the clause of a history entry means. */
export const TIER_CLAUSE_TEXT: Record<string, string> = {
  R16: '按评分表评估定级',
  'R17.1': '发生亡人或重大涉险事故，直接判定D级',
  'R17.2': '尾矿库溃坝或尾砂泄漏，直接判定D级',
  'R17.3': '重大事故隐患未整改销号，直接判定D级',
  'R17.4': '基建、改扩建期间，直接判定D级',
  'R17.5': '擅自贯通，直接判定D级',
  'R17.6': '地下矿山停产停建超过6个月，直接判定D级',
  'R17.7': '尾矿库无主或停用超过6个月，直接判定D级',
  'R17.8': '列入安全生产“黑名单”，直接判定D级',
  'R18.1': '亡人事故或列入“黑名单”，直接升为D级',
  'R18.2': '年度内累计发现2条重大事故隐患，升1级',
  'R18.3': '年度内累计发现3条及以上重大事故隐患，再升级（4条及以上为D级）',
  D6: '人工定级（无评分表）',
};

/** What a due re-assessment is for. */
export const DUE_CLAUSE_TEXT: Record<string, string> = {
  'R18.4': '首次取得或提升安全生产标准化等级，应重新评分',
  'R18.5': '引进先进技术装备，应重新评分',
  'R18.6': '升级后满一年未再升级，应重新评分',
  'R18.7': '露天矿山停产6个月及以上，应重新评估',
  'R18.8': '发生生产安全事故（未亡人），应重新评估',
  'R18.9': '周边环境发生明显变化，应重新评估',
  'R18.10': '法律法规、标准发生重大变化，应重新评估',
};
