#!/bin/sh
# Install the Debian packages iamroot-run needs to build and test, if any is
# missing.  Sourced or run by setup.sh and run-tests.sh; needs root or sudo
# only when something is missing.
set -eu

IAMROOT_DEPS="gcc pkg-config meson ninja-build libseccomp-dev libcap-dev libcmocka-dev
 busybox-static dash tmux util-linux gcc-i686-linux-gnu libc6-dev-i386-cross
 musl-tools qemu-user-static debootstrap mmdebstrap libcap2-bin xz-utils"

missing=""
for p in $IAMROOT_DEPS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
