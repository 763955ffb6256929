# chown to several owners (a file, a directory, a symlink with chown -h, a
# fifo, a device node, large ids, uid only, group only) shows the new owners
# through every stat call (stat/statx, lstat, fstat, fstatat via find), and
# the same in a second iamroot-run invocation: the owners of the symlink and
# the fifo can only be in the fallback store, so a run that forgets the store
# fails here.  Oracle: the same commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
mkdir d
touch f1 f2 f3 f4 f5
ln -s f1 sl
mkfifo p
mknod c c 1 3
chown 1:2 f1
chown 123:456 f2
chown 3000000000:3000000001 f3
chown 42 f4
chown :43 f5
chown 1000:0 d
chown -h 77:88 sl
chown 99:98 p
chown 5:6 c
'
show='
stat -c "%n %u %g %a %F %t %T" d f1 f2 f3 f4 f5 sl p c
echo "stat -L sl: $(stat -L -c "%u %g" sl)"
echo "fstat f2: $(stat -c "%u %g" - <f2)"
find . -mindepth 1 -printf "%p %U %G %m\n" | sort
ls -ln --time-style=+ | grep -v "^total"
'
scene chown
oracle=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle="$T/o1"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"

expected_show='d 1000 0 755 directory 0 0
f1 1 2 644 regular empty file 0 0
f2 123 456 644 regular empty file 0 0
f3 3000000000 3000000001 644 regular empty file 0 0
f4 42 0 644 regular empty file 0 0
f5 0 43 644 regular empty file 0 0
sl 77 88 777 symbolic link 0 0
p 99 98 644 fifo 0 0
c 5 6 644 character special file 1 3
stat -L sl: 1 2
fstat f2: 123 456
./c 5 6 644
./d 1000 0 755
./f1 1 2 644
./f2 123 456 644
./f3 3000000000 3000000001 644
./f4 42 0 644
./f5 0 43 644
./p 99 98 644
./sl 77 88 777
crw-r--r-- 1          5          6 1, 3  c
drwxr-xr-x 2       1000          0 4096  d
-rw-r--r-- 1          1          2    0  f1
-rw-r--r-- 1        123        456    0  f2
-rw-r--r-- 1 3000000000 3000000001    0  f3
-rw-r--r-- 1         42          0    0  f4
-rw-r--r-- 1          0         43    0  f5
prw-r--r-- 1         99         98    0  p
lrwxrwxrwx 1         77         88    2  sl -> f1
exit=0'
compare "chown then stat, in the same run" "$oracle" "$T/t1" <<EOT
$expected_show
EOT
[ "$oracle" = - ] || oracle="$T/o2"
compare "the same stat in a second iamroot-run" "$oracle" "$T/t2" <<EOT
$expected_show
EOT
exit 0
