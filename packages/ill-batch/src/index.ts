// The public face of @liaison/ill-batch: one entry, scoreExport → ScoreRun, and the writers of its output.
export {
  scoreExport,
  verdictOrder,
  ExportFormatError,
  type ScoreExportOptions,
  type ScoreRun,
  type ScoredRequest,
  type SkippedRow,
  type Enrich,
  type BuyTitle,
  type TitleDemand,
  type Verdict,
} from './score-export.js';
export { CsvFormatError, CsvRecordParser, readCsvFile, type OnRecord, type ReadCsvResult } from './read/csv-records.js';
export { NotUtf8Error } from './read/text-encoding.js';
export { ScoredOutput, type OutputFormat } from './output/scored-output.js';
export { renderIllReport, type ReportContext } from './output/report-html.js';
export { formatEncodingNote, formatRunSummary, formatSkippedRows, formatWarnings } from './output/run-summary.js';
