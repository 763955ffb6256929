# A group that differs: "PATH: group: LEFT != RIGHT".
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "change groups"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
chgrp 43 "$T/b/etc/shadow"
expect_diffs "etc/shadow: group: 42 != 43" "$T/a" "$T/b"
expect_same --ignore group "$T/a" "$T/b"
exit 0
