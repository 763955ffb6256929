# A new file, fifo, device node, symlink or directory in a setgid directory
# takes the directory's group, and a new directory is setgid too, at every
# depth (mkdir -p), also when made by another user (uid 1000, not in the
# group) after setpriv; a directory that is not setgid (chmod g-s) gives
# the creator's group again; in this run and the next.  Oracle: the same
# commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
mkdir d
chown 0:50 d
chmod 2777 d
mkdir d/sub
touch d/f
echo >d/r
mknod d/c c 1 3
mkfifo d/p
ln -s x d/l
mkdir -p d/a/b/c
setpriv --reuid=1000 --regid=1000 --clear-groups mkdir d/u
setpriv --reuid=1000 --regid=1000 --clear-groups touch d/uf
mkdir d/plain
chmod g-s d/plain
touch d/plain/f
mkdir d/plain/sub
'
show='
cd d && stat -c "%n %u %g %a %F" . sub f r c p l a a/b a/b/c u uf plain plain/f plain/sub
'
scene setgid
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"
expected='. 0 50 2777 directory
sub 0 50 2755 directory
f 0 50 644 regular empty file
r 0 50 644 regular file
c 0 50 644 character special file
p 0 50 644 fifo
l 0 50 777 symbolic link
a 0 50 2755 directory
a/b 0 50 2755 directory
a/b/c 0 50 2755 directory
u 1000 50 2755 directory
uf 1000 50 644 regular empty file
plain 0 50 755 directory
plain/f 0 0 644 regular empty file
plain/sub 0 0 755 directory
exit=0'
compare "new files in a setgid directory" "$oracle1" "$T/t1" <<EOT
$expected
EOT
compare "the same in a second run" "$oracle2" "$T/t2" <<EOT
$expected
EOT
exit 0
