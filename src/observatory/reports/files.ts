import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import type { z } from '@hono/zod-openapi';
import type { MonthRange } from '../domain/months.js';
import { filterOf } from '../service.js';
import { boardReportPdf } from './board-report.js';
import { packFilename, partnerPackPdf, partnerPackWorkbook } from './partner-pack.js';
import { boardReport, partnerPack, ushSurvey, type PackSubject } from './service.js';
import type { PartnerPackQuerySchema } from './schemas.js';
import { ushWorkbook } from './ush-survey.js';

/** The observatory's report files, as the API and the command line hand them out. */
export type ReportRequest =
  | { kind: 'partner-pack'; subject: PackSubject; period: MonthRange; format: 'pdf' | 'xlsx' }
  | { kind: 'board'; year: number }
  | { kind: 'ush-survey'; year: number };

export interface ReportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/** A partner pack's request from the route's query or the command's options. */
export function partnerPackRequest({ communes, qpv, from, to, format }: z.infer<typeof PartnerPackQuerySchema>): ReportRequest {
  return { kind: 'partner-pack', subject: { communes: communes?.split(',') ?? [], ...(qpv === undefined ? {} : { qpv }) }, period: filterOf({ from, to }).period, format };
}

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function reportFile(db: Queryable, actor: Actor, request: ReportRequest): Promise<ReportFile> {
  if (request.kind === 'partner-pack') {
    const pack = await partnerPack(db, actor, request.subject, request.period);
    const body = request.format === 'pdf' ? await partnerPackPdf(pack) : await partnerPackWorkbook(pack);
    return { body, contentType: request.format === 'pdf' ? PDF : XLSX, filename: packFilename(pack, request.format) };
  }
  if (request.kind === 'board') {
    return { body: await boardReportPdf(await boardReport(db, actor, request.year)), contentType: PDF, filename: `rapport-annuel-observatoire-${request.year}.pdf` };
  }
  return { body: await ushWorkbook(await ushSurvey(db, actor, request.year)), contentType: XLSX, filename: `enquete-ush-incivilites-${request.year}.xlsx` };
}
