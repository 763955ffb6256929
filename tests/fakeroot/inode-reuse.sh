# A new file that gets the inode number of a removed one does not inherit
# its fake owner, mode or type: removed and made again inside one run (a
# regular file, a fifo, a symlink, a device node, a directory), and removed
# outside iamroot-run between two runs, then made again natively (fakeroot's
# trap: its save file keeps the dead inode's owner).  20 rounds each; how
# many rounds really reused the inode is said on standard error.  Oracle:
# the same commands as real root (to whom every new file is 0:0), else the
# exact expected text.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

# Inside one run: each round prints the new object's owner, mode and type,
# and "reused" to fd 3 when the inode number came back.
inside='
exec 3>>reuse.log
i=0
while [ $i -lt 20 ]; do
	touch f; chown 5:6 f; chmod 4711 f; a=$(stat -c %i f); rm f
	touch f; [ "$(stat -c %i f)" = "$a" ] && echo reused >&3
	stat -c "file %u %g %a %F" f; rm f
	mkfifo p; chown 5:6 p; chmod 4711 p; a=$(stat -c %i p); rm p
	mkfifo p; [ "$(stat -c %i p)" = "$a" ] && echo reused >&3
	stat -c "fifo %u %g %a %F" p; rm p
	ln -s x l; chown -h 5:6 l; a=$(stat -c %i l); rm l
	ln -s x l; [ "$(stat -c %i l)" = "$a" ] && echo reused >&3
	stat -c "symlink %u %g %a %F" l; rm l
	mknod c c 1 3; chown 5:6 c; a=$(stat -c %i c); rm c
	touch c; [ "$(stat -c %i c)" = "$a" ] && echo reused >&3
	stat -c "device-then-file %u %g %a %F %t %T" c; rm c
	mkdir d; chown 5:6 d; chmod 3777 d; a=$(stat -c %i d); rmdir d
	mkdir d; [ "$(stat -c %i d)" = "$a" ] && echo reused >&3
	stat -c "dir %u %g %a %F" d; rmdir d
	i=$((i + 1))
done | sort | uniq -c
'
root_vs_traced "unlink then make again, in one run" "$inside" <<'EOT'
     20 device-then-file 0 0 644 regular empty file 0 0
     20 dir 0 0 755 directory
     20 fifo 0 0 644 fifo
     20 file 0 0 644 regular empty file
     20 symlink 0 0 777 symbolic link
exit=0
EOT
echo "NOTE: inside one run, $(wc -l <"$TD/reuse.log") of 100 new objects reused the removed one's inode number" >&2

# Between runs: made and chowned in a run, removed and made again natively
# (by the test identity, outside iamroot-run), looked at in a new run.
scene outside
: >"$T/reused"
i=0
while [ $i -lt 20 ]; do
	on_traced -- 'touch f; chown 5:6 f; chmod 4711 f; mkfifo p; chown 5:6 p; chmod 4711 p
		ln -s x l; chown -h 5:6 l; mknod c c 1 3; chown 5:6 c; stat -c %i f p l c >inodes' \
		>"$T/out" || fail "run $i: $(cat "$T/out")"
	(cd "$TD" && as_user sh -c 'rm f p l c; touch f; mkfifo p; ln -s x l; touch c
		for n in $(stat -c %i f p l c); do
			grep -qx "$n" inodes && echo reused; done >>reuse.log; rm inodes') ||
		fail "remaking outside iamroot-run"
	on_traced -- 'stat -c "%n %u %g %a %F %t %T" c f l p; rm c f l p' >>"$T/t-outside"
	i=$((i + 1))
done
sort "$T/t-outside" | uniq -c >"$T/t-outside-count"
compare "removed and made again outside iamroot-run" - "$T/t-outside-count" <<'EOT'
     20 c 0 0 644 regular empty file 0 0
     20 exit=0
     20 f 0 0 644 regular empty file 0 0
     20 l 0 0 777 symbolic link 0 0
     20 p 0 0 644 fifo 0 0
EOT
echo "NOTE: outside, $(wc -l <"$TD/reuse.log") of 80 new objects reused the removed one's inode number" >&2
exit 0
