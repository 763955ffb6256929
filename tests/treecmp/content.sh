# Same size, other bytes: only the content (SHA-256) differs.  Another
# size: size and content.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
printf 'LIBC\n' >"$T/b/usr/lib/libc.so.6"
a=$(sha256sum <"$T/a/usr/lib/libc.so.6" | cut -d' ' -f1)
b=$(sha256sum <"$T/b/usr/lib/libc.so.6" | cut -d' ' -f1)
expect_diffs "usr/lib/libc.so.6: content: $a != $b" "$T/a" "$T/b"
printf 'more\n' >>"$T/b/home/user/notes"
a2=$(sha256sum <"$T/a/home/user/notes" | cut -d' ' -f1)
b2=$(sha256sum <"$T/b/home/user/notes" | cut -d' ' -f1)
expect_diffs "home/user/notes: size: 3 != 8
home/user/notes: content: $a2 != $b2
usr/lib/libc.so.6: content: $a != $b" "$T/a" "$T/b"
expect_diffs "home/user/notes: size: 3 != 8" --ignore content "$T/a" "$T/b"
exit 0
