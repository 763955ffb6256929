# Options and exit statuses: --exclude (names, paths, directories with all
# below), --compare mtime, --quiet, -q's single line, unknown fields and bad
# input (exit 2), the fidelity rounded down.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
chown 5 "$T/b/etc/passwd"
rm -r "$T/b/home/user"
printf 'x\n' >"$T/b/usr/lib/extra.pyc"

expect_same -x etc/passwd -x home/user -x '*.pyc' "$T/a" "$T/b"
expect_same --exclude etc --exclude home --exclude 'usr/lib/*.pyc' "$T/a" "$T/b"
summary_has "16 entries"
expect_diffs "etc/passwd: owner: 0 != 5" -x home -x '*.pyc' "$T/a" "$T/b"

# mtime: not compared unless asked.
cp -a "$T/a" "$T/c" || fail "cp -a"
touch -d '2001-02-03 04:05:06' "$T/c/etc/passwd"
expect_same "$T/a" "$T/c"
run_tc --compare mtime "$T/a" "$T/c"
[ "$ST" = 1 ] || fail "--compare mtime: exit $ST: $OUT"
printf '%s\n' "$OUT" | grep -q '^etc/passwd: mtime: [0-9]*\.[0-9]\{9\} != 981173106\.000000000$' ||
	fail "--compare mtime: $OUT"
expect_same --compare all --ignore mtime,atime,ctime "$T/a" "$T/c"

run_tc -q "$T/a" "$T/b"
[ "$ST" = 1 ] || fail "-q: exit $ST"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] || fail "-q printed more than the summary: $OUT"
# 19 identical of 23: 82.608...%, shown as 82.60%.
summary_has "23 entries, 19 identical, 1 different, 2 only in left, 1 only in right, 4 differences: fidelity 82.60%"

run_tc --ignore colour "$T/a" "$T/b"
[ "$ST" = 2 ] || fail "unknown field: exit $ST"
run_tc "$T/a" "$T/nonexistent"
[ "$ST" = 2 ] || fail "missing side: exit $ST"
run_tc "$T/a"
[ "$ST" = 2 ] || fail "one operand: exit $ST"
printf 'not a tarball at all\n' >"$T/junk.tar"
run_tc "$T/a" "$T/junk.tar"
[ "$ST" = 2 ] || fail "junk tarball: exit $ST: $OUT"
printf '%s\n' "$ERR" | grep -q 'not a tar archive' || fail "junk tarball: $ERR"
tar -C "$T/a" -cf "$T/cut.tar" . && head -c 3000 "$T/cut.tar" >"$T/cut2.tar" || fail "tar"
run_tc "$T/a" "$T/cut2.tar"
[ "$ST" = 2 ] || fail "truncated tarball: exit $ST: $OUT"
run_tc --fake "$T/cut.tar" "$T/a"
[ "$ST" = 2 ] || fail "--fake on a tarball: exit $ST: $OUT"
"$TC" --help | grep -q '^Usage: ' || fail "--help"
"$TC" --version | grep -q '^iamroot-treecmp ' || fail "--version"
exit 0
