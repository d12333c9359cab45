/**
 * Covering indexes for reading every unit's case at once (lists, tier lists, dashboards, reports
 * of a whole city or province; issue #6). A confirmed assessment row holds its sheet and result as
 * JSON ahead of `tier` and `clause`, so a scan of the table follows overflow pages for every row;
 * these indexes hold exactly the columns the rules engine and the tier list read, in the order
 * they are read (unit, then order of recording).
 */
export const caseIndexes = /* sql */ `
CREATE INDEX assessments_case ON assessments(status, unit_id, seq, ref, assessed_on, tier, clause, score, table_id, table_version);
`;
