#!/bin/sh
# install-deps.sh: install the Debian packages dyad needs to build, test and run,
# but only those that are missing, so that `make demo` and `make check` work on a
# fresh Debian 12 machine and cost nothing on a prepared one.
#
# The list below is the single place where dyad's system dependencies are named.
set -eu

PACKAGES="build-essential cmake pkg-config python3
libsqlite3-dev libutf8proc-dev libxml2-dev libjansson-dev zlib1g-dev libzstd-dev
libmicrohttpd-dev libcmocka-dev libxxhash-dev libzip-dev sqlite3"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-deps: need root (or sudo) to install:$missing" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
