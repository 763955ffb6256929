# debootstrap --variant=minbase run by nobody under iamroot-run (debootstrap
# on the host as fake root, chrooting into DIR for the maintainer scripts,
# with its mounts, mknods and chowns) against the same run by real root,
# from the same package cache: the same tree.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
MIRROR=$(mirror) || skip "no Debian mirror in this machine's apt configuration"
SUITE=$(suite)

mkdir -p "$CACHE/debootstrap"
debootstrap --variant=minbase --cache-dir="$CACHE/debootstrap" "$SUITE" "$T/real" "$MIRROR" \
	>"$T/real.log" 2>&1 || skip "no mirror reachable: $(tail -1 "$T/real.log")"
cp -r "$CACHE/debootstrap" "$W/cache"
chown -R "$TEST_UID:$TEST_GID" "$W/cache"
traced -- debootstrap --variant=minbase --cache-dir="$W/cache" "$SUITE" "$W/fake" "$MIRROR" \
	>"$T/fake.log" 2>&1 || fail "debootstrap under iamroot-run: $(tail -5 "$T/fake.log")"
same_tree "$T/real" "$W/fake" "debootstrap minbase"
