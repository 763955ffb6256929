# Hard links: the names of an inode are compared ("links"); a hard link
# replaced by a copy is reported on both names.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
rm "$T/b/bin/su-again" && cp -p "$T/b/bin/su" "$T/b/bin/su-again" || fail "copy"
expect_diffs "bin/su: links: bin/su-again != (none)
bin/su-again: links: bin/su != (none)" "$T/a" "$T/b"
expect_same --ignore links "$T/a" "$T/b"
exit 0
