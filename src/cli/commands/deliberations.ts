import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../access/system-actor.js';
import { AppError, validationError } from '../../core/errors.js';
import { checkSession } from '../../deliberations/domain/check.js';
import { composeExtract, renderExtractText } from '../../deliberations/domain/extract.js';
import { hasErrors, type Finding } from '../../deliberations/domain/findings.js';
import type { SessionFile } from '../../deliberations/domain/model.js';
import { frenchLongDate } from '../../deliberations/domain/names.js';
import { parseSessionFile } from '../../deliberations/domain/parse.js';
import { importSession } from '../../deliberations/import-service.js';
import { chooseOrganisation } from '../../patrimony/import/service.js';
import { withDatabase } from '../database.js';

async function readSession(path: string): Promise<SessionFile> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw validationError(`Fichier illisible (cannot read file): ${path}`, [{ field: '(fichier)', message: error.code ?? error.message }]);
  });
  return parseSessionFile(text);
}

const SEVERITY_LABEL = { error: 'ERREUR', warning: 'AVERT.' } as const;

function formatFinding(f: Finding): string {
  return `  ${SEVERITY_LABEL[f.severity]}  ${f.code}  ${f.message}\n          Source : ${f.source.label}`;
}

function formatReport(file: SessionFile, findings: Finding[]): string {
  const instance = file.instances.find((i) => i.id === file.session.instance)!;
  const lines = [`${instance.name} — séance du ${frenchLongDate(file.session.date)} — ${file.items.length} point(s)`, '', 'Séance'];
  const sessionFindings = findings.filter((f) => f.item === undefined);
  lines.push(...(sessionFindings.length ? sessionFindings.map(formatFinding) : ['  Aucune remarque.']));
  for (const item of [...file.items].sort((a, b) => a.rank - b.rank)) {
    const own = findings.filter((f) => f.item === item.rank);
    lines.push('', `Point ${item.rank} — ${item.actNumber} — ${item.subject}`, ...(own.length ? own.map(formatFinding) : ['  Aucune remarque.']));
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push('', `Bilan : ${errors} erreur(s), ${findings.length - errors} avertissement(s).`);
  return lines.join('\n');
}

export function registerDeliberations(program: Command): void {
  const deliberations = program.command('deliberations').description('Board decisions register: check a session file, print an extract');
  deliberations
    .command('check <file>')
    .description('Check a session (JSON, see docs/deliberations.md): prints errors and warnings per item; exit code 1 on errors')
    .option('--json', 'print JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      let file: SessionFile;
      try {
        file = await readSession(path);
      } catch (error) {
        if (!(options.json && error instanceof AppError)) throw error;
        console.log(JSON.stringify({ valid: false, schemaErrors: error.errors, findings: [] }, null, 2));
        process.exitCode = 1;
        return;
      }
      const findings = checkSession(file);
      console.log(options.json ? JSON.stringify({ valid: !hasErrors(findings), schemaErrors: [], findings }, null, 2) : formatReport(file, findings));
      if (hasErrors(findings)) process.exitCode = 1;
    });
  deliberations
    .command('import <file>')
    .description('Store a session file in the register (all or nothing, idempotent): items passing the rules take the status the file says, the others stay drafts')
    .option('--organisation <siren>', 'SIREN of the organisation (needed when there are several)')
    .action(async (path: string, options: { organisation?: string }) => {
      const file = await readSession(path);
      const result = await withDatabase(async (db) => {
        const organisation = await chooseOrganisation(db, options.organisation);
        return importSession(db, systemActor(organisation.id, 'cli:deliberations'), file);
      });
      console.log(`Séance ${result.created ? 'créée' : 'mise à jour'} (n° ${result.sessionId}) :`);
      for (const item of result.items) console.log(`  Point ${item.rank} — ${item.actNumber} — ${item.status}${item.errors ? ` (${item.errors} erreur(s))` : ''}`);
    });
  deliberations
    .command('extract <file>')
    .description('Print the text extract of one item')
    .requiredOption('--item <rank>', 'rank of the item')
    .action(async (path: string, options: { item: string }) => {
      const file = await readSession(path);
      const rank = Number(options.item);
      if (!file.items.some((i) => i.rank === rank)) {
        throw validationError('Point inconnu (unknown item)', [{ field: 'item', message: `aucun point de rang « ${options.item} »` }]);
      }
      process.stdout.write(renderExtractText(composeExtract(file, rank)));
    });
}
