// Reads the configuration file from disk. A missing file at the default place means "all defaults";
// a file named explicitly (--config, HV_CONFIG) must exist, so a typo in its path is not silently
// ignored. An unreadable file is a permission problem (exit 3), not a configuration one.
import { readFile } from 'node:fs/promises';
import { ConfigError, PermissionError } from '../errors/index.js';
import { DEFAULT_CONFIG_PATH } from './config-schema.js';
import { parseConfigText, type ParsedConfig } from './parse-config-text.js';

/** The effective configuration and where it came from. */
export interface LoadedConfig extends ParsedConfig {
  /** The file that was (or would have been) read. */
  readonly path: string;
  /** False when the file does not exist and every value is a default. */
  readonly exists: boolean;
}

/** Files larger than this are refused (a configuration is a few hundred bytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Load and validate the configuration at `path`.
 * @param options.mustExist refuse a missing file (default: only when `path` is not the default
 *   /etc/hv/config.yaml, i.e. when the user named it).
 * @throws ConfigError (missing named file, not a file, too large, syntax, schema) or PermissionError.
 */
export async function loadConfig(path: string, options: { mustExist?: boolean } = {}): Promise<LoadedConfig> {
  const mustExist = options.mustExist ?? path !== DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'ENOENT' && !mustExist) return { ...parseConfigText('', path), path, exists: false };
    if (code === 'ENOENT') {
      throw new ConfigError(`${path}: configuration file does not exist`, {
        cause: err,
        details: { file: path },
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new PermissionError(`${path}: cannot read the configuration file: permission denied`, {
        cause: err,
        details: { file: path },
      });
    }
    if (code === 'EISDIR') {
      throw new ConfigError(`${path}: is a directory, not a configuration file`, {
        cause: err,
        details: { file: path },
      });
    }
    throw new ConfigError(`${path}: cannot read the configuration file (${code ?? String(err)})`, {
      cause: err,
      details: { file: path },
    });
  }
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new ConfigError(`${path}: configuration file is larger than 1 MiB`, { details: { file: path } });
  }
  return { ...parseConfigText(text, path), path, exists: true };
}
