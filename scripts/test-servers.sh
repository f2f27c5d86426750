#!/usr/bin/env bash
# Real mail servers for mailproc's integration tests, on loopback only.
#
#   scripts/test-servers.sh install          Dovecot from Debian; mailpit built from tools/mailpit
#   scripts/test-servers.sh start DIR        start both in DIR; writes DIR/env (source it)
#   scripts/test-servers.sh stop DIR
#   scripts/test-servers.sh restart-dovecot DIR
#   scripts/test-servers.sh stop-dovecot DIR / start-dovecot DIR
#
# Dovecot: IMAP on 127.0.0.1:10143 (plain and STARTTLS) and :10993 (implicit
# TLS), certificate made at run time (DIR/cert.pem), any user name with the
# password "secret" (each test takes its own mailbox), '/' separator.
# mailpit: SMTP on :11025 (STARTTLS offered, any AUTH) with its API on
# :18025, on :11465 (implicit TLS) with its API on :18026, and one for
# smtpout's refusal tests alone on :11026 with its chaos API on :18027.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}; D=${2:-}

need_dir() { [ -n "$D" ] || { echo "usage: $0 $cmd DIR" >&2; exit 2; }; mkdir -p "$D"; chmod 755 "$D"; D=$(cd "$D" && pwd); }

wait_port() {
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "port $1 not ready" >&2; return 1
}

install() {
  if ! command -v dovecot >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd openssl curl >/dev/null
  fi
  if [ ! -x "$root/bin/mailpit" ]; then
    (cd "$root/tools/mailpit" && go build -o "$root/bin/mailpit" github.com/axllent/mailpit)
  fi
}

cert() {
  [ -f "$D/cert.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$D/key.pem" -out "$D/cert.pem" -days 3650 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
}

dovecot_conf() {
  id vmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin vmail
  mkdir -p "$D/run" "$D/state" "$D/mail"
  chown -R vmail:vmail "$D/mail"
  cat > "$D/dovecot.conf" <<CONF
instance_name = mailproc-test
base_dir = $D/run
state_dir = $D/state
log_path = $D/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$D/cert.pem
ssl_key = <$D/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 100
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$D/mail/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    port = 10143
  }
  inet_listener imaps {
    port = 10993
    ssl = yes
  }
}
CONF
}

# start_dovecot starts Dovecot with its standard streams on a file, not on
# the caller's: the daemon it leaves behind must not hold a caller's pipe
# open (a test reading this script's output would wait for ever).
start_dovecot() {
  if ! dovecot -c "$D/dovecot.conf" </dev/null >"$D/dovecot-start.log" 2>&1; then
    cat "$D/dovecot-start.log" >&2; return 1
  fi
  wait_port 10143; wait_port 10993
}

# stop_pid stops a process and waits until it is gone.
stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
  kill -9 "$pid" 2>/dev/null || true
}

stop_dovecot() {
  [ -f "$D/run/master.pid" ] || return 0
  stop_pid "$(cat "$D/run/master.pid")"
  rm -f "$D/run/master.pid"
}

# start_mailpit starts one mailpit. --max 0: mailpit otherwise prunes all but
# the newest 500 messages every minute, and the backlog tests of two packages
# running at once send more than that (their replies went missing, or 404).
start_mailpit() {
  local name=$1 smtp=$2 api=$3; shift 3
  "$root/bin/mailpit" --listen "127.0.0.1:$api" --smtp "127.0.0.1:$smtp" --smtp-auth-accept-any --max 0 \
    --smtp-tls-cert "$D/cert.pem" --smtp-tls-key "$D/key.pem" --smtp-disable-rdns \
    --database "$D/$name.db" "$@" >"$D/$name.log" 2>&1 &
  echo $! > "$D/$name.pid"
  for _ in $(seq 1 400); do curl -sf "http://127.0.0.1:$api/readyz" >/dev/null && return 0; sleep 0.05; done
  echo "mailpit $name not ready" >&2; return 1
}

write_env() {
  cat > "$D/env" <<ENV
export MAILPROC_TEST_SERVERS="$D"
export MAILPROC_TEST_DOVECOT="127.0.0.1:10993,tls,support@example.test,secret,$D/cert.pem"
export MAILPROC_TEST_SMTP="127.0.0.1:11025,starttls,$D/cert.pem"
export MAILPROC_TEST_SMTP_USERNAME=mailproc
export MAILPROC_TEST_SMTP_PASSWORD=anything
export MAILPROC_TEST_MAILPIT_API="http://127.0.0.1:18025"
export MAILPROC_TEST_SMTP_TLS="127.0.0.1:11465,tls,$D/cert.pem"
export MAILPROC_TEST_MAILPIT_TLS_API="http://127.0.0.1:18026"
export MAILPROC_TEST_SMTP_CHAOS="127.0.0.1:11026,starttls,$D/cert.pem"
export MAILPROC_TEST_MAILPIT_CHAOS_API="http://127.0.0.1:18027"
ENV
}

case "$cmd" in
  install) install ;;
  start)
    need_dir; cert; dovecot_conf; start_dovecot
    start_mailpit mailpit 11025 18025
    start_mailpit mailpit-tls 11465 18026 --smtp-require-tls
    start_mailpit mailpit-chaos 11026 18027 --enable-chaos
    write_env
    echo "servers up in $D; source $D/env" ;;
  stop)
    need_dir; stop_dovecot
    for p in "$D"/mailpit*.pid; do [ -f "$p" ] && stop_pid "$(cat "$p")"; rm -f "$p"; done ;;
  restart-dovecot) need_dir; stop_dovecot; start_dovecot ;;
  stop-dovecot) need_dir; stop_dovecot ;;
  start-dovecot) need_dir; start_dovecot ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
