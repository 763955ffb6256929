# mmdebstrap --mode=root run by nobody under iamroot-run makes the same
# tarball, byte for byte, as real root with the same arguments and
# SOURCE_DATE_EPOCH (the oracle mmdebstrap's own test suite uses).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"
[ "$(id -u)" = 0 ] || skip "the oracle is a build by real root"
command -v mmdebstrap >/dev/null || skip "mmdebstrap is not installed"
SUITE=$(suite)
minbase_repo
# copy:// (apt copies the packages into the root, as it downloads them)
MIRROR="deb [trusted=yes] copy://$REPO $SUITE main"
export SOURCE_DATE_EPOCH=1700000000

(cd "$T" && TMPDIR="$T" mmdebstrap --mode=root --variant=minbase "$SUITE" "$T/real.tar" "$MIRROR") \
	>"$T/real.log" 2>&1 || fail "real root's mmdebstrap from $REPO: $(tail -3 "$T/real.log")"
(cd "$W" && TMPDIR="$W" traced -- mmdebstrap --mode=root --variant=minbase "$SUITE" "$W/fake.tar" "$MIRROR") \
	>"$T/fake.log" 2>&1 || fail "mmdebstrap under iamroot-run: $(tail -5 "$T/fake.log")"
cmp -s "$T/real.tar" "$W/fake.tar" ||
	same_by_treecmp "tar:$T/real.tar" "tar:$W/fake.tar" "mmdebstrap tarballs (not byte-identical)"
cmp -s "$T/real.tar" "$W/fake.tar" || fail "tarballs differ, in what iamroot-treecmp does not compare"
