# An unknown option is iamroot-run's own failure: status 125 (as env(1),
# chroot(1), nice(1) use for themselves), a usage text on stderr, nothing on
# stdout, and the command is not run.  Options are only parsed before CMD:
# what follows CMD belongs to CMD even when it looks like an option.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

for opt in --no-such-option-xyzzy -%; do
	rm -f "$W/ran"
	out=$(traced_t "$opt" -- touch "$W/ran" 2>"$T/err"); st=$?
	check_eq 125 "$st" "exit status of iamroot-run $opt"
	check_eq "" "$out" "stdout of iamroot-run $opt"
	grep -qi usage "$T/err" ||
		fail "iamroot-run $opt: no usage text on stderr, got: $(cat "$T/err")"
	[ ! -e "$W/ran" ] || fail "iamroot-run $opt: the command ran anyway"
done

# Oracle for the parsing rule: env(1) runs 'sh -c ... --bogus' and returns 3.
check_eq 3 "$(as_user env sh -c 'exit 3' x --bogus; echo $?)" "native oracle"
traced_t sh -c 'exit 3' x --bogus 2>"$T/err"; st=$?
check_eq 3 "$st" "status of 'iamroot-run sh -c \"exit 3\" x --bogus' (stderr: $(cat "$T/err"))"
traced_t -- sh -c 'exit 3' x -% 2>"$T/err"; st=$?
check_eq 3 "$st" "status of 'iamroot-run -- sh -c \"exit 3\" x -%' (stderr: $(cat "$T/err"))"
exit 0
