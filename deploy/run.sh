#!/usr/bin/env bash
# Runs GuaGou locally with demo data:  deploy/run.sh        (start the database and the web app)
#                                       deploy/run.sh stop   (stop the project's PostgreSQL cluster)
# Settings (environment): GUAGOU_PORT (web, default 5080), GUAGOU_PG_PORT (default 5433),
#                         GUAGOU_DATA_DIR (cluster and documents; default .data in the checkout),
#                         GUAGOU_SECRETS_DIR (the certificate that encrypts the sign-in keys; default .secrets
#                         in the checkout — outside the data directory).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA_ROOT="${GUAGOU_DATA_DIR:-$(default_data_root)}"
WEB_PORT="${GUAGOU_PORT:-5080}"
DATABASE=guagou

case "${1:-start}" in
  stop)
    pg_stop "$DATA_ROOT"
    log "PostgreSQL stopped (data kept in $DATA_ROOT)"
    exit 0 ;;
  start) ;;
  *) die "usage: deploy/run.sh [start|stop]" ;;
esac

ensure_base_packages
PG_PORT="$(pg_running_port "$DATA_ROOT" || true)"
PG_PORT="${PG_PORT:-${GUAGOU_PG_PORT:-5433}}"
pg_init_and_start "$DATA_ROOT" "$PG_PORT"
ensure_database "$DATA_ROOT" "$PG_PORT" "$DATABASE"
ensure_roles "$DATA_ROOT" "$PG_PORT" "$DATABASE"
ensure_frontend

export GuaGou__DataDirectory="$DATA_ROOT"
KEY_CERTIFICATE="$(ensure_key_certificate "${GUAGOU_SECRETS_DIR:-$REPO_ROOT/.secrets}")"
export GuaGou__DataProtection__Certificate="$KEY_CERTIFICATE"
# The demo run: the demo accounts keep the published password (anywhere else they must change it) and every page
# says 演示环境.
export GuaGou__DemoMode=true
log "building"
dotnet build "$REPO_ROOT/src/GuaGou.Web/GuaGou.Web.csproj" -c Release -v quiet -nologo >/dev/null
dotnet build "$REPO_ROOT/src/GuaGou.Cli/GuaGou.Cli.csproj" -c Release -v quiet -nologo >/dev/null
CLI="$REPO_ROOT/src/GuaGou.Cli/bin/Release/net10.0/guagou.dll"
# Migrations run as the owner role and end by granting the application role its row privileges; everything after
# that (seeding, the users list, the web app) connects as the application role.
ConnectionStrings__GuaGou="$(connection_string "$DATA_ROOT" "$PG_PORT" "$DATABASE" owner)" dotnet "$CLI" migrate --app-role "$APP_ROLE"
export ConnectionStrings__GuaGou="$(connection_string "$DATA_ROOT" "$PG_PORT" "$DATABASE" app)"
dotnet "$CLI" seed --demo

cat <<TXT

  GuaGou 挂钩 is running at  http://127.0.0.1:${WEB_PORT}
  Demo accounts (demo only, password: GuaGou-Demo-2026):
$(dotnet "$CLI" users list | sed 's/^/    /')
  The demo admin must choose a new password at first sign-in. Outside this demo run (GuaGou:DemoMode)
  every account that signs in with the published password must change it first.
  Stop the web app with Ctrl+C; stop the database with: deploy/run.sh stop

TXT
cd "$REPO_ROOT/src/GuaGou.Web"
exec dotnet bin/Release/net10.0/GuaGou.Web.dll --urls "http://127.0.0.1:${WEB_PORT}" --environment Production
