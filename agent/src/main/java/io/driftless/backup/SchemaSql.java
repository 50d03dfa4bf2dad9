package io.driftless.backup;

/**
 * The one query behind {@link PgServer#schemaFingerprint}: a single {@code select} answering one md5 text, so every
 * way of reaching a server (JDBC, {@code psql -At} inside a container) computes the same fingerprint. One line per
 * schema object, sorted, hashed: object ids, statistics and row data are left out, so writes do not change it and a
 * restore of a dump gives the fingerprint the dump was taken with. A migrations table's rows are hashed through
 * {@code query_to_xml}, PostgreSQL's way of running a query named by text inside a plain {@code select}.
 */
public final class SchemaSql {
    private SchemaSql() {
    }

    /** Tables whose rows say which migrations ran (Flyway, Rails and golang-migrate, Prisma, Alembic, Django, Knex). */
    static final String MIGRATION_TABLES = "'flyway_schema_history', 'schema_migrations', '_prisma_migrations', "
            + "'alembic_version', 'django_migrations', 'knex_migrations'";

    private static final String USER_SCHEMA = "n.nspname not in ('pg_catalog', 'information_schema') "
            + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'";

    /** Answers one row, one column: the fingerprint. */
    public static final String FINGERPRINT = """
            with lines(line) as (
              select 'schema ' || n.nspname from pg_namespace n where %1$s
              union all
              select 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and %1$s
              union all
              select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '
                     || format_type(a.atttypid, a.atttypmod) || case when a.attnotnull then ' not null' else '' end
                     || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
              from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
              left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
              where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'f') and %1$s
              union all
              select 'constraint ' || n.nspname || '.' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
              from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
              where %1$s
              union all
              select 'index ' || pg_get_indexdef(i.indexrelid)
              from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
              where %1$s
              union all
              select 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where c.relkind in ('v', 'm') and %1$s
              union all
              select 'trigger ' || pg_get_triggerdef(t.oid)
              from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
              where not t.tgisinternal and %1$s
              union all
              select 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' order by e.enumsortorder)
              from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
              where %1$s
              group by n.nspname, t.typname
              union all
              select 'migrations ' || n.nspname || '.' || c.relname || ' ' || query_to_xml(format(
                       'select md5(coalesce(string_agg(t::text, chr(10) order by t::text), %%L)) as h from %%I.%%I t',
                       '', n.nspname, c.relname), false, true, '')::text
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where c.relkind in ('r', 'p') and c.relname in (%2$s) and %1$s
            )
            select md5(coalesce(string_agg(line, chr(10) order by line), '')) from lines""".formatted(USER_SCHEMA, MIGRATION_TABLES);
}
