# Programs of another machine run through qemu-user, found by iamroot-run
# (qemu-aarch64-static or qemu-aarch64) or named with -q: an arm64 root
# unpacked from the machine's Debian suite (busybox-static, dash, libc6 for
# arm64, fetched with the machine's apt sources into a private apt state,
# once, then cached) runs static busybox and dynamic dash (the root's
# ld-linux-aarch64.so.1 and libc.so.6 mapped, not anything of the host),
# dash runs busybox applets by PATH lookup (an exec from inside qemu), and
# they see the guest's /etc, / and /proc/self/exe.  There is no binfmt_misc
# oracle here: the expected values are exact (uname -m says aarch64, the
# marker's content, the root's listing as the host sees it).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

QEMU=
for q in /usr/bin/qemu-aarch64-static /usr/bin/qemu-aarch64 /usr/local/bin/qemu-aarch64-static \
	 /usr/local/bin/qemu-aarch64; do
	[ -x "$q" ] && { QEMU=$q; break; }
done
[ -n "$QEMU" ] || skip "no qemu-aarch64[-static] (Debian: qemu-user-static)"

debs=$(debs_fetch machine arm64 busybox-static dash libc6)
st=$?
[ "$st" = 77 ] && skip "no arm64 packages: no reachable mirror and nothing cached (see above)"
[ "$st" = 0 ] || fail "fetching arm64 packages"

R="$W/root"
debs_extract "$debs" "$R"
[ -x "$R/usr/bin/busybox" ] && [ -x "$R/usr/bin/dash" ] || fail "no busybox or dash in $R"
as_user sh -c '
	set -e
	mkdir -p "$1/usr/local/bin"
	for a in cat uname ls readlink echo; do ln -s /bin/busybox "$1/usr/local/bin/$a"; done' \
	sh "$R" || fail "linking busybox applets in $R"

P=PATH=/usr/local/bin:/usr/bin:/bin
DASH_SCRIPT='echo "0=$0 #=$#"
uname -m
cat /etc/marker
echo "dash exe: $(readlink /proc/$$/exe)"
echo "cat comm: $(cat /proc/self/comm)"
ls /
echo $((6 * 7))
exit 7'
cases() {
	tcase "busybox uname -m" "$P" /bin/busybox uname -m
	tcase "busybox cat /etc/marker" "$P" /bin/busybox cat /etc/marker
	tcase "busybox ls /" "$P" /bin/busybox ls /
	tcase "busybox readlink /proc/self/exe" "$P" /bin/busybox readlink /proc/self/exe
	tcase "applet through a symlink: cat /proc/self/comm" "$P" /usr/local/bin/cat /proc/self/comm
	tcase "dash -c" "$P" /bin/dash -c "$DASH_SCRIPT" zero
	IR_OPTS="-q $QEMU"
	tcase "with -q: busybox uname -m" "$P" /bin/busybox uname -m
	IR_OPTS=
}
listing=$(cd "$R" && LC_ALL=C ls)
expected_transcript() {
	cat <<EOF
== busybox uname -m
aarch64
exit=0
== busybox cat /etc/marker
guest-etc-marker
exit=0
== busybox ls /
$listing
exit=0
== busybox readlink /proc/self/exe
/usr/bin/busybox
exit=0
== applet through a symlink: cat /proc/self/comm
cat
exit=0
== dash -c
0=zero #=0
aarch64
guest-etc-marker
dash exe: /usr/bin/dash
cat comm: cat
$listing
42
exit=7
== with -q: busybox uname -m
aarch64
exit=0
EOF
}
MODE=traced
cases >"$T/traced" 2>"$T/traced.err"
[ -n "${EXEC_KEEP:-}" ] && cp "$T/traced" "$T/traced.err" "$EXEC_KEEP/"
expected_transcript >"$T/expected"
check_same_known "$T/expected" "$T/traced" "arm64 programs through qemu-user: not the expected output"

# dash's own mappings (qemu answers /proc/self/maps for its guest): the
# root's arm64 loader and C library.
run_to "$T/maps.raw" in_root "$P" /bin/dash -c 'while read -r l; do echo "$l"; done </proc/self/maps'
grep -qx 'exit=0' "$T/maps.raw" || { cat "$T/maps.raw" "$T/maps.raw.err" >&2; fail "reading dash's /proc/self/maps failed"; }
awk 'NF >= 6 && $6 ~ /^\// && !seen[$6]++ { print "map", $4, $5, $6 }' "$T/maps.raw" >"$T/maps"
maps_all_in_root "$T/maps" "$R" >/dev/null
maps_check "$T/maps" "$R" /usr/bin/dash /lib/ld-linux-aarch64.so.1 /lib/aarch64-linux-gnu/libc.so.6
exit 0
