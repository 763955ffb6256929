# A musl-linked program (PIE, interpreter /lib/ld-musl-x86_64.so.1) runs in
# a root that holds nothing but musl's loader-and-libc and the program, laid
# out as Alpine does (real /bin and /lib, no merged /usr): it sees its exec
# (argv, /proc/self/exe, comm, AT_EXECFN, AT_SECURE, one constructor run) as
# under a real chroot, directly, by execvp, by a relative path and through
# a symlink, reads the guest's /etc, and the loader mapped is the root's
# copy, not the host's musl.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

[ -x "$EXEC_PROGS/probe-musl" ] || skip "no probe-musl (musl-gcc not found at build time)"
MUSL_LDSO=/lib/ld-musl-x86_64.so.1
[ -e "$MUSL_LDSO" ] || skip "no $MUSL_LDSO (Debian: musl)"

R="$W/root"
as_user sh -c '
	set -e
	mkdir -p "$1"
	cd "$1"
	mkdir -p bin lib etc proc tmp
	echo guest-etc-marker >etc/marker
	ln -s probe bin/link' sh "$R" || fail "laying out $R"
install_as_user "$MUSL_LDSO" "$R$MUSL_LDSO"
install_as_user "$EXEC_PROGS/probe-musl" "$R/bin/probe"

cases() {
	tcase "direct: /bin/probe" /bin/probe show --exe=/bin/probe
	tcase "through a symlink: /bin/link" /bin/link show --exe=/bin/probe
	tcase "execv /bin/probe" /bin/probe exec execv /bin/probe probe show --exe=/bin/probe
	tcase "execvp link (PATH=/bin)" /bin/probe setenv PATH=/bin exec execvp link link show --exe=/bin/probe
	tcase "execv ./probe in /bin" /bin/probe cd /bin exec execv ./probe ./probe show --exe=/bin/probe
	tcase "execv from a second thread" /bin/probe pid exec thread /bin/probe probe show --exe=/bin/probe
	# fix_execfn reads the new stack from sp: whether the stack's end is
	# more or less than a page away is random, and the environment's size
	# counts, so many runs with a small environment.
	echo "== AT_EXECFN in 24 runs, env -i"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24; do
		(cd "$W" && in_root -i /bin/probe show) | grep '^execfn='
	done
	tcase "cat /etc/marker" /bin/probe cat /etc/marker
	tcase "the loader run as a program: $MUSL_LDSO /bin/probe" "$MUSL_LDSO" /bin/probe show --exe="$MUSL_LDSO"
}
compare_modes musl-root "a musl program in a musl-only root differs from a real chroot" cases

MODE=traced
run_to "$T/maps" in_root /bin/probe maps
grep -qx 'exit=0' "$T/maps" || { cat "$T/maps" "$T/maps.err" >&2; fail "probe maps failed"; }
maps_all_in_root "$T/maps" "$R" >/dev/null
maps_check "$T/maps" "$R" "$MUSL_LDSO" /bin/probe
exit 0
