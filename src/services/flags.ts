/**
 * What the registry and the record say a bureau should act on for one unit (REGISTRY.md "Facts
 * the registry holds feed the rules"): direct-D clauses to apply at the next assessment (R17),
 * re-assessments the registry makes due (R18.7), licences expiring, a missing 包保责任人 (R22).
 */
import dayjs from 'dayjs';
import { addMonths, yearOf } from '../domain/dates';
import type { DirectDClause } from '../domain/rules';
import type { UnitRecord } from '../registry/unit';

export interface Flag {
  code: DirectDClause | 'R18.7' | 'R22' | 'licence';
  level: 'danger' | 'warning';
  message: string;
}

export interface FlagInput {
  unit: UnitRecord;
  /** Events in force (not voided). */
  events: { date: string; type: string }[];
  /** Major accident hazards with the date found and the date closed (R17.3). */
  hazards: { found: string; closedOn: string | null }[];
  hasOfficial: boolean;
  today: string;
}

const LICENCE_NAMES = [
  ['miningLicenceUntil', '采矿许可证'],
  ['safetyLicenceUntil', '安全生产许可证'],
  ['qualificationUntil', '资质证书'],
] as const;

export function unitFlags(i: FlagInput): Flag[] {
  const { unit: u, today } = i;
  const out: Flag[] = [];
  const year = yearOf(today);
  const stopped = u.stoppedOn !== undefined && (u.status === '停产' || u.status === '停建');
  const sixMonthsOn = stopped ? addMonths(u.stoppedOn as string, 6) : null;
  if (u.kind === 'underground' && sixMonthsOn !== null && sixMonthsOn <= today) {
    out.push({ code: 'R17.6', level: 'danger', message: `地下矿山自 ${u.stoppedOn} 停产停建已超过6个月，下次评估应直接判定为D级（R17.6）` });
  }
  if (u.kind === 'openpit' && sixMonthsOn !== null && sixMonthsOn <= today) {
    out.push({ code: 'R18.7', level: 'warning', message: `露天矿山自 ${u.stoppedOn} 停产已满6个月，应重新评估（R18.7）` });
  }
  if ((u.status === '基建' || u.status === '改扩建') && ['underground', 'openpit', 'tailings', 'quarry'].includes(u.kind)) {
    out.push({ code: 'R17.4', level: 'danger', message: `处于${u.status}期间，评估时应直接判定为D级（R17.4）` });
  }
  if (i.events.some((e) => e.type === 'fatal-accident' && yearOf(e.date) >= year - 1)) {
    out.push({ code: 'R17.1', level: 'danger', message: '本年度或上一年度发生亡人事故，评估时应直接判定为D级（R17.1）' });
  }
  if (i.events.some((e) => e.type === 'blacklist')) {
    out.push({ code: 'R17.8', level: 'danger', message: '已被纳入安全生产“黑名单”，评估时应直接判定为D级（R17.8）' });
  }
  const open = i.hazards.filter((h) => yearOf(h.found) >= year - 1 && (h.closedOn === null || h.closedOn > today));
  if (open.length > 0) {
    out.push({ code: 'R17.3', level: 'danger', message: `本年度或上一年度有 ${open.length} 条重大事故隐患未整改销号，评估时应直接判定为D级（R17.3）` });
  }
  if ((u.kind === 'underground' || u.kind === 'tailings') && !i.hasOfficial) {
    out.push({ code: 'R22', level: 'warning', message: '未明确包保责任人（R22）' });
  }
  const limit = dayjs(today).add(90, 'day').format('YYYY-MM-DD');
  for (const [field, label] of LICENCE_NAMES) {
    const until = u[field];
    if (until === undefined) continue;
    if (until < today) out.push({ code: 'licence', level: 'danger', message: `${label}已于 ${until} 过期` });
    else if (until <= limit) out.push({ code: 'licence', level: 'warning', message: `${label}将于 ${until} 到期（90天内）` });
  }
  return out;
}
