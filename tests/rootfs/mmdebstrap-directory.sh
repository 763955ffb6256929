# mmdebstrap --mode=root into a directory, run by nobody under iamroot-run,
# against the same run by real root with the same arguments and
# SOURCE_DATE_EPOCH: the same tree (listed under iamroot-run, and by
# iamroot-treecmp through the store at 100.00%).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/rootfs/lib-rootfs.sh"

mmdebstrap_both "$T/real" "$W/fake"
same_tree "$T/real" "$W/fake" "mmdebstrap into a directory"
