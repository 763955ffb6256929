# Hard links share the fake owner and mode (a regular file, a fifo, a
# symlink, a device node: the last three in the fallback store), rename
# keeps them (in a directory, across directories, over an existing
# target, which takes the renamed one's), removing one link leaves the
# others theirs, in this run and the next.  Oracle: the same commands as
# real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
mkdir sub
touch a
ln a b
chown 7:8 a
mkfifo p
ln p p2
chown 9:10 p2
ln -s t s
ln s s2
chown -h 11:12 s
mknod c c 1 3
ln c c2
chown 13:14 c2
chmod 4711 b
chmod 600 p
mv a a-renamed
mv b sub/b
mv p sub/p
mv s sub/s
mv c sub/c
touch target
chown 1:1 target
mv a-renamed target
mkfifo ptarget
chown 2:2 ptarget
mv p2 ptarget
rm sub/b
'
show='
stat -c "%n %u %g %a %F %h" target sub/p ptarget sub/s s2 sub/c c2
ls -ln --time-style=+ . sub | grep -v "^total"
'
scene links
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"

expected='target 7 8 4711 regular empty file 1
sub/p 9 10 600 fifo 2
ptarget 9 10 600 fifo 2
sub/s 11 12 777 symbolic link 2
s2 11 12 777 symbolic link 2
sub/c 13 14 644 character special file 2
c2 13 14 644 character special file 2
.:
crw-r--r-- 2 13 14 1, 3  c2
prw------- 2  9 10    0  ptarget
lrwxrwxrwx 2 11 12    1  s2 -> t
drwxr-xr-x 2  0  0 4096  sub
-rws--x--x 1  7  8    0  target

sub:
crw-r--r-- 2 13 14 1, 3  c
prw------- 2  9 10    0  p
lrwxrwxrwx 2 11 12    1  s -> t
exit=0'
compare "hard links and renames" "$oracle1" "$T/t1" <<EOT
$expected
EOT
compare "the same in a second run" "$oracle2" "$T/t2" <<EOT
$expected
EOT
exit 0
