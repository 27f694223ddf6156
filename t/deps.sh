#!/bin/sh
# Installs what building and testing need, from Debian's archive only.
# Safe to run again: apt-get skips what is there.  Needs root.

set -eu

pkgs="nginx nginx-dev libjansson-dev libpcre2-dev dpkg-dev gcc make perl
      libnginx-mod-http-echo curl ca-certificates"

[ "${LLM_DEPS_EXTRA:-}" ] && pkgs="$pkgs $LLM_DEPS_EXTRA"

command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"

missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
        || missing="$missing $p"
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "missing Debian packages:$missing (run as root to install)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # policy-rc.d keeps the packaged nginx service from starting on :80
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    rm -f /usr/sbin/policy-rc.d
fi
