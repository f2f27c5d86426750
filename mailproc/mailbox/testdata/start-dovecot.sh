#!/bin/bash
# start-dovecot.sh DIR SEPARATOR IMAP_PORT IMAPS_PORT
#
# Starts a throw-away Dovecot (Debian 12's dovecot-imapd, 2.3) for the
# mailbox package's integration tests: user support@example.test, password
# "secret", a self-signed certificate for localhost/127.0.0.1 in DIR/cert.pem,
# and the given hierarchy separator ("/" or "."). Install Dovecot first:
#
#   apt-get update -qq
#   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd
#
# Then, for example:
#
#   bash testdata/start-dovecot.sh /tmp/dovecot-slash / 10143 10993
#   MAILPROC_TEST_DOVECOT="127.0.0.1:10993,tls,support@example.test,secret,/tmp/dovecot-slash/cert.pem" \
#     go test ./mailproc/mailbox/
#
# Stop it with: kill "$(cat DIR/run/master.pid)"
set -eu
D=$1 SEP=$2 PORT=$3 TLSPORT=$4
id vmail >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin vmail
mkdir -p "$D/run" "$D/state" "$D/mail"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$D/key.pem" -out "$D/cert.pem" -days 3650 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
printf '%s\n' 'support@example.test:{PLAIN}secret' > "$D/passwd"
chown -R vmail:vmail "$D/mail"
cat > "$D/dovecot.conf" <<CONF
instance_name = mailproc-test-$PORT
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
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $D/passwd
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$D/mail/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = $SEP
}
service imap-login {
  inet_listener imap {
    port = $PORT
  }
  inet_listener imaps {
    port = $TLSPORT
    ssl = yes
  }
}
CONF
dovecot -c "$D/dovecot.conf"
# dovecot returns before every listener is bound: wait for both ports.
for p in "$PORT" "$TLSPORT"; do
  i=0
  until (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; do
    i=$((i+1)); [ $i -lt 100 ] || { echo "port $p not ready" >&2; exit 1; }
    sleep 0.05
  done
done
echo "dovecot ready in $D (separator $SEP, imap $PORT, imaps $TLSPORT)"
