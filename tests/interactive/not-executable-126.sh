# A command that exists but cannot be executed makes iamroot-run exit 126,
# as chroot(1) does: a file without execute permission (named by a path or
# found in PATH) and a directory.  Oracle: 'chroot / CMD' run as root (the
# exact value 126 otherwise).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/interactive/common.sh"

# Baseline, so that a missing or broken iamroot-run cannot pass for 126.
traced_t -- sh -c 'exit 0' 2>"$T/err" ||
	fail "baseline: iamroot-run -- sh -c 'exit 0' failed: $(cat "$T/err")"

# A PATH that root and the test user can both search (see not-found-127).
PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin; export PATH
mkdir -p "$T/pathdir"
printf '#!/bin/sh\necho ran >"%s/ran"\n' "$W" >"$T/pathdir/noexec-cmd"
chmod 644 "$T/pathdir/noexec-cmd"
mkdir "$T/pathdir/a-directory"

check() { # WHAT PATH CMD
	if [ "$(id -u)" = 0 ]; then
		env PATH="$2" chroot / "$3" 2>/dev/null; want=$?
		check_eq 126 "$want" "oracle: chroot / $3"
	else
		want=126
	fi
	rm -f "$W/ran"
	as_user env PATH="$2" timeout -k 5 30 "$IR" -- "$3" 2>"$T/err"; st=$?
	check_eq "$want" "$st" "$1: status of iamroot-run -- $3 (stderr: $(cat "$T/err"))"
	[ ! -e "$W/ran" ] || fail "$1: the non-executable file was run"
}
check "file without x bit" "$PATH" "$T/pathdir/noexec-cmd"
check "file without x bit found in PATH" "$T/pathdir:$PATH" noexec-cmd
check "directory" "$PATH" "$T/pathdir/a-directory"
exit 0
