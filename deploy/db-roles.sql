-- The two login roles of an installation and who owns what; run by the cluster's bootstrap superuser in the
-- application's database on every deploy/run.sh (ensure_roles in lib.sh), and by the tests on their databases.
-- Idempotent: a new database, one made by the old scripts (everything owned by the superuser, data present) and one
-- already converted all end in the same state, without touching a row.
--
-- Parameters, as session settings set just before (set_config): guagou.owner_role, guagou.owner_password,
-- guagou.app_role, guagou.app_password, guagou.schema.
--
--   owner role: owns the database, the schema and every object in it; runs the migrations (guagou migrate).
--   app role:   owns nothing, member of nothing; the web app and every other CLI command connect as it. Its
--               privileges (rows only) are granted by the owner after each migration: DatabaseRoles.cs.
-- Neither is a superuser: the superuser stays with the cluster's administration (initdb, extensions, this file).
DO $roles$
DECLARE
    owner_role constant text := current_setting('guagou.owner_role');
    app_role constant text := current_setting('guagou.app_role');
    app_schema constant text := current_setting('guagou.schema');
    login_role text;
    owner_oid oid;
    r record;
BEGIN
    IF owner_role = app_role OR owner_role = current_user OR app_role = current_user THEN
        RAISE EXCEPTION 'owner role (%), app role (%) and the superuser (%) must be three different roles', owner_role, app_role, current_user;
    END IF;

    FOREACH login_role IN ARRAY ARRAY[owner_role, app_role] LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I', login_role);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- exists already (or another session created it a moment ago)
        END;
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD %L',
            login_role, current_setting(CASE login_role WHEN owner_role THEN 'guagou.owner_password' ELSE 'guagou.app_password' END));
        -- A membership granted by hand (pg_write_server_files, the owner role, a superuser role …) would bring its
        -- privileges with it; these roles have only what this file and DatabaseRoles.cs give them.
        FOR r IN SELECT m.roleid::regrole AS granted FROM pg_auth_members m WHERE m.member = login_role::regrole LOOP
            EXECUTE format('REVOKE %s FROM %I', r.granted, login_role);
        END LOOP;
    END LOOP;

    owner_oid := owner_role::regrole;
    EXECUTE format('ALTER DATABASE %I OWNER TO %I', current_database(), owner_role);
    EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database());

    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = app_schema) THEN
        RETURN; -- a new database: the owner's first migration creates the schema
    END IF;

    -- Moving an installation made by the old scripts: REASSIGN OWNED BY the bootstrap superuser is not allowed
    -- (it owns the system catalogs), so every object in the schema is moved one by one. Extension members stay.
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', app_schema, owner_role);

    -- Tables first: ALTER TABLE takes its indexes, constraints, triggers and owned (identity/serial) sequences with it;
    -- those sequences cannot be moved on their own.
    FOR r IN
        SELECT c.oid::regclass AS name, c.relkind
        FROM pg_class c
        WHERE c.relnamespace = app_schema::regnamespace AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND c.relowner <> owner_oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
            r.name, owner_role);
    END LOOP;

    -- Then the sequences that belong to no column (the query runs after the tables moved theirs).
    FOR r IN
        SELECT c.oid::regclass AS name
        FROM pg_class c
        WHERE c.relnamespace = app_schema::regnamespace AND c.relkind = 'S' AND c.relowner <> owner_oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', r.name, owner_role);
    END LOOP;

    -- Functions (trigger functions included) and procedures.
    FOR r IN
        SELECT p.oid::regprocedure AS name
        FROM pg_proc p
        WHERE p.pronamespace = app_schema::regnamespace AND p.proowner <> owner_oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.name, owner_role);
    END LOOP;

    -- Types of their own (enums, domains, ranges); a table's row type and array types follow their table or element.
    FOR r IN
        SELECT t.oid::regtype AS name, t.typtype
        FROM pg_type t
        WHERE t.typnamespace = app_schema::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm') AND t.typowner <> owner_oid
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype IN ('e', 'i'))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.name, owner_role);
    END LOOP;
END
$roles$;
