/**
 * The `jixiao` command line. It starts like `node`: only the module of the command being run is
 * imported (dynamic import per command group), so `score` never loads PGlite, docx, exceljs or
 * Chromium code. `--help` and unknown commands load every group, to list them all.
 */
import { Command } from 'commander';
import { PACKAGE_VERSION } from '../load/paths.js';
import { chineseCommander } from './zh-commander.js';

type Register = (program: Command) => void;

/** Each command group and the module that registers it — imported only when one of its commands runs. */
const GROUPS = {
  score: async () => (await import('./score-commands.js')).registerScoreCommands,
  server: async () => (await import('./server-commands.js')).registerServerCommands as Register,
  report: async () => (await import('./report-command.js')).registerReportCommand,
  importAudit: async () => (await import('./import-audit-commands.js')).registerImportAudit,
  cycle: async () => (await import('./cycle-commands.js')).registerCycleCommands,
} satisfies Record<string, () => Promise<Register>>;
type Group = keyof typeof GROUPS;

const COMMAND_GROUP: Record<string, Group> = {
  frameworks: 'score',
  framework: 'score',
  score: 'score',
  serve: 'server',
  db: 'server',
  admin: 'server',
  'seed-demo': 'server',
  worker: 'server',
  'audit-log': 'server',
  report: 'report',
  import: 'importAudit',
  audit: 'importAudit',
  targets: 'cycle',
  monitor: 'cycle',
};

/** An InputError (src/core/input.ts), known by its name: the built CLI bundles the score commands with their own copy of the core. */
function fail(e: unknown): never {
  if (e instanceof Error && e.name === 'InputError') {
    process.stderr.write(`输入有误：\n${e.message}\n`);
    process.exit(2);
  }
  throw e;
}

const program = new Command();
program
  .name('jixiao')
  .description('绩效 — 部门整体支出绩效自评：指标框架、规则计分、核查')
  .version(PACKAGE_VERSION, '-V, --version', '显示版本号');

// The root takes no options but --help/--version, so the first bare word is the command.
const word = process.argv.slice(2).find((a) => !a.startsWith('-'));
const group = word === undefined ? undefined : COMMAND_GROUP[word];
// `jixiao --version` alone needs no command at all.
const versionOnly = process.argv.length === 3 && ['--version', '-V'].includes(process.argv[2]!);
const groups: Group[] = group ? [group] : versionOnly ? [] : (Object.keys(GROUPS) as Group[]);
for (const g of groups) (await GROUPS[g]())(program);
chineseCommander(program);
program.parseAsync(process.argv).catch(fail);
