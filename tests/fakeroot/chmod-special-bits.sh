# chmod to modes the real user could not keep (setuid, setgid, sticky, 0,
# world-writable) is shown inside, in this run and the next, as real root
# sees it; on disk the file stays harmless and usable: never setuid or
# setgid, never writable by group or others, always rw (rwx for a directory)
# for its owner.  chown clears setuid, and setgid where group-exec is set,
# on everything but directories, as the kernel does for root.  Oracle: the
# same commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

make='
touch su sg sug sticky www none x sgnx
mkdir dsg dst d777 d000
chmod 4755 su
chmod 2755 sg
chmod 6755 sug
chmod 1644 sticky
chmod 0777 www
chmod 0 none
chmod 0711 x
chmod 2745 sgnx
chmod 2775 dsg
chmod 1777 dst
chmod 0777 d777
chmod 0 d000
touch c1 c2 c3 c4
mkdir cd
chmod 4755 c1
chmod 2755 c2
chmod 2745 c3
chmod 6711 c4
chmod 6755 cd
chown 1:1 c1 c2 c3 c4 cd
'
show='
stat -c "%n %a %A" su sg sug sticky www none x sgnx dsg dst d777 d000
stat -c "%n %u %g %a" c1 c2 c3 c4 cd
'
scene modes
oracle1=- oracle2=-
if is_root; then
	on_root "$make$show" >"$T/o1"
	on_root "$show" >"$T/o2"
	oracle1="$T/o1" oracle2="$T/o2"
fi
on_traced -- "$make$show" >"$T/t1"
on_traced -- "$show" >"$T/t2"

expected='su 4755 -rwsr-xr-x
sg 2755 -rwxr-sr-x
sug 6755 -rwsr-sr-x
sticky 1644 -rw-r--r-T
www 777 -rwxrwxrwx
none 0 ----------
x 711 -rwx--x--x
sgnx 2745 -rwxr-Sr-x
dsg 2775 drwxrwsr-x
dst 1777 drwxrwxrwt
d777 777 drwxrwxrwx
d000 0 d---------
c1 1 1 755
c2 1 1 755
c3 1 1 2745
c4 1 1 711
cd 1 1 6755
exit=0'
compare "chmod shown inside" "$oracle1" "$T/t1" <<EOT
$expected
EOT
compare "chmod shown in a second run" "$oracle2" "$T/t2" <<EOT
$expected
EOT
real_modes_safe "$TD"/*
exit 0
