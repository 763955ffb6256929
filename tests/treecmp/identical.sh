# Two identical trees (one a `cp -a` of the other, with owners, devices,
# setuid bits, hard links and xattrs): no difference, 100%, exit 0.  Then a
# tree compared with itself, and two empty trees.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make owners and device nodes"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
expect_same "$T/a" "$T/b"
summary_has "summary: 22 entries, 22 identical, 0 different, 0 only in left, 0 only in right"
expect_same "$T/a" "$T/a"
expect_same "tree:$T/a" "tree:$T/b"
mkdir "$T/e1" "$T/e2"
expect_same "$T/e1" "$T/e2"
summary_has "summary: 1 entries, 1 identical"
exit 0
