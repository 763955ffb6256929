# Extended attributes, one line per name: another value, one missing, one
# added, binary values in hex; --ignore-xattr and --ignore xattrs.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "set security.* xattrs"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
"$XS" "$T/b/etc/passwd" user.note str:bye || fail "set user.note"
"$XS" "$T/b/usr/bin/ping" security.capability hex:0100000200300000000000000000000000000000 ||
	fail "set security.capability"
"$XS" "$T/b/etc/shadow" trusted.extra str:x || fail "set trusted.extra"
expect_diffs 'etc/passwd: xattr user.note: "hello" != "bye"
etc/shadow: xattr trusted.extra: (absent) != "x"
usr/bin/ping: xattr security.capability: 0x0100000200200000000000000000000000000000 != 0x0100000200300000000000000000000000000000' \
	"$T/a" "$T/b"
expect_diffs 'etc/passwd: xattr user.note: "hello" != "bye"' \
	-X 'security.*' --ignore-xattr 'trusted.*' "$T/a" "$T/b"
expect_same --ignore xattrs "$T/a" "$T/b"
exit 0
