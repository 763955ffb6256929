# Another file type at the same path, and a path on one side only:
# "PATH: type: LEFT != RIGHT", "(absent)" for the missing side.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make the sample tree"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
rm "$T/b/tmp/fifo" && : >"$T/b/tmp/fifo"
rm -r "$T/b/home/user" && : >"$T/b/home/user" && chown 1000:1000 "$T/b/home/user" &&
	chmod 755 "$T/b/home/user" || fail "home/user"
: >"$T/b/etc/new"
expect_diffs "etc/new: type: (absent) != file
home/user: type: dir != file
home/user/notes: type: file != (absent)
tmp/fifo: type: fifo != file" "$T/a" "$T/b"
summary_has "23 entries, 19 identical, 2 different, 1 only in left, 1 only in right, 4 differences"
exit 0
