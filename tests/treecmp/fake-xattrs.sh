# The fake side: a tree whose owners, modes, device nodes and capability
# live only in the store's user.iamroot.* xattrs (written raw here, as
# iamroot writes them), read through the store, against the same tree as
# real root makes it: 100%.  Read as it is, it differs.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the real-root tree"

mk_sample "$T/real"

# The same tree, every file owned by the real user (root here: shown as 0)
# and its metadata in the store's format.
f=$T/fake
mkdir -p "$f/etc" "$f/bin" "$f/dev" "$f/tmp" "$f/usr/lib" "$f/usr/bin" "$f/home/user" || fail "mkdir"
printf 'root:x:0:0::/root:/bin/sh\n' >"$f/etc/passwd"
printf 'root:*:19000::::::\n' >"$f/etc/shadow"
printf '#!/bin/sh\necho su\n' >"$f/bin/su" && ln "$f/bin/su" "$f/bin/su-again"
ln -s su "$f/bin/sux" && ln -s ../usr/lib "$f/lib"
: >"$f/dev/null" && : >"$f/dev/sda" && mkfifo "$f/tmp/fifo"
printf 'libc\n' >"$f/usr/lib/libc.so.6"
printf 'ping\n' >"$f/usr/bin/ping"
printf 'hi\n' >"$f/home/user/notes"
"$XS" "$f/etc/passwd" user.note str:hello || fail "user.note"
set_meta() { # FILE NAME VALUE...
	local file=$1
	shift
	while [ $# -ge 2 ]; do
		"$XS" "$file" "user.iamroot.$1" "$2" || fail "xattr $1 on $file"
		shift 2
	done
}
set_meta "$f/etc/shadow" gid u32:42 mode mode:0640
set_meta "$f/bin/su" mode mode:4755
set_meta "$f/dev/null" type mode:0020000 rdev dev:1,3 mode mode:0666
set_meta "$f/dev/sda" type mode:0060000 rdev dev:8,0 gid u32:6 mode mode:0660
set_meta "$f/tmp" mode mode:1777
set_meta "$f/usr/bin/ping" mode mode:2755 \
	security.capability hex:0100000200200000000000000000000000000000
set_meta "$f/home/user" uid u32:1000 gid u32:1000
set_meta "$f/home/user/notes" uid u32:1000 gid u32:1000
# A symlink cannot carry user xattrs: its owner goes to the fallback log,
# which only the store writes.  Here it is left to root in both trees.
chown -h 0:0 "$T/real/bin/sux"

export IAMROOT_RUN_STORE="$T/no-such-store"	# only the xattrs
expect_same --fake "$f" "$T/real"
expect_same "fake:$f" "$T/real"
expect_same --fake=right "$T/real" "$f"
[ ! -e "$T/no-such-store" ] || fail "treecmp created a store"
expect_same --store "$T/no-such-store" "$f" "$T/real"

# Read as it is: the store's names and the real types show.
run_tc "$f" "$T/real"
[ "$ST" = 1 ] || fail "read as it is: exit $ST"
printf '%s\n' "$OUT" | grep -qxF 'dev/null: type: file != chardev' || fail "no type line: $OUT"
printf '%s\n' "$OUT" | grep -qxF 'bin/su: xattr user.iamroot.mode: 0xed090000 != (absent)' ||
	fail "no user.iamroot.mode line: $OUT"
exit 0
