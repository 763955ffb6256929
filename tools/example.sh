#!/bin/sh
# The built-in example: make a root filesystem from busybox-static and run
# commands in it under iamroot-run as an unprivileged user (nobody when run
# as root).  Usage: tools/example.sh [PATH-TO-iamroot-run]
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
echo "+ iamroot-run -r $root -- /bin/sh -c 'cat /etc/os-release; ls /; echo \$((6*7)) > /tmp/x; cat /tmp/x'"
as_user "$dir/iamroot-run" -r "$root" -- /bin/sh -c 'cat /etc/os-release; ls /; echo $((6*7)) > /tmp/x; cat /tmp/x'
