#!/usr/bin/env bash
# Real mail servers for mailproc's integration tests, on loopback only.
#
#   scripts/test-servers.sh install          Dovecot from Debian; mailpit built from tools/mailpit
#   scripts/test-servers.sh start DIR        start both in DIR; writes DIR/env (source it)
#   scripts/test-servers.sh stop DIR
#   scripts/test-servers.sh restart-dovecot DIR
#   scripts/test-servers.sh stop-dovecot DIR / start-dovecot DIR
#   scripts/test-servers.sh start-courier DIR / stop-courier DIR
#   scripts/test-servers.sh install-oauth    Ory Hydra built from tools/hydra (and gcc for its SQLite: install-oauth-deps)
#   scripts/test-servers.sh start-oauth DIR  Hydra and a Dovecot that takes OAuth2 tokens only; writes DIR/oauth-env
#   scripts/test-servers.sh stop-oauth DIR
#
# Dovecot: IMAP on 127.0.0.1:10143 (plain and STARTTLS) and :10993 (implicit
# TLS), certificate made at run time (DIR/cert.pem), any user name with the
# password "secret" (each test takes its own mailbox), '/' separator.
# mailpit: SMTP on :11025 (STARTTLS offered, any AUTH) with its API on
# :18025, on :11465 (implicit TLS) with its API on :18026, and one for
# smtpout's refusal tests alone on :11026 with its chaos API on :18027.
# Courier-IMAP (start-courier, a server without MOVE): see courier_* below.
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

# --- Courier-IMAP: a second real server, one without MOVE ---------------
# Debian's courier-imap conflicts with dovecot-imapd (installing it removes
# Dovecot), so it is never installed: its packages are unpacked into
# DIR/courier/root with `apt-get download` + `dpkg-deb -x` and run in a
# private mount namespace, where DIR/courier/root/usr and DIR/courier/etc
# are laid over /usr and /etc (its paths are compiled in) and /run is its
# own. IMAP on 127.0.0.1:22143 without TLS, any user name with the password
# "secret" (authlib's authpipe module runs DIR/courier/etc/courier/authProg,
# which makes each user's maildir, owned by vmail, on first login), the
# "INBOX." prefix and '.' separator, Debian's defaults otherwise (IDLE
# reports new mail only every 60 s: IMAP_ENHANCEDIDLE=0).
courier_port=22143
courier_debs="courier-imap courier-base gamin courier-authlib courier-authlib-pipe libcourier-unicode4 libgamin0 libidn12 libltdl7 libgdbm6 libpcre3"

courier_unpack() {
  local C=$1
  [ -x "$C/root/usr/bin/imapd" ] && return 0
  mkdir -p "$C/debs" "$C/root"
  command -v unshare >/dev/null || { echo "unshare (util-linux) is needed" >&2; return 1; }
  if ! (cd "$C/debs" && apt-get download $courier_debs >/dev/null 2>"$C/debs/apt.log"); then
    apt-get update -qq && (cd "$C/debs" && apt-get download $courier_debs >/dev/null 2>"$C/debs/apt.log") || { cat "$C/debs/apt.log" >&2; return 1; }
  fi
  for deb in "$C"/debs/*.deb; do dpkg-deb -x "$deb" "$C/root"; done
  # a few libraries still live in /lib in their packages: one /usr for all
  [ -d "$C/root/lib" ] && cp -a "$C/root/lib/." "$C/root/usr/lib/" && rm -rf "$C/root/lib"
}

courier_conf() {
  local C=$1
  id vmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin vmail
  mkdir -p "$C/etc/courier" "$C/run" "$C/mail"
  chown vmail:vmail "$C/mail"
  sed -e "s/^PORT=.*/PORT=$courier_port/" -e 's/^ADDRESS=.*/ADDRESS=127.0.0.1/' \
    "$C/root/etc/courier/imapd" > "$C/etc/courier/imapd"
  cp "$C/root/etc/courier/imapd-ssl" "$C/etc/courier/imapd-ssl"
  printf '%s\n' 'authmodulelist="authpipe"' 'authmodulelistorig="authpipe"' 'daemons=4' \
    'authdaemonvar=/run/courier/authdaemon' 'DEBUG_LOGIN=0' 'DEFAULTOPTIONS=""' 'LOGGEROPTS=""' \
    > "$C/etc/courier/authdaemonrc"
  cat > "$C/etc/courier/authProg" <<'PROG'
#!/bin/bash
# authlib's authpipe for the test Courier: any user, password "secret".
mail=__MAIL__
record() {
  local home="$mail/${1//\//_}"
  if [ ! -d "$home/Maildir" ]; then
    mkdir -p "$home" && /usr/bin/maildirmake.courier "$home/Maildir" && chown -R vmail:vmail "$home"
  fi
  printf 'UID=%s\nGID=%s\nHOME=%s\nMAILDIR=%s\nADDRESS=%s\n.\n' "$(id -u vmail)" "$(id -g vmail)" "$home" "$home/Maildir" "$1"
}
while read -r cmd rest; do
  case "$cmd" in
    PRE) set -- $rest; record "$3" ;;
    AUTH) read -r -N "$rest" data
          { read -r svc; read -r type; read -r user; read -r pass; } <<<"$data"
          if [ "$type" = login ] && [ "$pass" = secret ]; then record "$user"; else echo FAIL; fi ;;
    ENUMERATE) echo . ;;
    *) echo FAIL ;;
  esac
