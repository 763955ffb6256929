# Root ignores permission bits: a mode 000 file is read and appended to, a
# 0555 directory takes new files, directories and renames, a 000 directory
# is listed and entered; but a file without any x bit does not execute,
# and one with only a group or other x bit does (root needs one x bit).
# Oracle: the same commands as real root.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/fakeroot/lib-fakeroot.sh"

root_vs_traced "root ignores permission bits" '
echo secret >f
chmod 000 f
cat f
echo more >>f
cat f
stat -c "%n %a" f
cp f copy && cat copy
mkdir d
chmod 555 d
touch d/x
mkdir d/y
echo hi >d/z
ls d
rm d/x
rmdir d/y
mv d/z d/w
ls d
stat -c "%n %a" d
mkdir e
touch e/old
chmod 000 e
ls e
touch e/new
ls e
(cd e && ls)
stat -c "%n %a" e
printf "#!/bin/sh\necho ran \$0\n" >s
chmod 644 s
./s; echo "mode 644: $?"
chmod 100 s
./s; echo "mode 100: $?"
chmod 010 s
./s; echo "mode 010: $?"
chmod 001 s
./s; echo "mode 001: $?"
chmod 000 s
./s; echo "mode 000: $?"
' <<'EOT'
secret
secret
more
f 0
secret
more
x
y
z
w
d 555
old
new
old
new
old
e 0
sh: 30: ./s: Permission denied
mode 644: 126
ran ./s
mode 100: 0
ran ./s
mode 010: 0
ran ./s
mode 001: 0
sh: 38: ./s: Permission denied
mode 000: 126
exit=0
EOT
exit 0
