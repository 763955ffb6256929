# Device numbers: "PATH: dev: MAJ,MIN != MAJ,MIN", for char and block
# devices; a char device against a block one is a type difference.
. "$SRCDIR/tests/treecmp/lib-treecmp.sh"
need_root "make device nodes"

mk_sample "$T/a"
cp -a "$T/a" "$T/b" || fail "cp -a"
rm "$T/b/dev/null" "$T/b/dev/sda"
mknod "$T/b/dev/null" c 1 5 && chmod 666 "$T/b/dev/null" || fail "mknod"
mknod "$T/b/dev/sda" b 8 16 && chown 0:6 "$T/b/dev/sda" && chmod 660 "$T/b/dev/sda" || fail "mknod"
expect_diffs "dev/null: dev: 1,3 != 1,5
dev/sda: dev: 8,0 != 8,16" "$T/a" "$T/b"
rm "$T/b/dev/sda"
mknod "$T/b/dev/sda" c 8 0 && chown 0:6 "$T/b/dev/sda" && chmod 660 "$T/b/dev/sda" || fail "mknod"
expect_diffs "dev/null: dev: 1,3 != 1,5
dev/sda: type: blockdev != chardev" "$T/a" "$T/b"
exit 0
