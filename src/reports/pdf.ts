/**
 * The PDF reports: every builder (one per document, each writing a file and returning the number
 * of rows it listed) and the shared infrastructure of `./pdf-base` (font, access policies, page
 * frame, thin-bordered tables).
 */
export * from './pdf-base';
export { adjustmentsPdf } from './pdf-adjustments';
export { assessmentRecordPdf, answerText, standardText, type AssessmentRecordData } from './pdf-assessment-record';
export { assessmentReportPdf, type AssessmentReportData } from './pdf-assessment-report';
export { noticePdf, noticeTierText, type NoticeOptions } from './pdf-notice';
export { officialsPdf } from './pdf-officials';
export { tierListPdf } from './pdf-tier-list';
