/**
 * The registry's vocabulary (REGISTRY.md): the 类型 texts and their kinds, 隶属关系, 生产状态,
 * 安全生产标准化等级, 尾矿库等别 and the id and phone patterns. Constants only, with no schema
 * library: the registry screen reads them as the window opens (`./unit` re-exports them with the
 * record's schema).
 */
import type { KindId } from '../domain/rules';

/**
 * REGISTRY.md `类型`: the exact 类型 texts and the kind (R4) each maps to. 小型露天采石场 and
 * 砖瓦用粘土开采 are both `quarry`; 地热 and 矿泉水 are both `other` (D6).
 */
export const KIND_LABELS = {
  地下矿山: 'underground',
  露天矿山: 'openpit',
  尾矿库: 'tailings',
  小型露天采石场: 'quarry',
  砖瓦用粘土开采: 'quarry',
  地质勘探单位: 'exploration',
  采掘施工企业: 'contractor',
  选矿厂: 'concentrator',
  地热: 'other',
  矿泉水: 'other',
} as const satisfies Record<string, KindId>;
export type KindLabel = keyof typeof KIND_LABELS;
export const KIND_LABEL_LIST = Object.keys(KIND_LABELS) as KindLabel[];

export function isKindLabel(v: unknown): v is KindLabel {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(KIND_LABELS, v);
}

/** The 类型 texts of a kind, for messages: `quarry` → 小型露天采石场、砖瓦用粘土开采. */
export function kindLabelsOf(kind: KindId): KindLabel[] {
  return KIND_LABEL_LIST.filter((l) => KIND_LABELS[l] === kind);
}

/** REGISTRY.md `隶属关系`. */
export const OWNERSHIPS = ['中央驻晋', '省属', '市属', '其他'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** R3 / R5: units of central (中央驻晋), provincial and city enterprises are assessed by the city bureau. */
export function assessedByCity(ownership: Ownership): boolean {
  return ownership === '中央驻晋' || ownership === '省属' || ownership === '市属';
}

/** REGISTRY.md `生产状态`. */
export const STATUSES = ['生产', '基建', '改扩建', '整合', '停产', '停建', '闭库'] as const;
export type UnitStatus = (typeof STATUSES)[number];

/** The statuses for which 停产停建日期 is required (REGISTRY.md; feeds R17.6 and R18.7). */
export const STOPPED_STATUSES: readonly UnitStatus[] = ['停产', '停建'];

/** REGISTRY.md `安全生产标准化等级` (R18.4). */
export const STANDARDIZATION_LEVELS = ['一级', '二级', '三级', '无'] as const;
export type StandardizationLevel = (typeof STANDARDIZATION_LEVELS)[number];

/** REGISTRY.md `尾矿库等别`. */
export const POND_GRADES = ['一等', '二等', '三等', '四等', '五等'] as const;
export type PondGrade = (typeof POND_GRADES)[number];

/** REGISTRY.md `单位编号`: letters, digits and `-`. */
export const UNIT_ID_PATTERN = /^[A-Za-z0-9-]+$/;

/** REGISTRY.md: "7–12 digits, an area code may be joined with `-`" (0357-2345678, 13800138000). */
export const PHONE_PATTERN = /^(?:0\d{2,3}-)?\d{7,12}$/;
