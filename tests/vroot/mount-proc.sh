# With no default bindings (-n), /proc of the root is an empty directory;
# `mount -t proc proc /proc` inside (busybox mount, as root in the guest)
# succeeds and makes /proc/self show the guest's view, as under a real
# chroot; `umount /proc` empties it again.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

script='
show() { label=$1; shift; echo "$label: $("$@" 2>&1)"; }
show "ls /proc (before)" ls /proc
mount -t proc proc /proc; echo "mount -t proc proc /proc: $?"
show "readlink /proc/self/root" readlink /proc/self/root
cd /etc
show "readlink /proc/self/cwd" readlink /proc/self/cwd
show "readlink /proc/self/exe" readlink /proc/self/exe
show "cat /proc/self/root/etc/vroot-marker" cat /proc/self/root/etc/vroot-marker
exec 3</etc/vroot-marker
show "readlink /proc/self/fd/3" readlink /proc/self/fd/3
show "grep -c ^Name: /proc/self/status" grep -c ^Name: /proc/self/status
cd /
umount /proc; echo "umount /proc: $?"
show "ls /proc (after)" ls /proc
'

R="$W/root"
vroot_make "$R"
run_to "$T/traced" traced -n -r "$R" -- /bin/sh -c "$script"

oracle=
if is_root; then
	vroot_make "$W/oracle"
	run_to "$T/oracle" oracle_chroot_ns "$W/oracle" /bin/sh -c "$script"
	oracle="$T/oracle"
fi
check_transcript mount-proc "$T/traced" "$oracle" "mount -t proc under iamroot-run differs from a real chroot"
exit 0
