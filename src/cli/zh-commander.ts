/**
 * @module The command line's own words in Chinese: commander's usage errors (unknown option or command,
 * missing argument …), its help headings and the help/version options — so no English reaches a user
 * who mistypes a command (issue 11: every message Chinese).
 */
import { type Command, Help } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** The extra information commander appends to an option's description: “(default: …, choices: …)”. */
function extras(text: string): string {
  return text.replace(/\((?:default|choices|preset|env): [^()]*\)$/, (m) =>
    m
      .replace(/^\(/, '（')
      .replace(/\)$/, '）')
      .replace(/default: /g, '默认：')
      .replace(/choices: /g, '可选：')
      .replace(/preset: /g, '缺省取值：')
      .replace(/env: /g, '环境变量：'),
  );
}

/** Help text with Chinese headings and the “[options]” of a usage line as “[选项]”. */
class ChineseHelp extends Help {
  override styleTitle(str: string): string {
    return super.styleTitle(TITLES[str] ?? str);
  }
  /** CJK characters and full-width punctuation take two columns: the help's columns line up and wrap right. */
  override displayWidth(str: string): number {
    return (
      super.displayWidth(str) +
      (str.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g)
        ?.length ?? 0)
    );
  }
  override commandUsage(cmd: Parameters<Help['commandUsage']>[0]): string {
    return super.commandUsage(cmd).replace('[options]', '[选项]').replace('[command]', '[命令]');
  }
  override subcommandTerm(cmd: Parameters<Help['subcommandTerm']>[0]): string {
    return super.subcommandTerm(cmd).replace('[options]', '[选项]').replace('[command]', '[命令]');
  }
  override optionDescription(option: Parameters<Help['optionDescription']>[0]): string {
    return extras(super.optionDescription(option));
  }
  override argumentDescription(argument: Parameters<Help['argumentDescription']>[0]): string {
    return extras(super.argumentDescription(argument));
  }
}

const ERRORS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^error: unknown option '(.+?)'/, (_, o) => `不认识的选项 ${o}`],
  [/^error: unknown command '(.+?)'/, (_, c) => `不认识的命令 ${c}`],
  [/^error: missing required argument '(.+?)'/, (_, a) => `缺少必填参数 <${a}>`],
  [/^error: option '(.+?)' argument missing/, (_, o) => `选项 ${o} 缺少取值`],
  [/^error: required option '(.+?)' not specified/, (_, o) => `缺少必填选项 ${o}`],
  [/^error: (.+?) cannot be used with (.+)$/, (_, a, b) => `${a} 不能与 ${b} 同时使用`],
  [
    /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (_, c, want, got) => `${c ? `命令 ${c} ` : ''}参数过多：应为 ${want} 个，收到 ${got} 个`,
  ],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\.\s*(.*)$/,
    (_, o, v, why) => `选项 ${o} 的取值“${v}”无效${reason(why)}`,
  ],
  [
    /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\.\s*(.*)$/,
    (_, v, a, why) => `参数 <${a}> 的取值“${v}”无效${reason(why)}`,
  ],
];

/** A parser's own reason: commander's “Allowed choices are …” translated, a Chinese one kept. */
function reason(why: string): string {
  const choices = /^Allowed choices are (.+)\.$/.exec(why.trim());
  if (choices) return `，可选：${choices[1]!.split(', ').join('、')}`;
  return why.trim() ? `：${why.trim()}` : '';
}

/** One commander error line in Chinese, “(Did you mean …?)” as “是否想用 …？”. */
export function zhCommanderError(text: string): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const hint = rest.join(' ').match(/^\(Did you mean (?:one of )?(.+)\?\)$/);
  const known = ERRORS.find(([re]) => re.test(first));
  const line = known ? known[1](...(known[0].exec(first) as unknown as string[])) : first.replace(/^error: /, '');
  const help = /^error: unknown command/.test(first) ? '；加 --help 列出可用的命令' : '';
  return `错误：${line}${hint ? `（是否想用 ${hint[1]}？）` : ''}${help}\n`;
}

/** Chinese help and errors on a command and every command below it (call after all are registered). */
export function chineseCommander(cmd: Command): void {
  cmd.createHelp = () => Object.assign(new ChineseHelp(), cmd.configureHelp());
  cmd.helpOption('-h, --help', '显示帮助');
  if (cmd.commands.length) cmd.helpCommand('help [command]', '显示某个命令的帮助');
  cmd.configureOutput({ outputError: (str, write) => write(zhCommanderError(str)) });
  for (const sub of cmd.commands) chineseCommander(sub);
}
