# The dynamic loader and C library a guest program runs with are the root's,
# not the host's: /proc/self/maps of a dynamic program in a root holding
# copies of ld.so and libc.so.6 lists exactly the files a real chroot maps
# (same devices, inodes and paths: the program, the root's
# ld-linux-x86-64.so.2 and libc.so.6; their address order may differ, a
# NOTE), every one of them a file of the root shown by its path in the root
# (never the host path of DIR), and never the host's
# /lib/x86_64-linux-gnu/libc.so.6 or loader.  Also for a program started by
# exec from inside the root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

R="$W/root"
glibc_root "$R"
install_as_user "$EXEC_PROGS/probe" "$R/usr/bin/probe"

for how in direct exec; do
	if [ $how = direct ]; then set -- /bin/probe maps; else set -- /bin/probe exec execv /bin/probe probe maps; fi
	MODE=traced
	run_to "$T/$how.traced" in_root "$@"
	grep -qx 'exit=0' "$T/$how.traced" || { cat "$T/$how.traced" "$T/$how.traced.err" >&2; fail "probe maps ($how) failed"; }
	kind=$(maps_all_in_root "$T/$how.traced" "$R") || exit 1
	maps_check "$T/$how.traced" "$R" /lib64/ld-linux-x86-64.so.2 \
		/lib/x86_64-linux-gnu/libc.so.6 /usr/bin/probe
	[ "$kind" = guest ] || {
		cat "$T/$how.traced" >&2
		fail "/proc/self/maps ($how) shows $kind paths of the root's files, not their paths in the root"
	}
	if have_oracle; then
		MODE=oracle
		run_to "$T/$how.oracle" in_root "$@"
		grep -qx 'exit=0' "$T/$how.oracle" || { cat "$T/$how.oracle" >&2; fail "the oracle failed"; }
		# The checks themselves, on what the kernel says under chroot.
		maps_all_in_root "$T/$how.oracle" "$R" >/dev/null
		maps_check "$T/$how.oracle" "$R" /lib64/ld-linux-x86-64.so.2 \
			/lib/x86_64-linux-gnu/libc.so.6 /usr/bin/probe
		grep '^map ' "$T/$how.oracle" >"$T/$how.oracle.files"
		grep '^map ' "$T/$how.traced" >"$T/$how.traced.files"
		if ! cmp -s "$T/$how.oracle.files" "$T/$how.traced.files"; then
			# The loader run as the program is mapped where the kernel
			# puts programs: the address order may differ.
			echo "NOTE: $how: the files are mapped in another address order than under chroot:" >&2
			diff "$T/$how.oracle.files" "$T/$how.traced.files" >&2
			sort "$T/$how.oracle.files" >"$T/$how.oracle.files.sorted"
			sort "$T/$how.traced.files" >"$T/$how.traced.files.sorted"
			check_same_known "$T/$how.oracle.files.sorted" "$T/$how.traced.files.sorted" \
				"the files mapped ($how) differ from a real chroot's (device, inode, path)"
		fi
	fi
done
exit 0
