# With the host's /proc bound at /proc (iamroot-run's default, onto an empty
# /proc of the root), the magic links show guest paths as under a real
# chroot with a proc mounted: /proc/self/root is "/", /proc/self/cwd and
# /proc/PID/cwd the guest cwd, /proc/self/exe the guest path of the program
# (a copy in a subdirectory, by absolute and relative path and through a
# symlink), /proc/self/fd/N of an
# opened guest file, directory or deleted file its guest path, a deleted
# file can still be opened through it, /proc/self/maps and smaps name the
# mapped program by its guest path, and paths through /proc/self/cwd and
# /proc/self/root reach guest files.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

layout() {
	vroot_make "$1"
	as_user sh -c 'mkdir -p "$1/w/a" && cp "$1/bin/busybox" "$1/w/a/busybox" &&
		ln -s /w/a/busybox "$1/w/readlink"' sh "$1" || fail "laying out $1"
}
script='
show() { label=$1; shift; echo "$label: $("$@" 2>&1)"; }
cd /
show "readlink /proc/self/root" readlink /proc/self/root
show "readlink /proc/thread-self/root" readlink /proc/thread-self/root
cd /etc
show "readlink /proc/self/cwd (in /etc)" readlink /proc/self/cwd
show "cat /proc/self/cwd/vroot-marker" cat /proc/self/cwd/vroot-marker
show "readlink -f /proc/self/cwd/.." readlink -f /proc/self/cwd/..
cd /w/a
show "readlink /proc/\$\$/cwd (the shell, in /w/a)" readlink /proc/$$/cwd
show "readlink /proc/\$\$/exe (the shell)" readlink /proc/$$/exe
show "readlink /proc/self/exe" readlink /proc/self/exe
show "/w/a/busybox readlink /proc/self/exe" /w/a/busybox readlink /proc/self/exe
show "./busybox readlink /proc/self/exe (in /w/a)" ./busybox readlink /proc/self/exe
show "/w/readlink /proc/self/exe (-> /w/a/busybox)" /w/readlink /proc/self/exe
exec 3</etc/vroot-marker
show "readlink /proc/self/fd/3 (/etc/vroot-marker)" readlink /proc/self/fd/3
show "cat /proc/self/fd/3" cat /proc/self/fd/3
exec 5</w/a
show "readlink /proc/self/fd/5 (/w/a)" readlink /proc/self/fd/5
show "ls /proc/self/fd/5/" ls /proc/self/fd/5/
exec 4>/tmp/gone
echo written before the rm >&4
rm /tmp/gone
show "readlink /proc/self/fd/4 (/tmp/gone, removed)" readlink /proc/self/fd/4
show "cat /proc/self/fd/4 (removed: the kernel follows the link)" cat /proc/self/fd/4
show "files in /proc/self/maps" sh -c "grep -o \" /.*\" /proc/self/maps | sort -u"
show "files in /proc/self/smaps" sh -c "grep -o \" /.*\" /proc/self/smaps | sort -u"
show "cat /proc/self/root/etc/vroot-marker" cat /proc/self/root/etc/vroot-marker
show "ls /proc/self/root/" ls /proc/self/root/
show "ls /proc/self/root/.." ls /proc/self/root/..
show "ls /proc/self/cwd/../../.." ls /proc/self/cwd/../../..
'

R="$W/root"
layout "$R"
run_to "$T/traced" traced -r "$R" -- /bin/sh -c "$script"

oracle=
if is_root; then
	layout "$W/oracle"
	run_to "$T/oracle" oracle_chroot_proc "$W/oracle" /bin/sh -c "$script"
	oracle="$T/oracle"
fi
check_transcript proc-self "$T/traced" "$oracle" "/proc/self under iamroot-run differs from a real chroot with /proc mounted"
exit 0
