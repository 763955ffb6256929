# debootstrap --variant=minbase run by nobody under iamroot-run (debootstrap
# on the host as fake root, chrooting into DIR for the maintainer scripts,
# with its mounts, mknods and chowns) against the same run by real root,
# from the same local repository of cached packages: the same tree.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
SUITE=$(suite)
minbase_repo

debootstrap --no-check-gpg --variant=minbase "$SUITE" "$T/real" "file://$REPO" \
	>"$T/real.log" 2>&1 || fail "real root's debootstrap from $REPO: $(tail -3 "$T/real.log")"
traced -- debootstrap --no-check-gpg --variant=minbase "$SUITE" "$W/fake" "file://$REPO" \
	>"$T/fake.log" 2>&1 || fail "debootstrap under iamroot-run: $(tail -5 "$T/fake.log")"
same_tree "$T/real" "$W/fake" "debootstrap minbase"