done
PROG
  sed -i "s|__MAIL__|$C/mail|" "$C/etc/courier/authProg"
  chmod 755 "$C/etc/courier/authProg"
  cat > "$C/inside.sh" <<'INSIDE'
#!/bin/bash
# Runs in Courier's private mount namespace: lays its files over /usr and
# /etc, gives it its own /run, and starts authdaemond and couriertcpd.
set -eu
C=$1
mount -t overlay overlay -o "lowerdir=$C/root/usr:/usr" /usr
mount -t overlay overlay -o "lowerdir=$C/etc:/etc" /etc
mount -t tmpfs tmpfs /run
mkdir -p /run/courier/authdaemon
/usr/lib/courier/courier-authlib/authdaemond </dev/null >>"$C/run/authdaemond.log" 2>&1 &
echo $! > "$C/run/authdaemond.pid"
set +u -a; . /etc/courier/imapd-ssl; . /etc/courier/imapd; set -u +a
/usr/sbin/couriertcpd -address="$ADDRESS" -maxprocs=100 -maxperip=100 $TCPDOPTS -stderr="$C/run/imapd.log" \
  "$PORT" /usr/lib/courier/courier/imaplogin /usr/bin/imapd "$MAILDIRPATH" </dev/null >>"$C/run/couriertcpd.log" 2>&1 &
echo $! > "$C/run/couriertcpd.pid"
INSIDE
  chmod 755 "$C/inside.sh"
}

start_courier() {
  local C=$D/courier
  if (exec 3<>"/dev/tcp/127.0.0.1/$courier_port") 2>/dev/null; then
    echo "port $courier_port is taken: another Courier runs (stop-courier DIR)" >&2; return 1
  fi
  courier_unpack "$C"; courier_conf "$C"
  unshare --mount --propagation private "$C/inside.sh" "$C"
  wait_port "$courier_port"
  kill -0 "$(cat "$C/run/couriertcpd.pid")" 2>/dev/null || { cat "$C/run/couriertcpd.log" >&2; return 1; }
  cat > "$D/env-courier" <<ENV
export MAILPROC_TEST_COURIER="127.0.0.1:$courier_port,none,secret"
ENV
  echo "Courier-IMAP up on 127.0.0.1:$courier_port; source $D/env-courier"
}

stop_courier() {
  local C=$D/courier p
  for p in "$C/run/couriertcpd.pid" "$C/run/authdaemond.pid"; do
    [ -f "$p" ] && stop_pid "$(cat "$p")"; rm -f "$p"
  done
  rm -f "$D/env-courier"
}

