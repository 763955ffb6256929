# A symlink pointing elsewhere: "PATH: target: "A" != "B"".
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
rm "$T/b/lib"
ln -s /usr/lib "$T/b/lib"
expect_diffs 'lib: target: "../usr/lib" != "/usr/lib"' "$T/a" "$T/b"
expect_same --ignore target "$T/a" "$T/b"
exit 0
