# Shared by run.sh and test.sh: system packages, the project-local PostgreSQL cluster, front-end files.
# Sourced, not executed. Everything here is idempotent: safe to call on every run.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PG_SUPERUSER=guagou

log() { printf '\033[1;34m[guagou]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[guagou] %s\033[0m\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command with root rights: directly when root, through sudo otherwise.
as_root() {
  if is_root; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "需要 root 权限来执行：$*（请安装 sudo 或以 root 身份运行）"; fi
}

# Installs the Debian packages that are missing (one apt-get update per run, only when something is missing).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
}

ensure_base_packages() {
  ensure_packages postgresql "postgresql-${PG_VERSION}-postgis-3" gdal-bin proj-bin fonts-noto-cjk bubblewrap openssl
  command -v dotnet >/dev/null 2>&1 || die "dotnet (.NET 10 SDK) is not on PATH"
  command -v npm >/dev/null 2>&1 || die "npm (Node.js) is not on PATH"
}

# initdb/pg_ctl refuse to run as root, so as root the cluster belongs to the postgres user.
pg_run() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A data root the cluster's owner can reach: <repo>/.data normally; as root, when the postgres user cannot
# traverse the checkout (e.g. under /root), a directory under /var/lib/guagou named after the checkout path.
default_data_root() {
  local root="${REPO_ROOT}/.data"
  if is_root && ! runuser -u postgres -- test -x "${REPO_ROOT}" 2>/dev/null; then
    root="/var/lib/guagou/$(printf '%s' "${REPO_ROOT}" | md5sum | cut -c1-12)"
  fi
  printf '%s' "$root"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p="$1"
  while port_in_use "$p"; do p=$((p + 1)); done
  printf '%s' "$p"
}

# pg_init_and_start DATA_ROOT PORT — creates the cluster on first use (password auth, TCP on 127.0.0.1 only,
# no Unix socket) and starts it if it is not running. The superuser password is kept in DATA_ROOT/pg-password.
pg_init_and_start() {
  local data_root="$1" port="$2" pgdata="$1/pg"
  mkdir -p "$data_root"
  if [ ! -s "$data_root/pg-password" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$data_root/pg-password")
  fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "creating PostgreSQL cluster in $pgdata"
    mkdir -p "$pgdata"
    local pwfile="$pgdata.pwfile"
    cp "$data_root/pg-password" "$pwfile"
    if is_root; then chown postgres: "$pgdata" "$pwfile"; chmod 755 "$data_root"; fi
    chmod 700 "$pgdata"
    pg_run "$PG_BIN/initdb" -D "$pgdata" -U "$PG_SUPERUSER" --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed"
    rm -f "$pwfile"
  fi
  if pg_run "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    return 0
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  pg_run "$PG_BIN/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null \
    || { tail -20 "$pgdata/server.log" >&2; die "PostgreSQL did not start (log: $pgdata/server.log)"; }
}

pg_stop() {
  local pgdata="$1/pg"
  [ -f "$pgdata/PG_VERSION" ] || return 0
  pg_run "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1 || return 0
  pg_run "$PG_BIN/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
}

# The port a running cluster listens on (from postmaster.pid), for "run.sh" re-runs on a custom port.
pg_running_port() {
  local pid_file="$1/pg/postmaster.pid"
  [ -f "$pid_file" ] && sed -n '4p' "$pid_file"
}

# The cluster's login roles: the bootstrap superuser (initdb; cluster administration and extensions only), the owner
# role (owns the database and every object in schema guagou; runs `guagou migrate`) and the application role (rows
# only; the web app and every other CLI command). Each password lives in DATA_ROOT, readable by its owner only.
OWNER_ROLE=guagou_owner
APP_ROLE=guagou_app

role_password_file() { # DATA_ROOT superuser|owner|app
  case "$2" in
    superuser) printf '%s' "$1/pg-password" ;;
    owner) printf '%s' "$1/pg-owner-password" ;;
    app) printf '%s' "$1/pg-app-password" ;;
    *) die "unknown database role: $2" ;;
  esac
}

