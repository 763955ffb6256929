# mmdebstrap --mode=root into a directory, run by nobody under iamroot-run,
# against the same run by real root with the same arguments and
# SOURCE_DATE_EPOCH: the same tree (listed under iamroot-run, and by
# iamroot-treecmp through the store at 100.00%).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"
command -v mmdebstrap >/dev/null || skip "mmdebstrap is not installed"
SUITE=$(suite)
minbase_repo
# copy:// (apt copies the packages into the root, as it downloads them)
MIRROR="deb [trusted=yes] copy://$REPO $SUITE main"
export SOURCE_DATE_EPOCH=1700000000

(cd "$T" && TMPDIR="$T" mmdebstrap --mode=root --variant=minbase "$SUITE" "$T/real" "$MIRROR") \
	>"$T/real.log" 2>&1 || fail "real root's mmdebstrap from $REPO: $(tail -3 "$T/real.log")"
(cd "$W" && TMPDIR="$W" traced -- mmdebstrap --mode=root --variant=minbase "$SUITE" "$W/fake" "$MIRROR") \
	>"$T/fake.log" 2>&1 || fail "mmdebstrap under iamroot-run: $(tail -5 "$T/fake.log")"
same_tree "$T/real" "$W/fake" "mmdebstrap into a directory"
