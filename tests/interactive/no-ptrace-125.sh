# When ptrace or seccomp is unavailable (a container's seccomp profile, a
# hardened kernel), iamroot-run must not run the command untraced: it prints
# ONE line on stderr naming the missing facility and exits 125.
# The sysdeny helper (sysdeny.c) installs a seccomp filter making ptrace()
# fail with EPERM, or seccomp() and prctl(PR_SET_SECCOMP) fail with EINVAL,
# checks that it took effect, then execs iamroot-run.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

if [ -n "${SYSDENY:-}" ]; then
	cp "$SYSDENY" "$T/bin/sysdeny"
else	# run by hand, outside meson
	cc -D_GNU_SOURCE -o "$T/bin/sysdeny" "$SRCDIR/tests/interactive/sysdeny.c" \
		-lseccomp || skip "cannot build sysdeny (libseccomp missing?)"
fi
SD="$T/bin/sysdeny"
# LeakSanitizer needs ptrace to inspect the process at exit: in the
# sanitizer build it would abort where ptrace is denied, which is this test.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# Baseline: the same command succeeds under iamroot-run and natively under
# the helper, so a 125 below is caused by the missing facility alone.
traced_t -- sh -c 'touch "$0"' "$W/ran" 2>"$T/err"; st=$?
check_eq 0 "$st" "baseline: iamroot-run -- touch (stderr: $(cat "$T/err"))"
[ -e "$W/ran" ] || fail "baseline: iamroot-run did not run the command"
for what in ptrace seccomp; do
	as_user "$SD" "$what" sh -c 'exit 0' 2>"$T/err"; st=$?
	check_eq 0 "$st" "helper 'sysdeny $what' alone (stderr: $(cat "$T/err"))"
done

for what in ptrace seccomp; do
	rm -f "$W/ran"
	out=$(as_user "$SD" "$what" timeout -k 5 30 "$IR" -- touch "$W/ran" 2>"$T/err"); st=$?
	check_eq 125 "$st" "status with $what unavailable (stderr: $(cat "$T/err"))"
	check_eq "" "$out" "stdout with $what unavailable"
	check_eq 1 "$(wc -l <"$T/err")" \
		"number of stderr lines with $what unavailable (stderr: $(cat "$T/err"))"
	grep -qi "$what" "$T/err" ||
		fail "$what unavailable: stderr does not name $what: $(cat "$T/err")"
	[ ! -e "$W/ran" ] || fail "$what unavailable: the command ran untraced"
	# Also in verbose mode the status stays 125 and the command does not run.
	as_user "$SD" "$what" timeout -k 5 30 "$IR" -v -- touch "$W/ran" 2>"$T/err"; st=$?
	check_eq 125 "$st" "status of -v with $what unavailable (stderr: $(cat "$T/err"))"
	[ ! -e "$W/ran" ] || fail "$what unavailable (-v): the command ran untraced"
done
exit 0
