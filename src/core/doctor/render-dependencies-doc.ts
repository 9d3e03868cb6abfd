// Renders docs/dependencies.md from the doctor's table: which hv command needs which host dependency
// and which Debian package provides it. A unit test fails when the committed file is stale.
import { DOCTOR_CHECKS } from './doctor-checks.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The full text of docs/dependencies.md. */
export function renderDependenciesDoc(): string {
  const rows = DOCTOR_CHECKS.map(
    (c) =>
      `| \`${c.id}\` | ${cell(c.title)} | ${c.kind} | ${cell(c.neededBy.join('; '))} | ${c.debianPackage === undefined ? '—' : `\`${c.debianPackage}\``} | ${c.severity} | ${cell(c.fix)} |`,
  );
  const packages = [
    ...new Set(DOCTOR_CHECKS.flatMap((c) => (c.debianPackage === undefined ? [] : [c.debianPackage]))),
  ];
  return `<!-- Generated from src/core/doctor/doctor-checks.ts by \`npm run gen:docs\`; do not edit. -->
# Dependencies

What hv needs from the host, which commands need it, and which Debian package provides it.
\`hv doctor\` checks every row and prints \`ok\`, \`warn\`, \`fail\` or \`skip\` with a fix; \`hv doctor ID...\`
runs only the named checks, and \`--json\` prints the results as JSON.

A missing dependency whose "if missing" column says **fail** makes \`hv doctor\` exit with 11
(\`CHECK_FAILED\`); one that says **warn** costs a feature, and warnings alone exit 0. Checks that do not
apply (for example permissions for a remote URI) are skipped.

| check | what | kind | needed by | Debian package | if missing | fix |
|---|---|---|---|---|---|---|
${rows.join('\n')}

All packages at once:

\`\`\`sh
apt-get install ${packages.join(' ')}
\`\`\`
`;
}
