# mmdebstrap --mode=root run by nobody under iamroot-run makes the same
# tarball, byte for byte, as real root with the same arguments and
# SOURCE_DATE_EPOCH (the oracle mmdebstrap's own test suite uses).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"

mmdebstrap_both "$T/real.tar" "$W/fake.tar"
if ! cmp -s "$T/real.tar" "$W/fake.tar"; then
	same_by_treecmp "tar:$T/real.tar" "tar:$W/fake.tar" "mmdebstrap tarballs (not byte-identical)"
	fail "tarballs differ, in what iamroot-treecmp does not compare"
fi
