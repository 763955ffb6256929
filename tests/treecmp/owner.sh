# An owner that differs is reported as "PATH: owner: LEFT != RIGHT", and
# nothing else; exit 1.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "change owners"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
chown 1234 "$T/b/etc/passwd"
chown -h 9 "$T/b/bin/sux"
expect_diffs "bin/sux: owner: 7 != 9
etc/passwd: owner: 0 != 1234" "$T/a" "$T/b"
summary_has "summary: 22 entries, 20 identical, 2 different, 0 only in left, 0 only in right, 2 differences: fidelity 90.90%"
expect_same --ignore owner "$T/a" "$T/b"
expect_same --ignore uid "$T/a" "$T/b"
exit 0
