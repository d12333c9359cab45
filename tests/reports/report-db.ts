/**
 * A county database for the report tests, built through the same handlers as the app: units of
 * several kinds, assessments (one direct-D, one with the reference tables), upgrades by hazards
 * and an accident in 2024, a concentrator on its pond, a unit missing its 包保责任人, and one with a
 * formula-looking name.
 */
import { EXAMPLES, readJson } from '../helpers';
import { unitRecord } from '../db/fixtures';
import { freshDb, ok, type TestDb } from '../db/helpers';

export const FORMULA_NAME = '=HYPERLINK("http://evil.example","点我")';

const sheet = (kind: string, date: string, answers: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  kind,
  table: { id: 'linfen-2023', version: 'ref-1' },
  assessedOn: date,
  answers,
  ...extra,
});

export async function reportDb(): Promise<TestDb> {
  const t = freshDb('2025-01-15');
  const { api } = t;
  const units = [
    unitRecord('lf-ug-003', '地下矿山', 3, { township: '金殿镇' }),
    unitRecord('lf-op-017', '露天矿山', 17),
    unitRecord('lf-tl-002', '尾矿库', 2, { officialName: undefined, officialPost: undefined, officialPhone: undefined }),
    unitRecord('lf-ex-001', '地质勘探单位', 1),
    unitRecord('hd-qr-005', '小型露天采石场', 5, { county: '洪洞县', enterprise: FORMULA_NAME }),
    unitRecord('lf-mill-1', '选矿厂', 6, { pondId: 'lf-tl-002' }),
    unitRecord('fs-ug-009', '地下矿山', 9, { county: '浮山县', status: '停产', stoppedOn: '2023-01-01' }),
  ];
  for (const u of units) ok(await api['units.create'](u));
  for (const name of ['timeline-accident', 'timeline-hazards']) {
    ok(await api['cases.record']({ unitCase: readJson(`${EXAMPLES}/${name}.json`) }));
  }
  const confirm = async (unitId: string, ref: string, s: unknown) => {
    ok(await api['assessments.saveDraft']({ unitId, ref, sheet: s, assessors: ['王涛', '杨义端'] }));
    ok(await api['assessments.confirm']({ unitId, ref }));
  };
  await confirm('lf-tl-002', 'a1', sheet('tailings', '2023-04-10', { 'tl-inh-grade': 'grade3', 'tl-eq-dam': ['seepage'] }));
  ok(await api['events.record']({ unitId: 'lf-tl-002', event: { date: '2024-06-20', type: 'major-hazard', count: 2 } }));
  await confirm('hd-qr-005', 'a1', sheet('quarry', '2024-04-02', { 'qr-inh-slope': 120, 'qr-eq-loading': 2, 'qr-eq-power': 1, 'qr-eq-ventilation': true }, { initialConditions: ['qr-ic-slope100'] }));
  await confirm('fs-ug-009', 'a1', sheet('underground', '2024-03-01', { 'ug-inh-development': 'mixed', 'ug-eq-hoisting': ['rope-test', 'no-mancar'] }, { directD: ['R17.6'] }));
  return t;
}
