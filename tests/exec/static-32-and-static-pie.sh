# Static programs in a root holding no C library, run as they are (no
# loader): a static i386 program (the i386 syscall ABI), a static-pie and a
# static x86_64 program see their exec as under a real chroot (argv,
# /proc/self/exe and the file behind it, comm, AT_EXECFN, AT_SECURE, one
# constructor run): directly, through symlinks, by relative path, by execvp,
# with fexecve, from a non-leader thread, and each exec'ing the others
# (64 -> 32 -> static-pie -> 64).  AT_EXECFN is checked over many runs with
# a small environment, since how far the new stack reaches above sp is
# random.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

[ -x "$EXEC_PROGS/probe-32" ] ||
	skip "no probe-32 (i686-linux-gnu-gcc not found at build time)"

R="$W/root"
root_skeleton "$R"
install_as_user "$EXEC_PROGS/probe-static-pie" "$R/usr/bin/spie"
install_as_user "$EXEC_PROGS/probe-static" "$R/usr/bin/pstatic"
install_as_user "$EXEC_PROGS/probe-32" "$R/usr/bin/p32"
as_user sh -c 'ln -s p32 "$1/usr/bin/link32" && ln -s spie "$1/usr/bin/linkpie"' sh "$R" ||
	fail "making links in $R"

cases() {
	for p in spie pstatic p32; do
		E=--exe=/bin/$p
		tcase "$p: direct" /bin/$p show $E
		tcase "$p: execv itself" /bin/$p exec execv /bin/$p $p show $E
		tcase "$p: execv ./$p in /bin" /bin/$p cd /bin exec execv ./$p ./$p show $E
		tcase "$p: execvp (PATH=/usr/bin)" /bin/$p setenv PATH=/usr/bin exec execvp $p $p show $E
		tcase "$p: fexecve" /bin/$p exec fexecve /bin/$p $p show $E
		tcase "$p: execveat(/usr, bin/$p)" /bin/$p exec execveat:/usr bin/$p $p show $E
		tcase "$p: execv from a non-leader thread" /bin/$p pid exec thread /bin/$p $p show $E
	done
	tcase "static-pie through a symlink" /bin/linkpie show --exe=/bin/spie
	tcase "i386 through a symlink" /bin/link32 show --exe=/bin/p32
	tcase "64 -> 32 -> static-pie (symlink, from a thread) -> 64" \
		/bin/pstatic exec execv /bin/p32 p32 pid exec thread /bin/linkpie linkpie \
		exec execv /bin/pstatic pstatic show --exe=/bin/pstatic
	tcase "i386 fexecve of static-pie" /bin/p32 exec fexecve /bin/spie spie show --exe=/bin/spie
	for p in spie pstatic p32; do
		echo "== $p: AT_EXECFN and comm in 16 runs, env -i"
		for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
			(cd "$W" && in_root -i /bin/$p show) | grep -e '^execfn=' -e '^comm='
		done
	done
}
compare_modes static-32-and-static-pie \
	"static, static-pie or i386 programs in a root differ from a real chroot" cases

# The program mapped is the root's file.
MODE=traced
for p in spie pstatic p32; do
	run_to "$T/maps.$p" in_root /bin/$p maps
	grep -qx 'exit=0' "$T/maps.$p" || { cat "$T/maps.$p" "$T/maps.$p.err" >&2; fail "$p maps failed"; }
	maps_all_in_root "$T/maps.$p" "$R" >/dev/null
	maps_check "$T/maps.$p" "$R" /usr/bin/$p
done
exit 0
