/**
 * @module Migration 0082: the audit log as a hash chain, one chain per region (region_id, or 0 for
 * entries without one). A BEFORE INSERT trigger, owned by the table's owner, takes the region's
 * advisory lock for the rest of the transaction, numbers the entry (seq = previous + 1), and stores
 * prev_hash (the previous entry's hash) and hash = sha256(prev_hash | the entry's fields). Changing,
 * removing or reordering any entry breaks the chain from there on; `jixiao audit-log verify` names the
 * first broken entry. Existing entries are chained in id order.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const m0082_server_audit_chain: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: async (db: Kysely<any>) => {
    for (const s of [
      `alter table audit_log add column seq integer, add column prev_hash text, add column hash text`,
      // The entry's content, in a form that does not depend on the session (time zone, date style).
      `create function audit_log_hash(prev text, e audit_log) returns text language sql immutable as $$
        select encode(sha256(convert_to(concat_ws('|',
          coalesce(prev, ''), e.seq, (extract(epoch from e.at) * 1000000)::bigint,
          coalesce(e.actor_id::text, ''), e.actor_name, coalesce(e.region_id::text, ''),
          coalesce(e.org_id::text, ''), e.entity, e.entity_id, e.action, e.changes::text,
          coalesce(e.detail::text, '')), 'UTF8')), 'hex')
      $$`,
      `create function audit_log_chain() returns trigger language plpgsql as $$
      declare last record;
      begin
        perform pg_advisory_xact_lock(7340, coalesce(new.region_id, 0));
        select seq, hash into last from audit_log
          where coalesce(region_id, 0) = coalesce(new.region_id, 0) and seq is not null
          order by seq desc limit 1;
        new.seq := coalesce(last.seq, 0) + 1;
        new.prev_hash := last.hash;
        new.hash := audit_log_hash(new.prev_hash, new);
        return new;
      end $$`,
      `create index audit_log_chain_idx on audit_log ((coalesce(region_id, 0)), seq)`,
    ])
      await sql.raw(s).execute(db);
    // Chain what is there, region by region in id order (the append-only trigger is off meanwhile).
    await sql.raw(`alter table audit_log disable trigger audit_log_no_update`).execute(db);
    await sql
      .raw(
        `do $$
      declare r audit_log; prev text; prev_region integer := -1; n integer := 0;
      begin
        for r in select * from audit_log order by coalesce(region_id, 0), id loop
          if coalesce(r.region_id, 0) <> prev_region then prev := null; n := 0; prev_region := coalesce(r.region_id, 0); end if;
          n := n + 1;
          r.seq := n;
          r.prev_hash := prev;
          prev := audit_log_hash(prev, r);
          update audit_log set seq = n, prev_hash = r.prev_hash, hash = prev where id = r.id;
        end loop;
      end $$`,
      )
      .execute(db);
    await sql.raw(`alter table audit_log enable trigger audit_log_no_update`).execute(db);
    await sql
      .raw(`create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`)
      .execute(db);
  },
};
