# A damaged metadata store is an error, never a silent reset: with bytes
# flipped in the middle of the fallback log (inside a record that is not the
# last), with a damaged header, and with a file at the store's path that is
# not a store at all, iamroot-run exits 125 before running the command,
# says why naming the file (and, for a damaged record, the offset where the
# intact part ends), and leaves the file byte for byte as it was, also when
# run again.  Oracle: exact values (no real-root counterpart).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

S=$IAMROOT_RUN_STORE
scene damaged

# Twelve records in the fallback log: a chown -h of a symlink each.
on_traced -- 'i=0; while [ $i -lt 12 ]; do ln -s x l$i; chown -h $((i + 100)):$((i + 200)) l$i; i=$((i + 1)); done
	stat -c "%n %u %g" l0 l11' >"$T/t0"
compare "twelve chowns of symlinks" - "$T/t0" <<'EOT'
l0 100 200
l11 111 211
exit=0
EOT
size=$(stat -c %s "$S" 2>/dev/null || echo 0)
[ "$size" -ge $((4096 + 12 * 48)) ] || fail "the store ($size bytes) does not hold twelve records"

# flip OFFSET COUNT: invert COUNT bytes of the store at OFFSET, in place.
flip() {
	dd if="$S" bs=1 skip="$1" count="$2" 2>/dev/null | od -An -v -tu1 |
		awk '{ for (i = 1; i <= NF; i++) printf "%03o ", 255 - $i }' >"$T/bytes"
	# shellcheck disable=SC2059 # the format is the bytes, as octal escapes
	printf "$(sed 's/\([0-7]*\) /\\\1/g' "$T/bytes")" |
		dd of="$S" bs=1 seek="$1" conv=notrunc 2>/dev/null || fail "flipping bytes of $S"
	! cmp -s "$S" "$T/good" || fail "flipping bytes of $S changed nothing"
	check_eq "$(stat -c %s "$T/good")" "$(stat -c %s "$S")" "size of the store after flipping bytes"
}

# refused WHAT [PATTERN]: iamroot-run exits 125 without running the command,
# names the store (and PATTERN) on standard error, and leaves it unchanged;
# twice.
refused() {
	cp "$S" "$T/damaged-copy"
	for run in 1 2; do
		(cd "$TD" && traced -- sh -c 'echo the command ran') >"$T/out" 2>"$T/err"
		st=$?
		check_eq 125 "$st" "$1 (run $run): exit status"
		! grep -q "the command ran" "$T/out" || fail "$1 (run $run): the command ran"
		grep -qF "$S" "$T/err" || fail "$1 (run $run): the message does not name $S: $(cat "$T/err")"
		[ -z "${2:-}" ] || grep -q "$2" "$T/err" ||
			fail "$1 (run $run): the message does not say '$2': $(cat "$T/err")"
		cmp -s "$S" "$T/damaged-copy" || fail "$1 (run $run): the store was changed"
	done
	echo "NOTE: $1: $(head -n 3 "$T/err")" >&2
}

# Bytes in the middle of the sixth record.  Records are 8-byte aligned and
# at least 48 bytes, so the first records start at 4096 and the sixth no
# earlier than 4096 + 5 * 48; the message must give the start of the
# damaged record, which is where the intact part of the log ends.
cp "$S" "$T/good"
rec=4096 n=0
while [ $n -lt 5 ]; do
	len=$(od -An -tu4 -j $rec -N 4 "$S" | tr -d ' ')
	rec=$((rec + len))
	n=$((n + 1))
done
flip $((rec + 20)) 4
refused "bytes flipped in the sixth record" "offset $rec"

# The header's magic.
cp "$T/good" "$S"
flip 2 2
refused "a damaged header"

# Not a store: a text file at the store's path.
printf 'my notes\nnot a store\n' >"$S"
refused "a file that is not a store"

# And the intact store still works (nothing was lost).
cp "$T/good" "$S"
on_traced -- 'stat -c "%n %u %g" l0 l5 l11' >"$T/t1"
compare "the intact store" - "$T/t1" <<'EOT'
l0 100 200
l5 105 205
l11 111 211
exit=0
EOT
exit 0
