# New files' fake modes are the requested modes masked by the umask, for
# every way of making one (open O_CREAT by a shell redirection and touch,
# mkdir, mkdir -m, mknod of a device and a fifo, mkfifo, cp, symlinks
# always 777), under several umasks set inside, and under a umask inherited
# from the caller of iamroot-run (077); on disk no new file is ever writable
# by group or others, whatever the umask, and each can be written and read
# back (root ignores the mode; the real user must keep owner rw).  Oracle: the same commands as real
# root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

script='
touch src; chmod 777 src
for m in 022 027 077 002 000 777; do
	umask $m
	touch f$m
	echo >r$m
	mkdir d$m
	mkdir -m 1777 m$m
	mknod c$m c 1 3
	mkfifo p$m
	mknod q$m p
	ln -s x l$m
	cp src cp$m
done
umask 022
for m in 022 027 077 002 000 777; do
	stat -c "%n %a %F" f$m r$m d$m m$m c$m p$m q$m l$m cp$m
done
for m in 022 027 077 002 000 777; do
	echo "more $m" >>r$m && cat r$m && touch d$m/new && ls d$m
done
'
root_vs_traced "umask set inside" "$script" <<'EOT'
f022 644 regular empty file
r022 644 regular file
d022 755 directory
m022 1777 directory
c022 644 character special file
p022 644 fifo
q022 644 fifo
l022 777 symbolic link
cp022 755 regular empty file
f027 640 regular empty file
r027 640 regular file
d027 750 directory
m027 1777 directory
c027 640 character special file
p027 640 fifo
q027 640 fifo
l027 777 symbolic link
cp027 750 regular empty file
f077 600 regular empty file
r077 600 regular file
d077 700 directory
m077 1777 directory
c077 600 character special file
p077 600 fifo
q077 600 fifo
l077 777 symbolic link
cp077 700 regular empty file
f002 664 regular empty file
r002 664 regular file
d002 775 directory
m002 1777 directory
c002 664 character special file
p002 664 fifo
q002 664 fifo
l002 777 symbolic link
cp002 775 regular empty file
f000 666 regular empty file
r000 666 regular file
d000 777 directory
m000 1777 directory
c000 666 character special file
p000 666 fifo
q000 666 fifo
l000 777 symbolic link
cp000 777 regular empty file
f777 0 regular empty file
r777 0 regular file
d777 0 directory
m777 1777 directory
c777 0 character special file
p777 0 fifo
q777 0 fifo
l777 777 symbolic link
cp777 0 regular empty file

more 022
new

more 027
new

more 077
new

more 002
new

more 000
new

more 777
new
exit=0
EOT
real_modes_safe "$TD"/*

# The umask iamroot-run's caller had is the one the command starts with.
inherited='
touch f; echo >r; mkdir d; mknod c c 1 3; mkfifo p
stat -c "%n %a" c d f p r
'
scene inherited
oracle=-
if is_root; then
	(umask 077 && on_root "$inherited") >"$T/o-inh"
	oracle="$T/o-inh"
fi
(umask 077 && on_traced -- "$inherited") >"$T/t-inh"
compare "umask 077 inherited from the caller" "$oracle" "$T/t-inh" <<'EOT'
c 600
d 700
f 600
p 600
r 600
exit=0
EOT
exit 0
