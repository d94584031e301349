#!/usr/bin/env bash
# Throwaway MariaDB and PostgreSQL servers for errdsl's database test suite
# (tests/db): each in a temporary data directory, on a free port of
# 127.0.0.1, never as a system service.
#
#   scripts/db-servers.sh install   install mariadb-server and postgresql with apt-get
#                                   (Debian; root or sudo), unless already installed
#   scripts/db-servers.sh start     start both servers (idempotent)
#   scripts/db-servers.sh env       print the `export ERRDSL_*_URL=...` lines:
#                                   eval "$(scripts/db-servers.sh env)"
#   scripts/db-servers.sh status    say whether they are running
#   scripts/db-servers.sh stop      stop both and delete their data
#
# The URLs name an administrator account (random password) of a database
# `errdsl`; the suite creates the unprivileged accounts it needs and changes
# server-wide settings (read_only, max_connections), so point it only at
# throwaway servers.
#
# State lives in $ERRDSL_DB_DIR (default: ${TMPDIR:-/tmp}/errdsl-db).
# Run as root, the servers run as the `mysql` and `postgres` users the
# Debian packages create (PostgreSQL refuses to run as root); otherwise as
# the calling user.
set -euo pipefail

STATE=${ERRDSL_DB_DIR:-${TMPDIR:-/tmp}/errdsl-db}
ADMIN=errdsl_admin
DB=errdsl

die() {
    printf 'db-servers: %s\n' "$*" >&2
    exit 1
}

say() {
    printf 'db-servers: %s\n' "$*" >&2
}

