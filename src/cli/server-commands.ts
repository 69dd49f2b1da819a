import type { Command } from 'commander';
import { Option } from 'commander';
import { STATUS_LABELS, type Status } from '../core/workflow.js';

/**
 * The server's commands: serve, db migrate, admin create-org / create-user, seed-demo. Modules
 * with the database and HTTP stack load only when one of these runs, so `jixiao score` stays quick.
 */

interface DbFlags {
  dataDir?: string;
  databaseUrl?: string;
}

const withDbOptions = (cmd: Command) =>
  cmd
    .option('--data-dir <dir>', '内置数据库（PGlite）的数据目录，默认 $JIXIAO_DATA_DIR 或 ./data')
    .option('--database-url <url>', 'PostgreSQL 连接串，默认 $DATABASE_URL；设置后不用内置数据库');

async function dbOptions(flags: DbFlags) {
  const { databaseOptionsFromEnv } = await import('../db/database.js');
  return databaseOptionsFromEnv(process.env, {
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
    ...(flags.databaseUrl !== undefined ? { url: flags.databaseUrl } : {}),
  });
}

/** Known failures: a Chinese message and an exit code (2 for bad input), without a stack trace. */
async function report(io: CliIO, e: unknown): Promise<void> {
  const { ApiError } = await import('../server/errors.js');
  const { DatabaseError } = await import('../db/database.js');
  if (e instanceof ApiError) {
    io.err(`${e.message}\n`);
    process.exitCode = e.status === 400 ? 2 : 1;
    return;
  }
  if (e instanceof DatabaseError) {
    io.err(`${e.message}\n`);
    process.exitCode = 1;
    return;
  }
  throw e;
}

function printFrameworkSync(
  io: CliIO,
  r: { added: string[]; updated: string[]; keptFrozen: string[]; failed: Array<{ file: string; message: string }> },
): void {
  if (r.added.length) io.out(`指标框架已入库：${r.added.join('、')}\n`);
  if (r.updated.length) io.out(`指标框架已更新（尚未被轮次使用）：${r.updated.join('、')}\n`);
  if (r.keptFrozen.length)
    io.out(
      `注意：以下框架文件已改动，但数据库中的版本已被轮次使用并冻结，未更新（改动请作为新版本发布）：${r.keptFrozen.join('、')}\n`,
    );
  for (const f of r.failed) io.err(`指标框架文件 ${f.file} 无法读取，未入库：${f.message}\n`);
}

