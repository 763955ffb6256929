# Removing a name that is not there gives the kernel's error also where it
# is not ENOENT: on a read-only file system, rmdir and unlink say EROFS (the
# kernel checks the mount before the name), so that a supervisor answering
# ENOENT for missing names itself, to spare the lookup cache, would be
# wrong there.  A read-only tmpfs is mounted at DIR/ro (root only) and
# busybox's answers under iamroot-run, as the test user, are compared with a
# real chroot's, with a writable directory beside it.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

is_root || skip "mounting a read-only file system needs root"
command -v unshare >/dev/null || skip "no unshare(1)"
R="$W/root"
vroot_make "$R"
as_user mkdir "$R/ro" "$R/rw" || fail "mkdir $R/ro"

CALLS='for d in /ro /rw; do
	rmdir $d/missing; echo "rmdir $d/missing: $?"
	unlink $d/missing; echo "unlink $d/missing: $?"
	unlink $d/missing/; echo "unlink $d/missing/: $?"
done 2>&1'
# Both runs in a mount namespace of their own, where the read-only tmpfs
# is mounted: it goes away with them, whatever happens to the test.
in_ns_with_ro() {
	unshare -m --propagation private sh -c \
		'mount -t tmpfs -o ro,size=64k iamroot-test-ro "$1/ro" || exit 125; shift; exec "$@"' \
		sh "$R" "$@"
}
# shellcheck disable=SC2086 # AS_USER_CMD is a list of words
run_to "$T/traced" in_ns_with_ro $AS_USER_CMD "$IR" -r "$R" -- /bin/sh -c "$CALLS"
run_to "$T/oracle" in_ns_with_ro chroot "$R" /bin/sh -c "$CALLS"
grep -q "rmdir: '/ro/missing': Read-only file system" "$T/oracle" ||
	fail "the oracle does not say EROFS: $(cat "$T/oracle")"
check_same "$T/oracle" "$T/traced" "removing missing names under iamroot-run differs from a real chroot"
exit 0
