#!/usr/bin/env node
// Known vulnerabilities of the runtime dependencies, from the registry's advisory database
// (`npm audit --omit=dev`): fails on any advisory of high or critical severity. A registry that
// offers no advisory service (a mirror answers 405) cannot be checked: that is said loudly, and
// fails too when VIGIE_REQUIRE_ADVISORIES=1 (set it on a machine that reaches the public npm registry).
import { spawnSync } from 'node:child_process';

const audit = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', timeout: 300_000 });
let report;
try {
  report = JSON.parse(audit.stdout);
} catch {
  report = {};
}

if (report.auditReportVersion !== undefined) {
  const counts = report.metadata?.vulnerabilities ?? {};
  const summary = Object.entries(counts).filter(([level, count]) => level !== 'total' && count > 0).map(([level, count]) => `${count} ${level}`).join(', ') || 'none';
  if (audit.status !== 0) {
    const named = Object.values(report.vulnerabilities ?? {}).filter((item) => ['high', 'critical'].includes(item.severity)).map((item) => `${item.name} (${item.severity})`);
    console.error(`Advisories: high or critical vulnerabilities in runtime dependencies: ${named.join(', ')}.\nRun \`npm audit --omit=dev\` for the details and fixes.`);
    process.exit(1);
  }
  console.log(`Advisories: runtime dependencies checked against the registry's advisory database; found: ${summary}.`);
} else {
  const reason = report.message ?? (audit.error?.message || audit.stderr.trim().split('\n').pop() || 'no answer');
  const text = `Advisories NOT CHECKED: the registry's advisory database is not reachable from this machine (${reason}).`;
  if (process.env.VIGIE_REQUIRE_ADVISORIES === '1') {
    console.error(text);
    process.exit(1);
  }
  console.warn(`${text}\nRun \`npm audit --omit=dev\` on a machine connected to the public npm registry (see docs/security.md).`);
}
