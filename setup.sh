#!/bin/sh
# Set up everything on a fresh Debian 12 machine, build, and run the built-in
# example: a busybox root filesystem used as / by an unprivileged user.
#   ./setup.sh            (as root, or a user with sudo for the packages)
set -eu
cd "$(dirname "$0")"
./tools/deps.sh
[ -d build ] || meson setup build
ninja -C build
exec ./tools/example.sh build/iamroot-run
