# The setuid and setgid bits alone differ: reported in the mode.  A hard
# link to the setuid binary shows the same change.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
chmod u-s "$T/b/bin/su"
chmod g-s "$T/b/usr/bin/ping"
[ "$(stat -c %a "$T/b/bin/su")" = 755 ] || fail "chmod u-s"
expect_diffs "bin/su: mode: 4755 != 0755
bin/su-again: mode: 4755 != 0755
usr/bin/ping: mode: 2755 != 0755" "$T/a" "$T/b"
exit 0
