# A command that does not exist makes iamroot-run exit 127, as chroot(1),
# env(1) and the shells do, whether it is named by a path or looked up in
# PATH.  Oracle: 'chroot / CMD' run as root (the exact value 127 otherwise).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

# Baseline, so that a missing or broken iamroot-run cannot pass for 127.
traced_t -- sh -c 'exit 0' 2>"$T/err" ||
	fail "baseline: iamroot-run -- sh -c 'exit 0' failed: $(cat "$T/err")"

mkdir "$T/empty"
# A PATH that root and the test user can both search: with one the user cannot
# enter, execvp() reports EACCES (126) for the user and ENOENT (127) for root.
PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin; export PATH
for cmd in /nonexistent/iamroot-no-such-cmd iamroot-no-such-cmd-xyzzy \
		"$T/empty/missing"; do
	if [ "$(id -u)" = 0 ]; then
		chroot / "$cmd" 2>/dev/null; want=$?
		check_eq 127 "$want" "oracle: chroot / $cmd"
	else
		want=127
	fi
	traced_t -- "$cmd" 2>"$T/err"; st=$?
	check_eq "$want" "$st" "status of iamroot-run -- $cmd (stderr: $(cat "$T/err"))"
	# Without '--' too.
	traced_t "$cmd" 2>"$T/err"; st=$?
	check_eq "$want" "$st" "status of iamroot-run $cmd (stderr: $(cat "$T/err"))"
done
exit 0