function printDemo(io: CliIO, r: Awaited<ReturnType<typeof import('../server/demo.js').seedDemo>>): void {
  const c = r.city;
  if (c?.created) {
    io.out(
      `演示地区“江源市财政局”已载入：${c.units} 个单位，2023、2024 两个年度 ${c.evaluations} 份评价（${c.ms} ms）。账号：\n`,
    );
    for (const a of c.accounts) io.out(`  ${a.username.padEnd(20)} ${a.roleLabel}　${a.organisation}\n`);
    io.out('  （每个单位的账号为 <单位代码>-filler、<单位代码>-leader，单位代码见“组织与用户”）\n');
  }
  if (!r.created) {
    io.out(`演示地区已存在（组织编号 ${r.regionId}），未重复载入。\n`);
    return;
  }
  io.out(`演示地区“演示市财政局”已载入。examples/seeds 中共 ${r.files.length} 个文件：${r.files.join('、')}\n`);
  for (const l of r.loaded) io.out(`  ✓ ${l.file}  ${l.unit}  ${l.year}年度  ${l.framework}  ${l.headline}\n`);
  for (const f of r.failed) io.out(`  ✗ ${f.file}  未能载入：${f.message}\n`);
  io.out(`演示账号（密码均为 ${r.password}）：\n`);
  for (const a of r.accounts) io.out(`  ${a.username.padEnd(20)} ${a.roleLabel}　${a.organisation}\n`);
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

const STDIO: CliIO = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

export function registerServerCommands(program: Command, io: CliIO = STDIO): void {
  withDbOptions(
    program
      .command('serve')
      .description('启动服务：HTTP 接口（/api）与网页；首次运行自动建库')
      .option('--port <n>', '端口，默认 $PORT 或 8787（0 表示任选空闲端口）')
      .option('--host <host>', '监听地址，默认 $JIXIAO_HOST 或 127.0.0.1（对外服务用 0.0.0.0）')
      .option('--seed-demo', '数据库中还没有任何组织时，载入演示地区')
      .option('--trust-proxy', '位于反向代理之后：采信 X-Forwarded-For / X-Forwarded-Proto')
      .option('--no-worker', '本进程不执行后台任务（另行运行 jixiao worker；仅用于 PostgreSQL）')
      .addOption(
        new Option('--cookie-secure <mode>', 'Cookie 的 Secure 标志')
          .choices(['auto', 'always', 'never'])
          .default('auto'),
      ),
  ).action(
    async (
      flags: DbFlags & {
        port?: string;
        host?: string;
        seedDemo?: boolean;
        trustProxy?: boolean;
        worker: boolean;
        cookieSecure: 'auto' | 'always' | 'never';
      },
    ) => {
      try {
        const { prepareDatabase, startServer } = await import('../server/serve.js');
        const port = Number(flags.port ?? process.env.PORT ?? 8787);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          io.err(`端口“${flags.port}”不合法\n`);
          process.exitCode = 2;
          return;
        }
        const { database, applied, frameworks } = await prepareDatabase(await dbOptions(flags));
        if (applied.length) io.out(`数据库已迁移：${applied.join('、')}\n`);
        printFrameworkSync(io, frameworks);
        const orgs = await database.db
          .selectFrom('organisations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        if (Number(orgs.n) === 0) {
          if (flags.seedDemo) {
            const { seedDemo } = await import('../server/demo.js');
            printDemo(io, await seedDemo(database.db));
          } else {
            io.out(
              '数据库中还没有任何组织：运行 jixiao seed-demo 载入演示地区，或用 jixiao admin create-org / create-user 建立财政局和账号。\n',
            );
          }
        }
        // PGlite is this process's alone: nobody else could run its jobs.
        const work = flags.worker || database.kind === 'pglite';
        const server = await startServer(database, {
          work,
          port,
          host: flags.host ?? process.env.JIXIAO_HOST ?? '127.0.0.1',
          trustProxy: Boolean(flags.trustProxy),
          cookieSecure: flags.cookieSecure,
        });
        io.out(
          `jixiao 已启动：${server.url}　数据库：${database.where}　后台任务：${work ? '本进程执行' : '由 jixiao worker 执行'}\n接口文档：${server.url}/api/openapi.json　健康检查：${server.url}/api/health　就绪检查：${server.url}/api/ready\n`,
        );
        const stop = (signal: string) => {
          io.out(`收到 ${signal}，正在停止：不再就绪，处理完手上的请求，未完成的后台任务交回队列……\n`);
          const drainMs = Number(process.env.JIXIAO_DRAIN_MS ?? 0) || 0;
          server
            .drain(drainMs)
            .then(() => server.close())
            .then(
              () => process.exit(0),
              () => process.exit(1),
            );
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      } catch (e) {
        await report(io, e);
      }
    },
  );

  withDbOptions(
    program
      .command('worker')
      .description(
        '只执行后台任务（批量导出、重新计分、提醒；PDF 的 Chromium 在此进程）：与若干 jixiao serve --no-worker 共用一个 PostgreSQL',
      )
      .option('--concurrency <n>', '每类任务同时执行几个（默认 $JIXIAO_WORKER_CONCURRENCY 或 1）'),
  ).action(async (flags: DbFlags & { concurrency?: string }) => {
    try {
      const { prepareDatabase, queueOptionsFromEnv, startWorker } = await import('../server/serve.js');
      const { database, applied } = await prepareDatabase(await dbOptions(flags));
      if (applied.length) io.out(`数据库已迁移：${applied.join('、')}\n`);
      const concurrency = flags.concurrency !== undefined ? Number(flags.concurrency) : undefined;
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
        io.err(`--concurrency“${flags.concurrency}”不合法：须为正整数\n`);
        process.exitCode = 2;
        await database.close();
        return;
      }
      const worker = await startWorker(database, {
        ...queueOptionsFromEnv(),
        ...(concurrency ? { concurrency } : {}),
        log: (line) => io.out(`${line}\n`),
      });
      io.out(`jixiao worker 已启动（${worker.jobs.workerId}）　数据库：${database.where}\n`);
      const stop = (signal: string) => {
        io.out(`收到 ${signal}，正在停止：等待进行中的任务，未完成的交回队列……\n`);
        worker.close(Number(process.env.JIXIAO_JOB_GRACE_MS ?? 10_000) || 0).then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    } catch (e) {
      await report(io, e);
    }
  });

  const db = program.command('db').description('数据库');
  withDbOptions(db.command('migrate').description('把数据库结构升级到最新，并把内置指标框架复制入库')).action(
    async (flags: DbFlags) => {
      try {
        const { prepareDatabase } = await import('../server/serve.js');
        const { database, applied, frameworks } = await prepareDatabase(await dbOptions(flags));
        io.out(applied.length ? `已执行迁移：${applied.join('、')}\n` : '数据库结构已是最新。\n');
        printFrameworkSync(io, frameworks);
        io.out(`数据库：${database.where}\n`);
        await database.close();
      } catch (e) {
        await report(io, e);
      }
    },
  );

  withDbOptions(
    db
      .command('backup <file>')
      .description('备份数据库到一个文件（内置数据库：数据目录的 tar.gz；PostgreSQL：pg_dump 自定义格式）'),
  ).action(async (file: string, flags: DbFlags) => {
    try {
      const { openDatabase } = await import('../db/database.js');
      const { backupDatabase } = await import('../db/backup.js');
      const database = await openDatabase(await dbOptions(flags));
      try {
        await backupDatabase(database, file);
        io.out(`已备份 ${database.where} 到 ${file}\n`);
      } finally {
        await database.close();
      }
    } catch (e) {
      await report(io, e);
    }
  });
  withDbOptions(
    db
      .command('restore <file>')
      .description('从备份文件恢复：内置数据库恢复到一个还没有数据库的数据目录；PostgreSQL 覆盖现有的表与数据'),
  ).action(async (file: string, flags: DbFlags) => {
    try {
      const { restorePGlite, restorePostgres } = await import('../db/backup.js');
      const opts = await dbOptions(flags);
      if (opts.url) await restorePostgres(opts.ownerUrl ?? opts.url, file);
      else await restorePGlite(opts.dataDir!, file);
      io.out(`已从 ${file} 恢复数据库\n`);
    } catch (e) {
      await report(io, e);
    }
  });

  const auditLog = program.command('audit-log').description('审计日志');
  withDbOptions(
    auditLog.command('verify').description('校验审计日志的哈希链（每个地区一条），指出第一条被改动、删除或调换的记录'),
  ).action(async (flags: DbFlags) => {
    try {
      const { openDatabase } = await import('../db/database.js');
      const { verifyAuditChain } = await import('../db/audit.js');
      const database = await openDatabase(await dbOptions(flags));
      try {
        const r = await verifyAuditChain(database.db);
        if (r.broken) {
          const b = r.broken;
          io.err(
            `审计日志的哈希链在编号 ${b.id} 的记录处断开（地区 ${b.regionId ?? '无'}，链序号 ${b.seq ?? '无'}）：${b.reason}\n`,
          );
          process.exitCode = 1;
        } else {
          io.out(`审计日志完好：${r.entries} 条记录，${r.regions} 条链（每个地区一条），逐条哈希相符。\n`);
        }
      } finally {
        await database.close();
      }
    } catch (e) {
      await report(io, e);
    }
  });

  const admin = program.command('admin').description('管理：组织与账号');
  withDbOptions(
    admin
      .command('create-org')
      .description('新建组织：财政局（一个地区的根）、部门（单位）或下属单位')
      .addOption(new Option('--kind <kind>', '类别').choices(['bureau', 'unit', 'subunit']).makeOptionMandatory())
      .requiredOption('--name <name>', '名称')
      .option('--parent <id|code>', '上级组织（部门的上级是财政局，下属单位的上级是部门）')
      .option('--code <code>', '组织代码（小写字母、数字、连字符），省略则自动生成'),
  ).action(
    async (flags: DbFlags & { kind: 'bureau' | 'unit' | 'subunit'; name: string; parent?: string; code?: string }) => {
      try {
        const { prepareDatabase } = await import('../server/serve.js');
        const { createOrganisation, findOrganisation } = await import('../server/resources/organisations/service.js');
        const { systemActor } = await import('../server/access.js');
        const { database } = await prepareDatabase(await dbOptions(flags));
        try {
          let parentId: number | undefined;
          if (flags.parent) {
            const p = await findOrganisation(database.db, flags.parent);
            if (!p) {
              io.err(`找不到上级组织“${flags.parent}”\n`);
              process.exitCode = 2;
              return;
            }
            parentId = p.id;
          }
          const org = await createOrganisation(database.db, systemActor(), {
            kind: flags.kind,
            name: flags.name,
            ...(parentId !== undefined ? { parentId } : {}),
            ...(flags.code !== undefined ? { code: flags.code } : {}),
          });
          io.out(`已新建${org.kindLabel}“${org.name}”：编号 ${org.id}，代码 ${org.code}\n`);
        } finally {
          await database.close();
        }
      } catch (e) {
        await report(io, e);
      }
    },
  );

  withDbOptions(
    admin
      .command('create-user')
      .description('新建账号；不给 --password 时读取 $JIXIAO_PASSWORD，再没有就生成随机密码并显示')
      .requiredOption('--org <id|code>', '所属组织')
      .requiredOption('--username <name>', '登录名')
      .addOption(
        new Option('--role <role>', '角色')
          .choices(['bureau_admin', 'bureau_reviewer', 'unit_filler', 'unit_leader', 'public'])
          .makeOptionMandatory(),
      )
      .option('--display-name <name>', '姓名（默认同登录名）')
      .option('--password <password>', '密码（会留在命令历史中，建议用 $JIXIAO_PASSWORD）'),
  ).action(
    async (
      flags: DbFlags & { org: string; username: string; role: 'bureau_admin'; displayName?: string; password?: string },
    ) => {
      try {
        const { prepareDatabase } = await import('../server/serve.js');
        const { findOrganisation } = await import('../server/resources/organisations/service.js');
        const { createUser } = await import('../server/resources/users/service.js');
        const { systemActor } = await import('../server/access.js');
        const { randomPassword } = await import('../server/passwords.js');
        const { database } = await prepareDatabase(await dbOptions(flags));
        try {
          const org = await findOrganisation(database.db, flags.org);
          if (!org) {
            io.err(`找不到组织“${flags.org}”\n`);
            process.exitCode = 2;
            return;
          }
          const generated = flags.password === undefined && !process.env.JIXIAO_PASSWORD;
          const password = flags.password ?? process.env.JIXIAO_PASSWORD ?? randomPassword();
          const u = await createUser(database.db, systemActor(), {
            orgId: org.id,
            username: flags.username,
            displayName: flags.displayName ?? flags.username,
            role: flags.role,
            password,
          });
          io.out(
            `已新建账号 ${u.username}（${u.roleLabel}，${u.orgName}）${generated ? `，初始密码：${password}` : ''}\n`,
          );
        } finally {
          await database.close();
        }
      } catch (e) {
        await report(io, e);
      }
    },
  );

  withDbOptions(
    program
      .command('seed-demo')
      .description('载入演示地区：examples/seeds 中每份真实自评数据一个单位，含各角色演示账号')
      .option('--password <password>', '演示账号的密码（默认 jixiao-demo）')
      .option('--units <n>', '改为生成全省规模的演示数据：单位数（如 20000；宜用 PostgreSQL）')
      .option('--years <n>', '与 --units 同用：年度数（每年一个轮次，默认 3）')
      .option('--seed <n>', '与 --units 同用：随机种子（默认固定，结果可重现）'),
  ).action(async (flags: DbFlags & { password?: string; units?: string; years?: string; seed?: string }) => {
    try {
      const { prepareDatabase } = await import('../server/serve.js');
      if (flags.units !== undefined) {
        const units = Number(flags.units);
        const years = Number(flags.years ?? 3);
        const seed = flags.seed !== undefined ? Number(flags.seed) : undefined;
        const bad = [
          !(Number.isInteger(units) && units > 0 && units <= 200_000)
            ? `--units“${flags.units}”须为 1–200000 的整数`
            : '',
          !(Number.isInteger(years) && years > 0 && years <= 10) ? `--years“${flags.years}”须为 1–10 的整数` : '',
          seed !== undefined && !Number.isInteger(seed) ? `--seed“${flags.seed}”须为整数` : '',
        ].filter(Boolean);
        if (bad.length) {
          io.err(`${bad.join('；')}\n`);
          process.exitCode = 2;
          return;
        }
        const { seedProvince } = await import('../server/demo-province.js');
        const { database } = await prepareDatabase(await dbOptions(flags));
        try {
          const r = await seedProvince(database.db, {
            units,
            years,
            ...(seed !== undefined ? { seed } : {}),
            ...(flags.password !== undefined ? { password: flags.password } : {}),
            log: (line) => io.out(`${line}\n`),
          });
          if (!r.created) io.out(`全省演示数据已存在（组织编号 ${r.regionId}），未重复载入。\n`);
          else
            io.out(
              `全省演示数据已载入（${(r.ms / 1000).toFixed(1)} 秒）：演示省财政厅，${r.units} 个单位，轮次 ${r.rounds.map((x) => `${x.year}（编号 ${x.id}，${x.evaluations} 份）`).join('、')}；最新年度各状态：${Object.entries(
                r.byStatus,
              )
                .map(([k, v]) => `${STATUS_LABELS[k as Status] ?? k} ${v}`)
                .join('，')}。账号 province-admin、province-reviewer、p-<序号>-filler / -leader。\n`,
            );
        } finally {
          await database.close();
        }
        return;
      }
      const { seedDemo } = await import('../server/demo.js');
      const { database, frameworks } = await prepareDatabase(await dbOptions(flags));
      try {
        printFrameworkSync(io, frameworks);
        const r = await seedDemo(database.db, flags.password !== undefined ? { password: flags.password } : {});
        printDemo(io, r);
        if (r.failed.length) process.exitCode = 1;
      } finally {
        await database.close();
      }
    } catch (e) {
      await report(io, e);
    }
  });
}
