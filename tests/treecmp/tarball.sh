# A tree and its own tarball, made by real root with `tar --xattrs -cpf`:
# 100%, mtimes included (pax keeps nanoseconds).  Also gzip'ed, xz'ed and on
# stdin; the GNU format (long names in 'L'/'K' members, no xattrs); a
# tarball of the directory rather than its contents (--strip-components);
# two tarballs; and a change in the tree is found against the tarball.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"
command -v tar >/dev/null || skip "no tar"

mk_sample "$T/a"
long=$(printf 'n%.0s' $(seq 1 150))
mkdir -p "$T/a/usr/share/$long" || fail "mkdir long"
printf 'deep\n' >"$T/a/usr/share/$long/$long.txt"
ln -s "$long/$long.txt" "$T/a/usr/share/to-$long"

tar --xattrs -C "$T/a" -cpf "$T/a.tar" . || fail "tar"
expect_same "$T/a" "$T/a.tar"
summary_has "26 entries, 26 identical"
expect_same "$T/a.tar" "$T/a"
expect_same --compare mtime "$T/a" "$T/a.tar"
expect_same "tar:$T/a.tar" "$T/a.tar"

if command -v gzip >/dev/null; then
	gzip -c "$T/a.tar" >"$T/a.tar.gz" || fail "gzip"
	expect_same "$T/a" "$T/a.tar.gz"
	OUT=$("$TC" "$T/a" - <"$T/a.tar.gz" 2>&1) || fail "stdin: $OUT"
	# A pipe, which cannot be rewound: the peeked bytes are fed back.
	# shellcheck disable=SC2002
	OUT=$(cat "$T/a.tar.gz" | "$TC" "$T/a" - 2>&1) || fail "pipe: $OUT"
fi
if command -v xz >/dev/null; then
	xz -c "$T/a.tar" >"$T/a.tar.xz" || fail "xz"
	expect_same "$T/a" "$T/a.tar.xz"
fi
# shellcheck disable=SC2002
OUT=$(cat "$T/a.tar" | "$TC" - "$T/a" 2>&1) || fail "plain on stdin: $OUT"

tar --format=gnu -C "$T/a" -cpf "$T/gnu.tar" . || fail "tar --format=gnu"
expect_same --ignore xattrs "$T/a" "$T/gnu.tar"
run_tc "$T/a" "$T/gnu.tar"
[ "$ST" = 1 ] || fail "the GNU format keeps no xattrs, yet: $OUT"

tar --xattrs -C "$T" -cpf "$T/dir.tar" a || fail "tar of the directory"
expect_same --strip-components 1 "$T/a" "$T/dir.tar"

# Members of a tarball of some contents only: the top is not compared.
tar --xattrs -C "$T/a" -cpf "$T/some.tar" etc bin || fail "tar etc bin"
mkdir "$T/some" && cp -a "$T/a/etc" "$T/a/bin" "$T/some/" || fail "cp"
expect_same "$T/some" "$T/some.tar"

printf 'changed\n' >"$T/a/etc/passwd"
run_tc "$T/a" "$T/a.tar"
[ "$ST" = 1 ] || fail "a change against the tarball: exit $ST: $OUT"
printf '%s\n' "$OUT" | grep -q '^etc/passwd: content: ' || fail "no content line: $OUT"
exit 0
