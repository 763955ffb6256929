# Permission bits, the sticky bit included: "PATH: mode: LEFT != RIGHT" in
# octal.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
chmod 600 "$T/b/etc/passwd"
chmod 0777 "$T/b/tmp"
expect_diffs "etc/passwd: mode: 0644 != 0600
tmp: mode: 1777 != 0777" "$T/a" "$T/b"
expect_same -i mode "$T/a" "$T/b"
exit 0
