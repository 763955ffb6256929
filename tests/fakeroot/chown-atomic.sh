# An lchown is atomic for other sessions: while one iamroot-run chowns a
# regular file over and over (uid 100000+i and gid 200000+i together),
# another iamroot-run stats it in a tight loop for 2 s and must never see
# the uid of one chown with the gid of another (what a SIGKILL between the
# two would leave for good: see sigkill-store).  Oracle: exact values
# (real root's chown is atomic; it never shows a mixed owner).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

scene atomic
# The writer, in the background; $! is iamroot-run's pid (exec all the way).
if is_root; then
	(cd "$TD" && exec setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --clear-groups \
		--inh-caps=-all -- "$IR" -- "$F/chownloop" . 1 files >"$T/w.out" 2>"$T/w.err") &
else
	(cd "$TD" && exec "$IR" -- "$F/chownloop" . 1 files >"$T/w.out" 2>"$T/w.err") &
fi
writer=$!
n=0
until [ -s "$T/w.out" ]; do
	n=$((n + 1))
	[ $n -lt 1000 ] || { kill -KILL "$writer"; fail "the writer printed nothing: $(cat "$T/w.err")"; }
	sleep 0.01
done
on_traced -- '"$F/chownloop" --watch n0 2' >"$T/watch"
kill -KILL "$writer"
{ wait "$writer"; } 2>/dev/null
samples=$(head -n 1 "$T/watch" | cut -d' ' -f1)
[ "${samples:-0}" -ge 1000 ] || fail "the watcher made too few samples: $(cat "$T/watch")"
echo "NOTE: $samples samples while the writer made $(wc -l <"$T/w.out") lchowns" >&2
tail -n +2 "$T/watch" >"$T/watch-result"
compare "owners seen by another session during lchowns" - "$T/watch-result" <<'EOT'
mixed owners seen: 0
exit=0
EOT
exit 0
