# Every path-taking call family on guest paths (open/openat/creat,
# stat/lstat/fstatat/statx/statfs, access/faccessat/faccessat2,
# mkdir/mknod(fifo)/link/symlink/rename/renameat2/unlink/rmdir, readlink,
# chdir/fchdir/getcwd, chmod/fchmodat/fchmodat2, chown/lchown/fchownat to
# oneself, truncate, utimensat/utimes, user.* xattrs, inotify_add_watch),
# made by the static program `pathcalls` in a busybox root, gives what the
# same program gives under a real chroot, call for call, and leaves the same
# names and symlink targets in the root (none on the host).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

# tree DIR: what the calls left under DIR/vroot-pc: names and symlink
# targets as stored on disk (no host prefix may creep into a target).
tree() {
	echo "--- tree"
	(cd "$1/vroot-pc" && find . -mindepth 1 -printf '%P %l\n' | sort)
}

R="$W/root"
vroot_make "$R"
vroot_install pathcalls "$R"
[ ! -e /vroot-pc ] || fail "/vroot-pc exists on the host: remove it first"
run_to "$T/traced" traced -r "$R" -- /pathcalls
tree "$R" >>"$T/traced" 2>&1
[ ! -e /vroot-pc ] || fail "iamroot-run created /vroot-pc on the host"

oracle=
if is_root; then
	vroot_make "$W/oracle"
	vroot_install pathcalls "$W/oracle"
	run_to "$T/oracle" oracle_chroot "$W/oracle" /pathcalls
	tree "$W/oracle" >>"$T/oracle" 2>&1
	oracle="$T/oracle"
fi
check_transcript pathcalls "$T/traced" "$oracle" "pathcalls under iamroot-run differ from a real chroot"
exit 0
