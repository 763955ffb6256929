# mknod of character and block devices and fifos (mknod p, mkfifo) succeeds
# for root; stat, ls -l and test show the type and major/minor numbers (a
# large minor too) in this run and the next, find -type c/-type b/-type p
# finds them (find may go by the d_type of directory entries), and a char
# device 1,3 opens as the null device does.  Oracle: the same commands as
# real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
mknod c c 1 3
mknod -m 600 c2 c 4 5
mknod big c 259 70000
mknod b b 7 0
mknod p p
mkfifo q
touch plain
echo x >c
echo "read from c: $(wc -c <c)"
'
show='
stat -c "%n %u %g %a %F %t %T" b big c c2 p plain q
ls -ln --time-style=+ | grep -v "^total"
echo "type c:"; find . -type c | sort
echo "type b:"; find . -type b | sort
echo "type p:"; find . -type p | sort
echo "type f:"; find . -type f | sort
echo "printf %y:"; find . -mindepth 1 -printf "%p %y\n" | sort
test -c c && test -b b && test -p p && test -f plain && echo "test: types right"
'
scene mknod
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"

expected_show='b 0 0 644 block special file 7 0
big 0 0 644 character special file 103 11170
c 0 0 644 character special file 1 3
c2 0 0 600 character special file 4 5
p 0 0 644 fifo 0 0
plain 0 0 644 regular empty file 0 0
q 0 0 644 fifo 0 0
brw-r--r-- 1 0 0   7,     0  b
crw-r--r-- 1 0 0 259, 70000  big
crw-r--r-- 1 0 0   1,     3  c
crw------- 1 0 0   4,     5  c2
prw-r--r-- 1 0 0          0  p
-rw-r--r-- 1 0 0          0  plain
prw-r--r-- 1 0 0          0  q
type c:
./big
./c
./c2
type b:
./b
type p:
./p
./q
type f:
./plain
printf %y:
./b b
./big c
./c c
./c2 c
./p p
./plain f
./q p
test: types right
exit=0'
compare "mknod then stat, ls, find" "$oracle1" "$T/t1" <<EOT
read from c: 0
$expected_show
EOT
compare "the same in a second run" "$oracle2" "$T/t2" <<EOT
$expected_show
EOT
exit 0
