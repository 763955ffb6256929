# getcwd follows the working directory, not a remembered string: after
# another process renames an ancestor of the cwd (twice, the second time
# moving it deeper), getcwd names the new place and relative paths still
# work; after the cwd itself is removed, getcwd fails with ENOENT (glibc and
# the raw syscall), stat(".") shows nlink 0, mkdir in it fails, and `..`
# still leads to its old parent.  Done twice with the static program
# `cwdgone`: the other process is a traced child ("inner"), then a host
# process outside iamroot-run ("outer"); both compared with a real chroot.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/integration/lib-root.sh"
. "$SRCDIR/tests/vroot/lib-vroot.sh"

layout() {
	vroot_make "$1"
	vroot_install cwdgone "$1"
	as_user sh -c 'mkdir -p "$1/g/a/b" && echo here >"$1/g/a/b/here"' sh "$1" ||
		fail "laying out $1"
}

wait_for() {
	wf_i=0
	while [ ! -e "$1" ]; do
		wf_i=$((wf_i + 1))
		[ "$wf_i" -le 600 ] || return 1
		sleep 0.1
	done
}

# drive ROOT: the outside process's part of `cwdgone outer`.
drive() {
	wait_for "$1/g/ready-1" || return 1
	as_user mv "$1/g/a" "$1/g/z" && as_user touch "$1/g/go-1" || return 1
	wait_for "$1/g/ready-2" || return 1
	as_user mkdir "$1/g/y" && as_user mv "$1/g/z" "$1/g/y/moved" && as_user touch "$1/g/go-2" || return 1
	wait_for "$1/g/ready-3" || return 1
	as_user rm "$1/g/y/moved/b/here" && as_user rmdir "$1/g/y/moved/b" && as_user touch "$1/g/go-3"
}

# outer OUT CMD...: run CMD (cwdgone outer) in the background and drive it.
outer() {
	o_out=$1
	shift
	run_to "$o_out" "$@" &
	o_pid=$!
	drive "$R_DRIVEN" || echo "the outside process timed out waiting" >>"$o_out.drive"
	wait "$o_pid"
	[ ! -e "$o_out.drive" ] || cat "$o_out.drive" >>"$o_out"
}

R="$W/root"
layout "$R"
run_to "$T/traced-inner" traced -r "$R" -- /cwdgone inner
rm -rf "$R" && layout "$R"
R_DRIVEN=$R
outer "$T/traced-outer" traced -r "$R" -- /cwdgone outer

oracle_in= oracle_out=
if is_root; then
	O="$W/oracle"
	layout "$O"
	run_to "$T/oracle-inner" oracle_chroot "$O" /cwdgone inner
	rm -rf "$O" && layout "$O"
	R_DRIVEN=$O
	outer "$T/oracle-outer" oracle_chroot "$O" /cwdgone outer
	oracle_in="$T/oracle-inner"
	oracle_out="$T/oracle-outer"
fi
check_transcript cwdgone-inner "$T/traced-inner" "$oracle_in" "getcwd after a traced process renamed/removed the cwd: iamroot-run differs from a real chroot"
check_transcript cwdgone-outer "$T/traced-outer" "$oracle_out" "getcwd after a host process renamed/removed the cwd: iamroot-run differs from a real chroot"
exit 0
