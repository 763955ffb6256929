#!/bin/sh
# The built-in example: build a root filesystem from busybox-static as an
# unprivileged user (nobody when run as root) under iamroot-run: device
# nodes, owners, a setuid program, then a tarball made inside and listed,
# then a second run that still sees what the first recorded.
# Usage: tools/example.sh [PATH-TO-iamroot-run]
set -eu
IR=$(realpath "${1:-build/iamroot-run}")
dir=$(mktemp -d /tmp/iamroot-example.XXXXXX)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
cp "$IR" "$dir/iamroot-run"
root="$dir/rootfs"
mkdir -p "$root/bin" "$root/etc" "$root/tmp"
cp /bin/busybox "$root/bin/busybox"
# Relative links, as `busybox --install -s` run inside the root makes them
# (run on the host it would write host paths into them).
for applet in $("$root/bin/busybox" --list); do
	[ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
printf 'NAME="iamroot-run example rootfs"\n' > "$root/etc/os-release"
if [ "$(id -u)" = 0 ]; then
	chown -R nobody:nogroup "$dir"
	as_user() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
else
	as_user() { "$@"; }
fi
export IAMROOT_RUN_STORE="$dir/store"
build='id; mkdir -p /dev /home/alice; mknod -m 666 /dev/null c 1 3; mknod -m 660 /dev/sda b 8 0
chown 1000:100 /home/alice; cp /bin/busybox /bin/sutool; chmod 4755 /bin/sutool
tar -cpf /rootfs.tar bin/sutool dev home; tar -tvf /rootfs.tar'
echo "+ iamroot-run -r $root -- /bin/sh -c '$build'"
as_user "$dir/iamroot-run" -r "$root" -- /bin/sh -c "$build"
echo "+ iamroot-run -r $root -- ls -ln /dev /home   # a second run"
as_user "$dir/iamroot-run" -r "$root" -- /bin/ls -ln /dev /home
echo "+ ls -ln $root/dev   # on disk, outside"
ls -ln "$root/dev"
