# Paths are walked as under a real chroot: an absolute symlink in the middle
# of a path is followed inside the root (for open, lstat, readlink, unlink,
# symlink, rename), `..` at / stays at / (`cd /..`, "/../../..", a symlink
# to ../../../../..), a trailing "/", "/." and "/.." give the kernel's
# results and errnos, dirfd-relative paths work from AT_FDCWD, a directory
# fd, an O_PATH fd of / and with AT_EMPTY_PATH, and a guest path that fits
# in PATH_MAX opens although DIR plus that path would not.  Compared call
# for call with the static program `walk` under a real chroot; symlink
# targets written through the guest carry no host prefix.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

layout() {
	vroot_make "$1"
	vroot_install walk "$1"
	as_user sh -c '
		set -e
		cd "$1"
		mkdir -p w/a/b
		echo w-file >w/file
		echo a-b-target >w/a/b/target
		ln -s /w/a/b/target w/a/b/lnk
		ln -s /w/a w/mid
		ln -s ../../../../.. w/up
		ln -s ../../.. w/a/b/up3
		ln -s a/b w/rel
		ln -s /w/nonexistent w/dangling
		ln -s loop2 w/loop1
		ln -s loop1 w/loop2
		mkdir -p w/t/e w/t/e2 w/t/e3 w/t/u/v w/t/m/x
		: >w/t/f
		ln -s /w/t/m w/t/ml' sh "$1" || fail "laying out $1"
}

# links DIR: the symlinks the program made, as stored on disk.
links() {
	echo "--- links"
	for l in w/a/made2 w/abs2; do
		echo "$l -> $(readlink "$1/$l")"
	done
	[ -f "$1/w/nonexistent" ] && echo "w/nonexistent created through w/dangling"
}

R="$W/root"
layout "$R"
run_to "$T/traced" traced -r "$R" -- /walk
links "$R" >>"$T/traced"

oracle=
if is_root; then
	layout "$W/oracle"
	run_to "$T/oracle" oracle_chroot "$W/oracle" /walk
	links "$W/oracle" >>"$T/oracle"
	oracle="$T/oracle"
fi
check_transcript walk "$T/traced" "$oracle" "path walk under iamroot-run differs from a real chroot"
exit 0