write_env() {
  cat > "$D/env" <<ENV
export MAILPROC_TEST_SERVERS="$D"
export MAILPROC_TEST_DOVECOT="127.0.0.1:10993,tls,support@example.test,secret,$D/cert.pem"
export MAILPROC_TEST_DOVECOT_STARTTLS="127.0.0.1:10143,starttls,support@example.test,secret,$D/cert.pem"
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

# --- OAuth2: Ory Hydra (the authorization server) and a second Dovecot
# that signs users in with XOAUTH2 and OAUTHBEARER only, checking each
# token by introspection at Hydra's admin API (username = the token's sub).
# Hydra: public :26444, admin :26445, in-memory store; its login and consent
# pages are expected on :26446 (the oauth login test serves them).
# Dovecot: :26143 (plain, STARTTLS) and :26993 (TLS), '/' separator, and a
# "Sent Items" folder marked \Sent (as Exchange has).
hydra_public=26444; hydra_admin=26445; login_app=26446; oauth_imap=26143; oauth_imaps=26993

install_oauth_deps() {
  if ! command -v gcc >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
  fi
}

install_oauth() {
  install_oauth_deps
  if [ ! -x "$root/bin/hydra" ]; then
    # SQLite (the in-memory store) is C: compiled without optimisation it
    # builds in a fraction of the time, and the tests do not need its speed.
    (cd "$root/tools/hydra" && CGO_ENABLED=1 CGO_CFLAGS="-O0 -g0" go build -tags sqlite,sqlite_omit_load_extension -o "$root/bin/hydra" github.com/ory/hydra/v2)
  fi
}

hydra_conf() {
  cat > "$D/oauth/hydra.yml" <<CONF
dsn: memory
serve:
  public: {host: 127.0.0.1, port: $hydra_public}
  admin: {host: 127.0.0.1, port: $hydra_admin}
urls:
  self: {issuer: "http://127.0.0.1:$hydra_public", public: "http://127.0.0.1:$hydra_public"}
  login: "http://127.0.0.1:$login_app/login"
  consent: "http://127.0.0.1:$login_app/consent"
secrets:
  system: ["mailproc-test-system-secret-at-least-32-bytes"]
strategies:
  access_token: opaque
oauth2:
  grant:
    jwt: {jti_optional: true, max_ttl: 2h}
log: {level: warn}
CONF
}

oauth_dovecot_conf() {
  local O=$D/oauth
  mkdir -p "$O/run" "$O/state" "$O/mail"
  chown -R vmail:vmail "$O/mail"
  cat > "$O/dovecot-oauth2.conf.ext" <<CONF
introspection_mode = post
introspection_url = http://127.0.0.1:$hydra_admin/admin/oauth2/introspect
username_attribute = sub
active_attribute = active
active_value = true
timeout_msecs = 5000
CONF
  cat > "$O/dovecot.conf" <<CONF
instance_name = mailproc-oauth
base_dir = $O/run
state_dir = $O/state
log_path = $O/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$D/cert.pem
ssl_key = <$D/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = xoauth2 oauthbearer
first_valid_uid = 100
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $O/dovecot-oauth2.conf.ext
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$O/mail/%u allow_all_users=yes
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox "Sent Items" {
    special_use = \\Sent
  }
}
service imap-login {
  inet_listener imap {
    port = $oauth_imap
  }
  inet_listener imaps {
    port = $oauth_imaps
    ssl = yes
  }
}
CONF
}

start_oauth() {
  mkdir -p "$D/oauth"
  hydra_conf; oauth_dovecot_conf
  "$root/bin/hydra" serve all --dev --config "$D/oauth/hydra.yml" >"$D/oauth/hydra.log" 2>&1 </dev/null &
  echo $! > "$D/oauth/hydra.pid"
  for _ in $(seq 1 400); do curl -sf "http://127.0.0.1:$hydra_admin/health/ready" >/dev/null && break; sleep 0.05; done
  curl -sf "http://127.0.0.1:$hydra_admin/health/ready" >/dev/null || { echo "hydra not ready" >&2; cat "$D/oauth/hydra.log" >&2; return 1; }
  if ! dovecot -c "$D/oauth/dovecot.conf" </dev/null >"$D/oauth/dovecot-start.log" 2>&1; then
    cat "$D/oauth/dovecot-start.log" >&2; return 1
  fi
  wait_port $oauth_imap; wait_port $oauth_imaps
  cat > "$D/oauth-env" <<ENV
export MAILPROC_TEST_OAUTH="$D/oauth"
export MAILPROC_TEST_HYDRA_PUBLIC="http://127.0.0.1:$hydra_public"
export MAILPROC_TEST_HYDRA_ADMIN="http://127.0.0.1:$hydra_admin"
export MAILPROC_TEST_OAUTH_IMAP="127.0.0.1:$oauth_imaps"
export MAILPROC_TEST_OAUTH_CA="$D/cert.pem"
ENV
}

stop_oauth() {
  [ -f "$D/oauth/run/master.pid" ] && stop_pid "$(cat "$D/oauth/run/master.pid")"
  rm -f "$D/oauth/run/master.pid"
  [ -f "$D/oauth/hydra.pid" ] && stop_pid "$(cat "$D/oauth/hydra.pid")"
  rm -f "$D/oauth/hydra.pid"
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
    need_dir; stop_dovecot; stop_courier
    for p in "$D"/mailpit*.pid; do [ -f "$p" ] && stop_pid "$(cat "$p")"; rm -f "$p"; done ;;
  restart-dovecot) need_dir; stop_dovecot; start_dovecot ;;
  stop-dovecot) need_dir; stop_dovecot ;;
  start-dovecot) need_dir; start_dovecot ;;
  start-courier) need_dir; start_courier ;;
  stop-courier) need_dir; stop_courier ;;
  install-oauth) install_oauth ;;
  install-oauth-deps) install_oauth_deps ;;
  start-oauth) need_dir; cert; start_oauth; echo "Hydra and the OAuth2 Dovecot up in $D/oauth; source $D/oauth-env" ;;
  stop-oauth) need_dir; stop_oauth ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
