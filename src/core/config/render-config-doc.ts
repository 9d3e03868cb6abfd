// Renders docs/configuration.md from the schema (keys, types, defaults, descriptions), so the
// documentation cannot fall behind the code; a unit test fails when the committed file is stale.
import { configKeys } from './config-keys.js';
import { defaultConfigYaml } from './default-config-yaml.js';
import { DEFAULT_CONFIG_PATH } from './config-schema.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The full text of docs/configuration.md. */
export function renderConfigDoc(): string {
  const keys = configKeys();
  const rows = keys.map(
    (k) =>
      `| \`${k.key}\` | ${cell(k.type)} | \`${cell(JSON.stringify(k.default))}\` | ${cell(k.description)} |`,
  );
  return `<!-- Generated from src/core/config/config-schema.ts by \`npm run gen:docs\`; do not edit. -->
# Configuration

hv reads one YAML file: \`${DEFAULT_CONFIG_PATH}\`, or the file named by \`--config FILE\` or the
\`HV_CONFIG\` environment variable (the flag wins).

- Every key is optional. A missing default file means every default applies; a file named with
  \`--config\`/\`HV_CONFIG\` must exist.
- A key with an empty value (for example a section whose keys are all commented out) counts as unset.
- Unknown keys are errors, with a suggestion (\`backup.compres: unknown key (did you mean
  backup.compress?)\`), so a typo never passes silently.
- Errors name the file, line, column, key and rule, and exit with code 6 (see exit-codes.md):
  \`/etc/hv/config.yaml:3:8: backup.dir: expected an absolute path ... (got "backups")\`.
- An unreadable file exits with code 3 (permission denied).

Commands: \`hv config show [--json]\` prints the effective configuration and which keys are defaults;
\`hv config get KEY\` prints one value; \`hv config path\` prints the file in use; \`hv config validate
[FILE]\` checks a file; \`hv config edit\` opens it in \`$VISUAL\`/\`$EDITOR\` and installs it only if valid.

## Keys

| key | type | default | meaning |
|---|---|---|---|
${rows.join('\n')}

## The defaults as a file

\`\`\`yaml
${defaultConfigYaml()}
\`\`\`
`;
}