role_name() { # superuser|owner|app
  case "$1" in superuser) printf '%s' "$PG_SUPERUSER" ;; owner) printf '%s' "$OWNER_ROLE" ;; app) printf '%s' "$APP_ROLE" ;; esac
}

connection_string() { # DATA_ROOT PORT DATABASE [superuser|owner|app]
  local role="${4:-superuser}"
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s' "$2" "$3" "$(role_name "$role")" \
    "$(cat "$(role_password_file "$1" "$role")")"
}

# Creates the database and the postgis extension if missing. PostGIS is not a trusted extension, so the superuser
# creates it; the migrations' CREATE EXTENSION IF NOT EXISTS then only finds it.
ensure_database() { # DATA_ROOT PORT DATABASE
  local pw; pw="$(cat "$1/pg-password")"
  if ! PGPASSWORD="$pw" psql -h 127.0.0.1 -p "$2" -U "$PG_SUPERUSER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$3'" | grep -q 1; then
    log "creating database $3"
    PGPASSWORD="$pw" psql -h 127.0.0.1 -p "$2" -U "$PG_SUPERUSER" -d postgres -qc "CREATE DATABASE \"$3\"" >/dev/null
  fi
  PGPASSWORD="$pw" psql -h 127.0.0.1 -p "$2" -U "$PG_SUPERUSER" -d "$3" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
}

# Creates (or corrects) the owner and application roles and moves the database, schema guagou and everything in it to
# the owner (deploy/db-roles.sql). On a database made before the two roles existed this is the upgrade, rows kept.
# The passwords reach psql on stdin, never on a command line (visible in ps).
ensure_roles() { # DATA_ROOT PORT DATABASE
  local role file
  for role in owner app; do
    file="$(role_password_file "$1" "$role")"
    if [ ! -s "$file" ]; then
      (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$file")
    fi
    chmod 600 "$file"
  done
  {
    printf '\\set owner_password %s\n' "$(cat "$(role_password_file "$1" owner)")"
    printf '\\set app_password %s\n' "$(cat "$(role_password_file "$1" app)")"
    printf "SELECT set_config('guagou.owner_role', '%s', false), set_config('guagou.app_role', '%s', false),\n" "$OWNER_ROLE" "$APP_ROLE"
    printf "  set_config('guagou.schema', 'guagou', false), set_config('guagou.owner_password', :'owner_password', false),\n"
    printf "  set_config('guagou.app_password', :'app_password', false);\n"
    cat "$REPO_ROOT/deploy/db-roles.sql"
  } | PGPASSWORD="$(cat "$1/pg-password")" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$2" -U "$PG_SUPERUSER" -d "$3" >/dev/null \
    || die "setting up the database roles failed"
}

# The certificate that encrypts the data-protection keys at rest (the keys sign the sign-in cookie). It lives in a
# directory of its own, outside the data and upload directories, readable by its owner only; the GDAL sandbox does
# not see it. Prints the PKCS#12 file's path. The key is created once and kept: a new one would sign everyone out.
ensure_key_certificate() { # SECRETS_DIR
  local dir="$1" pfx="$1/data-protection.pfx"
  (umask 077; mkdir -p "$dir")
  chmod 700 "$dir"
  if [ ! -s "$pfx" ]; then
    log "creating the data-protection certificate in $dir"
    (umask 077
     openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 36500 -subj "/CN=GuaGou data protection"        -keyout "$dir/data-protection.key" -out "$dir/data-protection.crt" >/dev/null 2>&1        && openssl pkcs12 -export -inkey "$dir/data-protection.key" -in "$dir/data-protection.crt"          -out "$pfx.tmp" -passout pass: >/dev/null 2>&1        && mv "$pfx.tmp" "$pfx") || die "creating the data-protection certificate failed (openssl)"
    rm -f "$dir/data-protection.key"
  fi
  chmod 600 "$pfx"
  printf '%s' "$pfx"
}

# Front-end libraries come from npm (no CDN reaches a county intranet) and are copied into wwwroot/lib.
ensure_frontend() {
  local web="$REPO_ROOT/src/GuaGou.Web"
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    log "installing front-end packages (npm ci)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
  fi
  (cd "$web" && node scripts/copy-libs.mjs) || die "copying front-end libraries failed"
}
