# A trapped open() of a FIFO blocks, is interrupted by SIGALRM handlers
# (SA_RESTART) that themselves stat and open other paths, and is restarted by
# the kernel: it must still open the FIFO.  Run with -r / and then in a guest
# root (-r DIR, guest paths), where the path really is rewritten, so the
# handler's calls reuse whatever scratch memory held the FIFO's translated
# path.  Also for the i386 build when there is one.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"

long=a-directory-with-a-rather-long-name-so-that-the-translated-path-is-longer/and-one-more-level-of-it
ok='^restart-trapped: open restarted after [0-9]+ alarms, ok$'

# run_ok WHAT CMD...: CMD must exit 0 and print the success line.
run_ok() {
	local what=$1 out st
	shift
	out=$("$@" 2>&1); st=$?
	if [ "$st" != 0 ] || ! printf '%s\n' "$out" | grep -Eq "$ok"; then
		fail "$what: status $st, output: $out"
	fi
}

# Host paths.
as_user sh -c 'mkfifo "$1/fifo" && echo other >"$1/other" &&
	mkdir -p "$1/$2" && echo long >"$1/$2/file"' sh "$W" "$long" ||
	fail "setting up $W"

# Guest root with the static programs; guest paths do not exist on the host.
R="$W/root"
make_root "$R"
as_user sh -c 'mkfifo "$1/tmp/iamroot-guest-fifo" &&
	echo other >"$1/etc/iamroot-guest-other" &&
	mkdir -p "$1/tmp/$2" && echo long >"$1/tmp/$2/file"' sh "$R" "$long" ||
	fail "setting up $R"

for prog in restart-trapped restart-trapped-32; do
	[ -x "$P/$prog" ] || continue
	host_args="$W/fifo $W/other $W/$long/file"
	# shellcheck disable=SC2086 # the paths have no blanks
	run_ok "$prog natively (oracle)" as_user "$P/$prog" $host_args
	# shellcheck disable=SC2086
	run_ok "$prog under iamroot-run" traced -- "$P/$prog" $host_args
	# shellcheck disable=SC2086
	run_ok "$prog under iamroot-run -r /" traced -r / -- "$P/$prog" $host_args

	static=$prog-static
	[ "$prog" = restart-trapped-32 ] && static=$prog
	[ -x "$P/$static" ] || fail "$static was not built"
	as_user cp "$P/$static" "$R/bin/$prog" || fail "copying $static into $R"
	run_ok "$prog in a guest root (-r $R)" traced -r "$R" -- "/bin/$prog" \
		/tmp/iamroot-guest-fifo /etc/iamroot-guest-other "/tmp/$long/file" /bin/sh
done
exit 0