# The PostgreSQL binaries: the newest /usr/lib/postgresql/<version>/bin, or $PATH.
pg_bin() {
    local dir
    dir=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    if [[ -n $dir ]]; then
        printf '%s\n' "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

installed() {
    command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 &&
        command -v mariadb >/dev/null 2>&1 && [[ -n $(pg_bin) ]]
}

cmd_install() {
    if installed; then
        say "mariadb-server and postgresql are installed"
        return
    fi
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "install needs root or sudo"
        sudo=(sudo)
    fi
    say "apt-get install mariadb-server postgresql"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        mariadb-server mariadb-client postgresql >/dev/null
    installed || die "mariadb-server or postgresql still missing after apt-get install"
}

# A TCP port of 127.0.0.1 nobody listens on (other than $1, if given).
free_port() {
    local port _
    for _ in $(seq 200); do
        port=$((20000 + RANDOM % 40000))
        [[ $port == "${1:-}" ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return
        fi
    done
    die "no free port found"
}

# Runs a command as $1 (root runs it as that user; others run it as themselves).
as_user() {
    local user=$1
    shift
    if ((EUID == 0)) && [[ $user != root ]]; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

# Waits up to 30 s for a command to succeed.
wait_for() {
    local what=$1 _
    shift
    for _ in $(seq 300); do
        "$@" >/dev/null 2>&1 && return
        sleep 0.1
    done
    die "$what did not come up; see the logs in $STATE"
}

running() {
    [[ -f $STATE/env ]] || return 1
    local pid
    pid=$(cat "$STATE/mysql/mariadbd.pid" 2>/dev/null) || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -f $STATE/pg/data/postmaster.pid ]] &&
        kill -0 "$(head -n 1 "$STATE/pg/data/postmaster.pid")" 2>/dev/null
}

start_mariadb() {
    local port=$1 password=$2 user dir=$STATE/mysql me
    me=$(id -un)
    user=$me
    if ((EUID == 0)); then
        user=mysql
        id mysql >/dev/null 2>&1 || die "no user mysql to run mariadbd as (install mariadb-server)"
    fi
    mkdir -p "$dir/data"
    chown -R "$user" "$dir"
    local user_opt=()
    ((EUID == 0)) && user_opt=(--user="$user")
    # Socket authentication for the calling user (root, in CI), for the setup below.
    mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
        --auth-root-authentication-method=socket --auth-root-socket-user="$me" \
        --skip-test-db >"$dir/install.log" 2>&1 || die "mariadb-install-db failed; see $dir/install.log"
    mariadbd --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
        --bind-address=127.0.0.1 --port="$port" --socket="$dir/mariadbd.sock" \
        --pid-file="$dir/mariadbd.pid" --log-error="$dir/error.log" \
        --skip-name-resolve --max-connections=100 --max-user-connections=1000 \
        --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --innodb-lock-wait-timeout=5 \
        >/dev/null 2>&1 </dev/null &
    wait_for "MariaDB" mariadb-admin --no-defaults --socket="$dir/mariadbd.sock" -u "$me" ping
    mariadb --no-defaults --socket="$dir/mariadbd.sock" -u "$me" <<SQL
CREATE DATABASE $DB;
CREATE USER '$ADMIN'@'%' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO '$ADMIN'@'%' WITH GRANT OPTION;
SQL
}

start_postgres() {
    local port=$1 password=$2 user dir=$STATE/pg bin
    bin=$(pg_bin)
    [[ -n $bin ]] || die "no PostgreSQL binaries (install postgresql)"
    user=$(id -un)
    if ((EUID == 0)); then
        user=postgres
        id postgres >/dev/null 2>&1 || die "no user postgres to run PostgreSQL as (install postgresql)"
    fi
    mkdir -p "$dir"
    printf '%s\n' "$password" >"$dir/pwfile"
    chown -R "$user" "$dir"
    chmod 700 "$dir"
    as_user "$user" "$bin/initdb" -D "$dir/data" -U "$ADMIN" --pwfile="$dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-sync \
        >"$dir/initdb.log" 2>&1 || die "initdb failed; see $dir/initdb.log"
    rm -f "$dir/pwfile"
    # The socket directory must be reachable by the calling user.
    chmod 755 "$dir"
    as_user "$user" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100 -c deadlock_timeout=100ms -c fsync=off" \
        start >/dev/null || die "PostgreSQL did not start; see $dir/postgres.log"
    "$bin/psql" -X -q -h "$dir" -p "$port" -U "$ADMIN" -d postgres -c "CREATE DATABASE $DB" >/dev/null
}

cmd_start() {
    if running; then
        say "already running ($STATE)"
        return
    fi
    installed || die "mariadb-server or postgresql is not installed: run '$0 install'"
    cmd_stop quiet
    mkdir -p "$STATE"
    chmod 755 "$STATE"
    local my_port pg_port my_pw pg_pw
    my_port=$(free_port)
    pg_port=$(free_port "$my_port")
    my_pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    pg_pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    start_mariadb "$my_port" "$my_pw"
    start_postgres "$pg_port" "$pg_pw"
    {
        printf "export ERRDSL_MYSQL_URL='mysql://%s:%s@127.0.0.1:%s/%s'\n" "$ADMIN" "$my_pw" "$my_port" "$DB"
        printf "export ERRDSL_POSTGRES_URL='postgres://%s:%s@127.0.0.1:%s/%s'\n" "$ADMIN" "$pg_pw" "$pg_port" "$DB"
    } >"$STATE/env"
    chmod 600 "$STATE/env"
    say "MariaDB on 127.0.0.1:$my_port, PostgreSQL on 127.0.0.1:$pg_port ($STATE)"
}

cmd_stop() {
    local quiet=${1:-}
    local dir=$STATE/mysql pid
    if [[ -f $dir/mariadbd.pid ]]; then
        pid=$(cat "$dir/mariadbd.pid")
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 300); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
    fi
    dir=$STATE/pg
    if [[ -f $dir/data/postmaster.pid ]]; then
        local bin user
        bin=$(pg_bin)
        user=$(stat -c %U "$dir/data")
        as_user "$user" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ -d $STATE ]]; then
        rm -rf "$STATE"
        [[ -n $quiet ]] || say "stopped; removed $STATE"
    fi
}

cmd_env() {
    [[ -f $STATE/env ]] || die "not started: run '$0 start'"
    cat "$STATE/env"
}

cmd_status() {
    if running; then
        say "running ($STATE)"
    else
        say "not running"
        return 1
    fi
}

case ${1:-} in
install) cmd_install ;;
start) cmd_start ;;
stop) cmd_stop ;;
env) cmd_env ;;
status) cmd_status ;;
*)
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0" >&2
    exit 2
    ;;
esac
