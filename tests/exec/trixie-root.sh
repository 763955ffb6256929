# A guest root unpacked from Debian trixie packages (libc6 2.41, newer than
# this Debian 12 host's 2.36; coreutils, dash, perl-base and the libraries
# they need; merged /usr) runs its own programs under iamroot-run: ls, dash
# -c and perl -e print what they print under a real chroot (exit statuses
# too), report the trixie versions (so the guest's programs and libc ran:
# the host's glibc could not even load them), see the root's /etc, and
# /proc/self/maps of a guest program lists the root's ld.so and libc.so.6,
# not the host's.  The packages are fetched with the machine's apt sources
# (mirror and keyring read from /etc/apt at run time) into a private apt
# state, once: later runs use the cache and no network (see lib-exec.sh).
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/exec/lib-exec.sh"

debs=$(debs_fetch trixie amd64 libc6 coreutils dash perl-base)
st=$?
[ "$st" = 77 ] && skip "no trixie packages: no reachable mirror and nothing cached (see above)"
[ "$st" = 0 ] || fail "fetching trixie packages"

R="$W/root"
debs_extract "$debs" "$R"
LS_V=$(deb_version "$debs" coreutils) || fail "no coreutils .deb in $debs"
PERL_V=$(deb_version "$debs" perl-base) || fail "no perl-base .deb in $debs"
GLIBC_V=$(deb_version "$debs" libc6) || fail "no libc6 .deb in $debs"
HOST_GLIBC_V=$(LC_ALL=C /lib64/ld-linux-x86-64.so.2 --version 2>/dev/null | sed -n '1s/.* version \([0-9.]*\)\.$/\1/p')
echo "trixie: coreutils $LS_V, perl $PERL_V, glibc $GLIBC_V (host glibc ${HOST_GLIBC_V:-?}); packages in $debs" >&2

P=PATH=/usr/bin:/bin
DASH_SCRIPT='echo "0=$0 #=$#"; set -- a "b c"; echo "$# $2"
for f in /etc/*; do echo "etc: $f"; done
cd /usr/lib && pwd
echo $((6 * 7))
command -v ls
echo "marker: $(cat /etc/marker)"
echo "exe: $(readlink /proc/$$/exe)"
ls -d /lib64 /usr/lib64 | while read -r d; do echo "dir: $d"; done
exit 3'
PERL_SCRIPT='print "perl $^V\n";
print "X=$^X\n";
opendir D, "/" or die; print join(" ", sort grep !/^\.\.?$/, readdir D), "\n";
open F, "<", "/etc/marker" or die "marker: $!"; print "marker: ", <F>;
print "proc: ", (-d "/proc/$$" ? "yes" : "no"), "\n";
my $out = `ls -d /usr`; print "ls from perl: $out";
print "system: ", system("/usr/bin/dash", "-c", "exit 5") >> 8, "\n";
exit 4'
cases() {
	tcase "ls --version" "$P" LC_ALL=C /usr/bin/dash -c 'ls --version | head -n 1'
	tcase "ls -A /" "$P" LC_ALL=C /bin/ls -A /
	tcase "ls -A /etc /usr" "$P" LC_ALL=C /bin/ls -A /etc /usr
	tcase "ls -go of programs and links" "$P" LC_ALL=C /bin/ls -go --time-style=+%s /usr/bin/ls \
		/usr/bin/dash /usr/bin/perl /bin /lib64 /usr/lib64/ld-linux-x86-64.so.2
	tcase "ls -ldgo / /.. /usr/.." "$P" LC_ALL=C /bin/ls -ldgo --time-style=+%s / /.. /usr/..
	tcase "ls of a missing file" "$P" LC_ALL=C /bin/ls /nonexistent
	tcase "readlink /proc/self/exe" "$P" LC_ALL=C /usr/bin/readlink /proc/self/exe
	tcase "dash -c" "$P" LC_ALL=C /bin/dash -c "$DASH_SCRIPT" zero one
	tcase "perl -e" "$P" LC_ALL=C /usr/bin/perl -e "$PERL_SCRIPT"
	tcase "the loader's version" "$P" LC_ALL=C /usr/bin/dash -c '/lib64/ld-linux-x86-64.so.2 --version | head -n 1'
}
MODE=traced
cases >"$T/traced" 2>"$T/traced.err"
[ -n "${EXEC_KEEP:-}" ] && cp "$T/traced" "$T/traced.err" "$EXEC_KEEP/"

# Exact expected values, derived from the packages and the root as the host
# sees it: they hold with or without the oracle.
section() {
	awk -v want="== $1" '$0 == want { on = 1; next } /^== / { on = 0 } on' "$T/traced"
}
expect_section() {
	section "$1" >"$T/got"
	printf '%s\n' "$2" >"$T/want"
	if ! cmp -s "$T/want" "$T/got"; then
		diff -u "$T/want" "$T/got" | tail -n +3 >&2
		echo "standard error under iamroot-run (first 20 lines):" >&2
		head -n 20 "$T/traced.err" >&2
		fail "$1: not the expected output (- expected, + iamroot-run)"
	fi
}
listing=$(cd "$R" && LC_ALL=C ls -A)
etc=$(for f in "$R"/etc/*; do echo "etc: /etc/${f##*/}"; done)
expect_section "ls --version" "ls (GNU coreutils) $LS_V
exit=0"
expect_section "ls -A /" "$listing
exit=0"
expect_section "readlink /proc/self/exe" "/usr/bin/readlink
exit=0"
expect_section "dash -c" "0=zero #=1
2 b c
$etc
/usr/lib
42
/usr/bin/ls
marker: guest-etc-marker
exe: /usr/bin/dash
dir: /lib64
dir: /usr/lib64
exit=3"
expect_section "perl -e" "perl v$PERL_V
X=/usr/bin/perl
$(echo $listing)
marker: guest-etc-marker
proc: yes
ls from perl: /usr
system: 5
exit=4"
section "the loader's version" | grep -q "release version $GLIBC_V\.\$" || {
	section "the loader's version" >&2
	fail "the loader did not say it is glibc $GLIBC_V"
}

if have_oracle; then
	MODE=oracle
	cases >"$T/oracle" 2>"$T/oracle.err"
	[ -n "${EXEC_KEEP:-}" ] && cp "$T/oracle" "$EXEC_KEEP/"
	check_same_known "$T/oracle" "$T/traced" "trixie programs under iamroot-run differ from a real chroot"
fi

# The loader and C library mapped are the root's (trixie's), not the host's.
MODE=traced
run_to "$T/maps.raw" in_root "$P" LC_ALL=C /usr/bin/cat /proc/self/maps
grep -qx 'exit=0' "$T/maps.raw" || { cat "$T/maps.raw" "$T/maps.raw.err" >&2; fail "cat /proc/self/maps failed"; }
awk 'NF >= 6 && $6 ~ /^\// && !seen[$6]++ { print "map", $4, $5, $6 }' "$T/maps.raw" >"$T/maps"
maps_all_in_root "$T/maps" "$R" >/dev/null
maps_check "$T/maps" "$R" /usr/bin/cat /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6
exit 0
