#!/usr/bin/env bash
# Checks the Debian package on this machine, as root: builds it twice
# (the second a higher version), installs the first with dpkg -i, checks
# the user, files, modes, unit and installed commands, upgrades over a
# changed configuration (which must be kept), then removes and purges it,
# checking what is left after each. It puts the machine back as it found
# it, even when a check fails. .ci/run runs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/usr/local/go/bin:$PATH"

fail() { echo "package check: $*" >&2; exit 1; }
# expect_stat PATH MODE OWNER:GROUP
expect_stat() {
  local got
  got=$(stat -c '%a %U:%G' "$1" 2>/dev/null) || fail "$1 is missing"
  [ "$got" = "$2 $3" ] || fail "$1 is $got, want $2 $3"
}
expect_gone() { [ ! -e "$1" ] || fail "$1 is still there"; }
as_mailproc() { runuser -u mailproc -- "$@"; }

[ "$(id -u)" = 0 ] || fail "run it as root"
if ! command -v systemd-analyze >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >/dev/null
fi
if dpkg-query -W mailproc >/dev/null 2>&1 || getent passwd mailproc >/dev/null || [ -e /etc/mailproc ]; then
  fail "mailproc is already on this machine (package, user or /etc/mailproc): not touching it"
fi

# Tests may have left /var/lib/mailproc (the default state folder) behind:
# it is set aside and put back at the end.
aside=""
if [ -e /var/lib/mailproc ]; then
  aside=$(mktemp -d /var/lib/mailproc-aside.XXXXXX)
  mv /var/lib/mailproc "$aside/"
fi
cleanup() {
  dpkg -P mailproc >/dev/null 2>&1 || true
  userdel mailproc >/dev/null 2>&1 || true
  groupdel mailproc >/dev/null 2>&1 || true
  rm -rf /var/lib/mailproc /etc/mailproc
  if [ -n "$aside" ]; then
    mv "$aside/mailproc" /var/lib/mailproc && rmdir "$aside"
  fi
}
trap cleanup EXIT

echo "-- build (and a higher version for the upgrade)"
first=$(scripts/package.sh)
v1=$(dpkg-deb -f "$first" Version)
second=$(VERSION="$v1+1" scripts/package.sh)
ls -l "$first" "$second"

echo "-- install $first"
dpkg -i "$first" < /dev/null
getent passwd mailproc | grep -q ':/var/lib/mailproc:/usr/sbin/nologin$' || fail "user: $(getent passwd mailproc)"
getent group mailproc >/dev/null || fail "no group mailproc"
expect_stat /usr/bin/mailproc 755 root:root
expect_stat /usr/lib/systemd/system/mailproc.service 644 root:root
expect_stat /usr/lib/sysusers.d/mailproc.conf 644 root:root
expect_stat /usr/lib/tmpfiles.d/mailproc.conf 644 root:root
expect_stat /usr/share/man/man8/mailproc.8.gz 644 root:root
expect_stat /usr/share/bash-completion/completions/mailproc 644 root:root
expect_stat /etc/mailproc 750 root:mailproc
expect_stat /etc/mailproc/mailproc.toml 640 root:mailproc
expect_stat /var/lib/mailproc 700 mailproc:mailproc
dpkg-query -W -f='${Conffiles}\n' mailproc | grep -q '^ /etc/mailproc/mailproc.toml ' || fail "mailproc.toml is not a conffile"
cmp -s config.example.toml /etc/mailproc/mailproc.toml || fail "mailproc.toml is not config.example.toml"
man_check=()
command -v man >/dev/null || man_check=(--man=no)
systemd-analyze verify "${man_check[@]}" /usr/lib/systemd/system/mailproc.service
systemd-analyze security --offline=true --threshold=20 /usr/lib/systemd/system/mailproc.service | tail -1
bash -c '. /usr/share/bash-completion/completions/mailproc && complete -p mailproc' | grep -q _mailproc || fail "bash completion"
zcat /usr/share/man/man8/mailproc.8.gz | grep -q '^\.TH MAILPROC 8 ' || fail "man page"

echo "-- the installed commands, as the mailproc user"
as_mailproc mailproc version | tee -a /dev/stderr | grep -qx "mailproc $v1" || fail "mailproc version does not say $v1"
mailproc version | grep -qx "commit   $(git rev-parse HEAD)" || fail "mailproc version does not name commit $(git rev-parse HEAD)"
if out=$(as_mailproc mailproc config check --config /etc/mailproc/mailproc.toml); then
  fail "config check passed without the password files"
fi
echo "$out" | grep -q 'password_file: "/etc/mailproc/imap-password": cannot be read' || fail "config check: $out"
for f in imap-password smtp-password; do
  printf 'secret\n' | install -m 0600 -o mailproc -g mailproc /dev/stdin "/etc/mailproc/$f"
done
out=$(as_mailproc mailproc config check --config /etc/mailproc/mailproc.toml) || fail "config check: $out"
[ "$out" = "/etc/mailproc/mailproc.toml: ok" ] || fail "config check: $out"

echo "-- upgrade to $second over a changed configuration"
sed -i 's/^name = "Cooper"/name = "Cooper Changed"/' /etc/mailproc/mailproc.toml
changed=$(sha256sum < /etc/mailproc/mailproc.toml)
dpkg -i "$second" < /dev/null
[ "$(sha256sum < /etc/mailproc/mailproc.toml)" = "$changed" ] || fail "the upgrade changed mailproc.toml"
expect_stat /etc/mailproc/mailproc.toml 640 root:mailproc
expect_gone /etc/mailproc/mailproc.toml.dpkg-new
expect_gone /etc/mailproc/mailproc.toml.dpkg-dist
as_mailproc mailproc version | grep -qx "mailproc $v1+1" || fail "after the upgrade mailproc version does not say $v1+1"
as_mailproc mailproc config check --config /etc/mailproc/mailproc.toml

echo "-- remove"
dpkg -r mailproc < /dev/null
for f in /usr/bin/mailproc /usr/lib/systemd/system/mailproc.service /usr/lib/sysusers.d/mailproc.conf \
  /usr/lib/tmpfiles.d/mailproc.conf /usr/share/man/man8/mailproc.8.gz /usr/share/bash-completion/completions/mailproc; do
  expect_gone "$f"
done
[ "$(sha256sum < /etc/mailproc/mailproc.toml)" = "$changed" ] || fail "remove changed mailproc.toml"
dpkg-query -W -f='${Status}\n' mailproc | grep -qx 'deinstall ok config-files' || fail "status after remove: $(dpkg-query -W -f='${Status}' mailproc)"
getent passwd mailproc >/dev/null || fail "remove took the user"
[ -d /var/lib/mailproc ] || fail "remove took /var/lib/mailproc"

echo "-- purge"
dpkg -P mailproc < /dev/null
expect_gone /etc/mailproc/mailproc.toml
[ "$(ls /etc/mailproc)" = "$(printf 'imap-password\nsmtp-password')" ] || fail "after purge /etc/mailproc has: $(ls /etc/mailproc)"
! dpkg-query -W mailproc >/dev/null 2>&1 || fail "dpkg still knows mailproc after purge"
getent passwd mailproc >/dev/null || fail "purge took the user (the database's owner)"
[ -d /var/lib/mailproc ] || fail "purge took /var/lib/mailproc (the case database)"
echo "package check: ok ($(stat -c %s "$first") bytes)"
